import Testing
@testable import YAML

private func parseJSON(_ text: String) throws -> YAMLNode {
    try JSONParser.parse(text, file: "sm.asl.json")
}

@Suite struct JSONTests {
    @Test func stateMachineDefinition_loadsAsNodesWithPositions() throws {
        let node = try parseJSON("""
        {
          "Comment": "deploy",
          "StartAt": "Validate",
          "States": {
            "Validate": {"Type": "Task", "Retry": [{"MaxAttempts": 6, "BackoffRate": 2.0}], "End": true},
            "Wait": {"Type":"Wait","Seconds":10,"Next":null}
          }
        }
        """)
        #expect(node.mapping?.map { $0.key.text } == ["Comment", "StartAt", "States"])
        let validate = try #require(node["States"]?["Validate"])
        #expect(validate.mark == Mark(line: 5, column: 17))
        #expect(validate["Retry"]?[0]?["MaxAttempts"]?.int == 6)
        #expect(validate["Retry"]?[0]?["MaxAttempts"]?.mark == Mark(line: 5, column: 60))
        #expect(validate["Retry"]?[0]?["BackoffRate"]?.scalarKind == .float)
        #expect(validate["End"]?.bool == true)
        #expect(node["States"]?["Wait"]?["Next"]?.isNull == true)
        #expect(node["States"]?["Wait"]?["Seconds"]?.mark == Mark(line: 6, column: 38))
        #expect(node.file == "sm.asl.json")
    }

    @Test func stringsAreQuotedAndOtherValuesPlain() throws {
        let node = try parseJSON(#"["512", 512, "true", true, "null", null]"#)
        let items = try #require(node.sequence)
        #expect(items.map(\.scalar?.style) == [.doubleQuoted, .plain, .doubleQuoted, .plain, .doubleQuoted, .plain])
        #expect(items.map(\.scalarKind) == [.string, .int, .string, .bool, .string, .null])
    }

    @Test func jsonAndEquivalentYAML_giveEqualTrees() throws {
        let json = try parseJSON(#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["lambda:InvokeFunction"], "Max": 3}]}"#)
        let yaml = try parseOne("""
        "Version": "2012-10-17"
        "Statement":
          - "Effect": "Allow"
            "Action": ["lambda:InvokeFunction"]
            "Max": 3
        """)
        // Keys and strings are double-quoted in JSON, so compare with a YAML that quotes them too.
        #expect(json == yaml)
    }

    @Test func escapesAndUnicode_decodeExactly() throws {
        let node = try parseJSON(#"["\u00e9\ud83d\ude00", "\"\\\/\b\f\n\r\t", "\u0000", "é😀"]"#)
        #expect(node[0]?.text == "é😀")
        #expect(node[1]?.text == "\"\\/\u{8}\u{C}\n\r\t")
        #expect(node[2]?.text == "\u{0}")
        #expect(node[3]?.text == "é😀")
    }

    @Test func whitespaceBetweenTokens_includesTabsAndCarriageReturns() throws {
        let node = try parseJSON("\t{\"a\"\t:\r\n\t1 ,\"b\":[ ]}\r\n")
        #expect(node["a"]?.int == 1)
        #expect(node["a"]?.mark == Mark(line: 2, column: 2))
        #expect(node["b"]?.sequence?.isEmpty == true)
    }

    @Test func largeNumbers_keepEveryDigit() throws {
        let node = try parseJSON("[123456789012345678901234567890, 1e400, -0, 1.5E-7]")
        #expect(node[0]?.text == "123456789012345678901234567890")
        #expect(node[0]?.scalarKind == .int)
        #expect(node[1]?.text == "1e400")
        #expect(node[1]?.scalarKind == .float)
        #expect(node[2]?.int == 0)
        #expect(node[3]?.double == 1.5e-7)
    }

    @Test func scalarTopLevelValuesAndBOM_areAccepted() throws {
        #expect(try parseJSON("  42 ").int == 42)
        #expect(try parseJSON("\"x\"").string == "x")
        let withBOM = try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8), file: "bom.json")
        #expect(withBOM["a"]?.mark == Mark(line: 1, column: 7))
    }

    @Test(arguments: [
        ("", 1, 1, "unexpected end of input"),
        ("{\"a\": 1,}", 1, 9, "trailing commas are not allowed"),
        ("[1, 2,]", 1, 7, "trailing commas are not allowed"),
        ("{\n  \"a\": 01\n}", 2, 9, "leading zeros"),
        ("[1.]", 1, 4, "digit after the decimal point"),
        ("[1e+]", 1, 5, "digit in the exponent"),
        ("[NaN]", 1, 2, "NaN and Infinity are not JSON"),
        ("{'a': 1}", 1, 2, "expected a key in double quotes"),
        ("{a: 1}", 1, 2, "expected a key in double quotes"),
        ("{\"a\" 1}", 1, 6, "expected ':' after the key"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "expected ',' or '}' after an item of the object that starts at 1:1"),
        ("[\"a\"\n\"b\"]", 2, 1, "expected ',' or ']'"),
        ("[1] [2]", 1, 5, "after the end of the JSON value"),
        ("{\"a\": tru}", 1, 7, "must be true, false or null"),
        ("{\"a\": \"x\\qy\"}", 1, 9, "invalid escape sequence '\\q'"),
        ("[\"\\u12\"]", 1, 7, "four hexadecimal digits"),
        ("[\"tab\there\"]", 1, 6, "control character 0x9 must be escaped"),
        ("[\"line\nbreak\"]", 1, 7, "a line break must be escaped"),
        ("\"\\ud800\"", 1, 2, "unpaired surrogate \\ud800"),
        ("\"\\ud800\\u0041\"", 1, 8, "is not a low surrogate"),
        ("\"\\udc00\"", 1, 2, "a low surrogate must follow a high surrogate"),
        ("{\"a\": [1, {\"b\": 2}", 1, 19, "the array that starts at 1:7 is not closed"),
        ("// comment\n1", 1, 1, "expected a value"),
        ("\u{A0}1", 1, 1, "expected a value"),
    ])
    func invalidJSON_isRejectedAtTheRightPlace(_ text: String, _ line: Int, _ column: Int, _ fragment: String) {
        let error = expectYAMLError { _ = try parseJSON(text) }
        check(error, .syntax, line: line, column: column, contains: fragment)
    }

    @Test func duplicateKeys_areRejectedNamingBothPositions() {
        let error = expectYAMLError { _ = try parseJSON("{\n  \"Type\": \"Task\",\n  \"Type\": \"Pass\"\n}") }
        check(error, .duplicateKey, line: 3, column: 3, contains: "duplicate key 'Type': already defined at 2:3")
        let escaped = expectYAMLError { _ = try parseJSON(#"{"é": 1, "\u00e9": 2}"#) }
        check(escaped, .duplicateKey, line: 1, column: 10, contains: "already defined at 1:2")
    }

    @Test func invalidUTF8InAString_isAnEncodingError() {
        let bytes: [UInt8] = Array("{\"a\": \"caf".utf8) + [0xE9, 0x22, 0x7D]
        let error = expectYAMLError { _ = try JSONParser.parse(bytes, file: "latin1.json") }
        check(error, .encoding, line: 1, column: 11, contains: "not valid UTF-8")
        let surrogate: [UInt8] = [0x22, 0xED, 0xA0, 0x80, 0x22]
        let encoded = expectYAMLError { _ = try JSONParser.parse(surrogate, file: "s.json") }
        check(encoded, .encoding, line: 1, column: 2, contains: "not valid UTF-8")
    }

    @Test func deepNesting_isLimited() {
        let error = expectYAMLError { _ = try parseJSON(String(repeating: "[", count: 100_000)) }
        check(error, .depthLimit, line: 1, column: 513, contains: "more than 512 levels")
        let custom = expectYAMLError { _ = try JSONParser.parse("[[[]]]", file: "d.json", options: JSONParser.Options(maxDepth: 2)) }
        check(custom, .depthLimit, line: 1, column: 3, contains: "more than 2 levels")
    }

    @Test func decoderReadsJSONNodesWithTheSameRules() throws {
        struct Retry: Decodable { var MaxAttempts: Int }
        let node = try parseJSON("{\"MaxAttempts\": \"6\"}")
        let error = expectYAMLError { _ = try YAMLDecoder().decode(Retry.self, from: node) }
        check(error, .typeMismatch, line: 1, column: 17, contains: "remove the quotes")
        #expect(error?.description.hasPrefix("sm.asl.json:1:17:") == true)
    }

    @Test func parseFile_choosesJSONOrYAMLByTheFileName() throws {
        let json = try YAMLParser.parseFile(Array("{\"a\": 1}".utf8), file: "def.asl.json")
        #expect(json.count == 1 && json[0].root["a"]?.int == 1)
        // Valid YAML but not JSON: the .json name makes it an error.
        let error = expectYAMLError { _ = try YAMLParser.parseFile(Array("a: 1".utf8), file: "def.json") }
        check(error, .syntax, line: 1, column: 1, contains: "expected a value")
        let yaml = try YAMLParser.parseFile(Array("a: 1\n---\nb: 2\n".utf8), file: "m.yaml")
        #expect(yaml.count == 2)
    }
}
