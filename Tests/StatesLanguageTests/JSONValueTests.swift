import Foundation
import StatesLanguage
import Testing

@Suite struct JSONValueTests {
    @Test func parse_keepsObjectOrderAndNumberForms() throws {
        let value = try json(#"{"b": 1, "a": [1.0, 2.5, -3, 1e2, 9223372036854775807, 9223372036854775808], "c": null}"#)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value["a"] == .array([.double(1.0), .double(2.5), .int(-3), .double(100), .int(Int64.max), .double(9223372036854775808)]))
        #expect(value.serialized() == #"{"b":1,"a":[1.0,2.5,-3,100.0,9223372036854775807,9.223372036854776e+18],"c":null}"#)
    }

    @Test func equality_ignoresKeyOrderAndIntegerVersusFloatingForm() throws {
        #expect(try json(#"{"a": 1, "b": [true, {"x": "y"}]}"#) == json(#"{"b": [true, {"x": "y"}], "a": 1.0}"#))
        #expect(try json(#"{"a": 1}"#) != json(#"{"a": 1.5}"#))
        #expect(try json(#"[1, 2]"#) != json(#"[2, 1]"#))
        #expect(try json(#"{"a": 1}"#) != json(#"{"a": 1, "b": 2}"#))
        let set: Set<JSONValue> = [try json(#"{"a":1,"b":2}"#), try json(#"{"b":2.0,"a":1}"#)]
        #expect(set.count == 1)
    }

    @Test func strings_roundTripEscapesAndUnicode() throws {
        let text = #""quote \" backslash \\ slash \/ tab \t nl \n ctl \u0001 é \u00e9 emoji \ud83d\ude80""#
        let value = try json(text)
        #expect(value == .string("quote \" backslash \\ slash / tab \t nl \n ctl \u{1} é é emoji 🚀"))
        #expect(value.serialized() == #""quote \" backslash \\ slash / tab \t nl \n ctl \u0001 é é emoji 🚀""#)
        #expect(value.serialized(.asciiOnly) == #""quote \" backslash \\ slash / tab \t nl \n ctl \u0001 \u00e9 \u00e9 emoji \ud83d\ude80""#)
        #expect(try json(value.serialized()) == value)
    }

    @Test func serialize_sortedAndPretty() throws {
        let value = try json(#"{"b": {"d": 1, "c": []}, "a": "x"}"#)
        #expect(value.serialized(.sortedKeys) == #"{"a":"x","b":{"c":[],"d":1}}"#)
        #expect(value.serialized([.sortedKeys, .prettyPrinted]) == "{\n  \"a\": \"x\",\n  \"b\": {\n    \"c\": [],\n    \"d\": 1\n  }\n}")
    }

    @Test(arguments: [
        ("", 1, 1, "empty input"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("[1, 2,]", 1, 7, "expected a value"),
        ("{\n  \"a\": tru\n}", 2, 11, "expected 'true'"),
        ("\"abc", 1, 1, "unterminated string"),
        ("01", 1, 2, "leading zeros"),
        ("{\"a\": 1} x", 1, 10, "unexpected text"),
        ("\"\\x\"", 1, 2, "invalid escape"),
        ("\"\\ud800\"", 1, 2, "unpaired UTF-16 surrogate"),
        ("\"tab\there\"", 1, 5, "control character"),
        ("1e999", 1, 1, "out of range"),
    ])
    func parse_reportsLineColumnAndReason(text: String, line: Int, column: Int, reason: String) {
        do {
            _ = try JSONValue(parsing: text)
            Issue.record("parsed invalid JSON \(text)")
        } catch let error as JSONParseError {
            #expect(error.line == line, "\(text): \(error)")
            #expect(error.column == column, "\(text): \(error)")
            #expect(error.message.contains(reason), "\(text): \(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func parse_rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: [0x22, 0xC3, 0x28, 0x22] as [UInt8]) }
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect { try JSONValue(parsing: deep) } throws: { error in
            (error as? JSONParseError)?.message.contains("nesting deeper than 512") == true
        }
        let ok = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect((try? JSONValue(parsing: ok)) != nil)
    }

    @Test func parse_duplicateKeysKeepFirstPositionAndLastValue() throws {
        let value = try json(#"{"a": 1, "b": 2, "a": 3}"#)
        #expect(value.objectValue?.keys == ["a", "b"])
        #expect(value["a"] == .int(3))
    }

    @Test func object_largeObjectsStayOrderedAndIndexed() throws {
        var object = JSONObject()
        for index in 0..<100 { object["k\(index)"] = .int(Int64(index)) }
        object["k50"] = nil
        object["k7"] = "seven"
        #expect(object.count == 99)
        #expect(object["k99"] == .int(99))
        #expect(object["k50"] == nil)
        #expect(object["k7"] == "seven")
        #expect(object.keys.prefix(3) == ["k0", "k1", "k2"])
        #expect(object.keys.last == "k99")
    }

    @Test func integers_serializeAsTheirDecimalDigits() {
        let numbers: [Int64] = [0, 7, -7, 10, -10, 1_234_567_890, .max, .min, .min + 1]
        #expect(JSONValue.array(numbers.map { .int($0) }).serialized() == "[" + numbers.map(String.init).joined(separator: ",") + "]")
    }

    @Test func nonFiniteDoublesSerializeAsNull() {
        #expect(JSONValue.array([.double(.infinity), .double(.nan)]).serialized() == "[null,null]")
    }

    @Test(arguments: [0, 1, 5, 40])
    func object_visitsMembersSortedByKey_leavingTheObjectAsItWas(count: Int) {
        let keys = (0..<count).map { "k\(($0 * 7919) % 1000)é" }
        var object = JSONObject()
        for (position, key) in keys.enumerated() { object[key] = .int(Int64(position)) }
        var visited: [(String, JSONValue)] = []
        object.forEachSortedByKey { visited.append(($0, $1)) }
        #expect(visited.map(\.0) == keys.sorted())
        #expect(visited.allSatisfy { object[$0.0] == $0.1 })
        #expect(object.keys == keys)
    }
}
