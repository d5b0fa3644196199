import StatesLanguage
import Testing

@Suite struct IntrinsicFunctionTests {
    /// Runs `States.…` calls as the `.$` fields of a Pass state and returns its output.
    func evaluate(_ fields: [String: String], input: JSONValue = [:]) async throws -> Run {
        var parameters = JSONObject()
        for (key, call) in fields.sorted(by: { $0.key < $1.key }) { parameters[key + ".$"] = .string(call) }
        let definition: JSONValue = ["StartAt": "P", "States": ["P": ["Type": "Pass", "Parameters": .object(parameters), "End": true]]]
        return try await execute(definition.serialized(), input: input)
    }

    @Test func hash_matchesPublishedTestVectors() async throws {
        let run = try await evaluate([
            "md5": "States.Hash('abc', 'MD5')", "sha1": "States.Hash('abc', 'SHA-1')",
            "sha256": "States.Hash('abc', 'SHA-256')", "sha384": "States.Hash('abc', 'SHA-384')",
            "sha512": "States.Hash('abc', 'SHA-512')", "empty": "States.Hash('', 'SHA-256')",
            "long": "States.Hash($.long, 'SHA-256')", "longMd5": "States.Hash($.long, 'MD5')",
        ], input: ["long": .string(String(repeating: "a", count: 1000))])
        let output = try #require(run.result.output)
        #expect(output["md5"] == "900150983cd24fb0d6963f7d28e17f72")
        #expect(output["sha1"] == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(output["sha256"] == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(output["sha384"] == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        #expect(output["sha512"] == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(output["empty"] == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(output["long"] == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
        #expect(output["longMd5"] == "cabe45dcc9ae5b66ba86600cca6b8ba8")
    }

    @Test func mathRandom_withSeedIsRepeatableAndInRange() async throws {
        let first = try await evaluate(["r": "States.MathRandom(1, 1000, 42)", "free": "States.MathRandom(5, 6)"])
        let second = try await evaluate(["r": "States.MathRandom(1, 1000, 42)"])
        let value = try #require(first.result.output?["r"]?.integerValue)
        #expect((1..<1000).contains(value))
        #expect(first.result.output?["r"] == second.result.output?["r"])
        #expect(first.result.output?["free"] == 5)
    }

    @Test func uuid_isVersion4AndDiffersPerCall() async throws {
        let run = try await evaluate(["a": "States.UUID()", "b": "States.UUID()"])
        let a = try #require(run.result.output?["a"]?.stringValue)
        let b = try #require(run.result.output?["b"]?.stringValue)
        #expect(a != b)
        #expect(a.count == 36)
        #expect(a.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(a)[14] == "4")
        #expect("89ab".contains(Array(a)[19]))
    }

    @Test func uuid_fromASeed_isTheSameTextEveryTime() {
        let zero = RandomSource(seed: 0)
        #expect(zero.uuid() == "e220a839-7b1d-4daf-ae78-9e6aa1b965f4")
        #expect(zero.uuid() == "06c45d18-8009-454f-b88b-b8a8724c81ec")
        #expect(RandomSource(seed: 42).uuid() == "bdd73226-2feb-4e95-a8ef-e333b266f103")
        #expect(RandomSource(seed: .max).uuid() == "e4d97177-1b65-4c20-a99f-f867dbf682c9")
    }

    @Test func format_escapesAndValueRendering() async throws {
        let run = try await evaluate([
            "escaped": #"States.Format('\{\} \'q\' \\ {}', $.v)"#,
            "object": "States.Format('{} {}', $.obj, $.list)",
            "fromPath": "States.Format($.template, 'x')",
        ], input: ["v": 1.5, "obj": ["k": "v", "n": 1], "list": [1, "two"], "template": "[{}]"])
        #expect(run.result.output?["escaped"] == #"{} 'q' \ 1.5"#)
        #expect(run.result.output?["object"] == "{k=v, n=1} [1, two]")
        #expect(run.result.output?["fromPath"] == "[x]")
    }

    @Test func base64_roundTripsUnicode() async throws {
        let run = try await evaluate(["b": "States.Base64Encode($.s)", "back": "States.Base64Decode(States.Base64Encode($.s))"], input: ["s": "héllo ✓"])
        #expect(run.result.output?["b"] == "aMOpbGxvIOKckw==")
        #expect(run.result.output?["back"] == "héllo ✓")
    }

    @Test func arrayRange_countsDownWithNegativeStep() async throws {
        let run = try await evaluate(["down": "States.ArrayRange(5, 1, -2)", "empty": "States.ArrayRange(5, 1, 1)"])
        #expect(run.result.output?["down"] == [5, 3, 1])
        #expect(run.result.output?["empty"] == [])
    }

    @Test(arguments: [
        ("States.ArrayGetItem($.list, 9)", "out of bounds"),
        ("States.Format('{} {}', 1)", "placeholders"),
        ("States.StringToJson('{bad')", "not valid JSON"),
        ("States.ArrayRange(1, 5000, 1)", "maximum is 1000"),
        ("States.Base64Decode('%%%')", "not valid Base64"),
        ("States.JsonMerge($.obj, $.obj, true)", "shallow merge"),
        ("States.ArrayPartition($.list, 0)", "positive"),
        ("States.Hash('x', 'SHA-3')", "unknown hash algorithm"),
        ("States.MathRandom(5, 5)", "less than"),
        ("States.ArrayLength($.obj)", "must be an array"),
    ])
    func invalidArguments_failWithIntrinsicFailure(call: String, reason: String) async throws {
        let run = try await evaluate(["v": call], input: ["list": [1, 2], "obj": ["a": 1]])
        #expect(run.result.status == .failed)
        #expect(run.result.error == "States.IntrinsicFailure")
        #expect(run.result.cause?.contains("had the following error") == true, "\(run.result.cause ?? "")")
        #expect(run.result.cause?.contains(reason) == true, "\(run.result.cause ?? "")")
    }

    @Test func intrinsicFailure_canBeCaughtByName() async throws {
        let definition: JSONValue = [
            "StartAt": "P",
            "States": [
                "P": [
                    "Type": "Parallel",
                    "Parameters": ["v.$": "States.ArrayLength($.obj)"],
                    "Branches": [["StartAt": "B", "States": ["B": ["Type": "Succeed"]]]],
                    "Catch": [["ErrorEquals": ["States.IntrinsicFailure"], "ResultPath": "$.caught", "Next": "Handled"]],
                    "End": true,
                ],
                "Handled": ["Type": "Pass", "End": true],
            ],
        ]
        let run = try await execute(definition.serialized(), input: ["obj": ["a": 1]])
        #expect(run.result.status == .succeeded)
        let output = try #require(run.result.output)
        #expect(output["caught"]?["Error"] == "States.IntrinsicFailure")
    }

    @Test(arguments: [
        "States.Nope(1)", "States.ArrayLength()", "States.UUID(1)", "States.Format()", "States.Hash('a')",
        "States.Array(1,", "States.Array('unterminated)", "States.Array(1) extra", "States.Array(bogus)",
    ])
    func malformedCalls_areRejectedWhenParsing(_ text: String) {
        #expect(throws: IntrinsicSyntaxError.self) { try IntrinsicCall(text) }
    }

    @Test func missingPathArgument_namesTheField() async throws {
        let run = try await evaluate(["v": "States.Format('{}', $.absent)"], input: ["present": 1])
        #expect(run.result.error == "States.Runtime")
        #expect(run.result.cause?.contains("The JSONPath '$.absent' specified for the field 'v.$' could not be found") == true)
    }
}
