import StatesLanguage
import Testing

@Suite struct JSONPathTests {
    let document: JSONValue = [
        "store": [
            "book": [
                ["title": "A", "price": 8.95, "tags": ["x"]],
                ["title": "B", "price": 12.99],
                ["title": "C", "price": 22, "isbn": "0-553"],
            ],
            "bicycle": ["color": "red", "price": 19.95],
        ],
        "my key": 1,
        "list": [1, 2, 3, 4, 5],
    ]

    func evaluate(_ path: String) throws -> JSONValue {
        try JSONPath(path).evaluate(in: document)
    }

    @Test func definitePaths_selectOneValue() throws {
        #expect(try evaluate("$") == document)
        #expect(try evaluate("$.store.bicycle.color") == "red")
        #expect(try evaluate("$['store']['bicycle']['price']") == 19.95)
        #expect(try evaluate("$['my key']") == 1)
        #expect(try evaluate("$.store.book[1].title") == "B")
        #expect(try evaluate("$.list[-1]") == 5)
        #expect(try evaluate("$.store.book[0].tags[0]") == "x")
    }

    @Test func indefinitePaths_selectLists() throws {
        #expect(try evaluate("$.store.book[*].title") == ["A", "B", "C"])
        #expect(try evaluate("$.list[1:3]") == [2, 3])
        #expect(try evaluate("$.list[-2:]") == [4, 5])
        #expect(try evaluate("$.list[:2]") == [1, 2])
        #expect(try evaluate("$.list[0:5:2]") == [1, 3, 5])
        #expect(try evaluate("$.list[0,2,9]") == [1, 3])
        #expect(try evaluate("$.store.bicycle['color','price']") == ["red", 19.95])
        #expect(try evaluate("$..price") == [8.95, 12.99, 22, 19.95])
        #expect(try evaluate("$.store.book[*].isbn") == ["0-553"])
        #expect(try evaluate("$.store.book[*].missing") == [])
        #expect(try evaluate("$.store.*").arrayValue?.count == 2)
    }

    @Test func filters_compareExistAndCombine() throws {
        #expect(try evaluate("$.store.book[?(@.price > 10)].title") == ["B", "C"])
        #expect(try evaluate("$.store.book[?(@.price <= 12.99 && @.title != 'A')].title") == ["B"])
        #expect(try evaluate("$.store.book[?(@.isbn)].title") == ["C"])
        #expect(try evaluate("$.store.book[?(!@.isbn)].title") == ["A", "B"])
        #expect(try evaluate("$.store.book[?(@.title == 'A' || @.price == 22)].title") == ["A", "C"])
        #expect(try evaluate("$.store.book[?(@.title =~ /[ab]/i)].title") == ["A", "B"])
        #expect(try evaluate("$.store.book[?(@.price < $.store.bicycle.price)].title") == ["A", "B"])
    }

    @Test func missingDefinitePath_throwsWithBracketNotation() {
        #expect {
            try evaluate("$.store.car.wheels")
        } throws: { error in
            (error as? JSONPathNotFound)?.description == "No results for path: $['store']['car']['wheels']"
        }
        #expect(throws: JSONPathNotFound.self) { try evaluate("$.list[10]") }
        #expect(throws: JSONPathNotFound.self) { try evaluate("$.list.length") }
    }

    @Test(arguments: ["", "store", "$.", "$[", "$['a'", "$.a[?(@.x > )]", "$.a[1:2:0]", "$ a", "$.a[x]"])
    func invalidSyntax_isRejected(_ text: String) {
        #expect(throws: JSONPathSyntaxError.self) { try JSONPath(text) }
    }

    @Test func contextPaths_areMarked() throws {
        let path = try JSONPath("$$.Execution.Input")
        #expect(path.root == .context)
        #expect(try path.evaluate(in: ["Execution": ["Input": ["a": 1]]]) == ["a": 1])
    }

    @Test func referencePath_createsMissingFieldsAndRejectsConflicts() throws {
        let input: JSONValue = ["a": ["keep": 1], "list": [["x": 1]], "s": "text"]
        #expect(try ReferencePath("$.a.b.c").setting("v", in: input)["a"] == ["keep": 1, "b": ["c": "v"]])
        #expect(try ReferencePath("$.list[0].y").setting(2, in: input)["list"] == [["x": 1, "y": 2]])
        #expect(try ReferencePath("$").setting("whole", in: input) == "whole")
        #expect(throws: ReferencePathConflict.self) { try ReferencePath("$.s.x").setting(1, in: input) }
        #expect(throws: ReferencePathConflict.self) { try ReferencePath("$.list[3]").setting(1, in: input) }
        #expect(throws: ReferencePathConflict.self) { try ReferencePath("$.new[0]").setting(1, in: input) }
        #expect(throws: ReferencePathConflict.self) { try ReferencePath("$.x").setting(1, in: "scalar") }
    }

    @Test(arguments: ["$.a[*]", "$..a", "$.a[0:1]", "$.a[?(@.b)]", "$$.Execution", "$.a['b','c']"])
    func referencePath_rejectsPathsThatCannotBeWritten(_ text: String) {
        #expect(throws: JSONPathSyntaxError.self) { try ReferencePath(text) }
    }
}
