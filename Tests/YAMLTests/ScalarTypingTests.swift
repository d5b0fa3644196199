import Testing
@testable import YAML

@Suite struct ScalarTypingTests {
    @Test(arguments: ["null", "Null", "NULL", "~", ""])
    func plainNullForms_resolveToNull(_ text: String) throws {
        #expect(try kindOf(text) == .null)
        #expect(try parseOne("key: \(text)\n")["key"]?.isNull == true)
    }

    @Test(arguments: ["true", "True", "TRUE", "false", "False", "FALSE"])
    func coreBoolForms_resolveToBool(_ text: String) throws {
        #expect(try kindOf(text) == .bool)
        #expect(try parseOne("key: \(text)\n")["key"]?.bool == text.lowercased().hasPrefix("t"))
    }

    @Test(arguments: ["yes", "no", "on", "off", "y", "n", "Yes", "NO", "On", "OFF", "tRUE", "nULL"])
    func yaml11BooleanWords_stayStrings(_ text: String) throws {
        #expect(try kindOf(text) == .string)
        #expect(try parseOne("key: \(text)\n")["key"]?.string == text)
    }

    @Test(arguments: [("0", 0), ("-17", -17), ("+42", 42), ("012", 12), ("0o17", 15), ("0x1F", 31), ("0xff", 255)])
    func integerForms_resolveToInt(_ text: String, _ value: Int) throws {
        let node = try #require(try parseOne("key: \(text)\n")["key"])
        #expect(node.scalarKind == .int)
        #expect(node.int == value)
    }

    @Test(arguments: [("1.5", 1.5), ("-0.25", -0.25), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("+2.5E-1", 0.25)])
    func floatForms_resolveToFloat(_ text: String, _ value: Double) throws {
        let node = try #require(try parseOne("key: \(text)\n")["key"])
        #expect(node.scalarKind == .float)
        #expect(node.double == value)
    }

    @Test func infinityAndNaN_resolveToFloat() throws {
        let node = try parseOne("a: .inf\nb: -.Inf\nc: +.INF\nd: .nan\ne: .NaN\n")
        #expect(node["a"]?.double == .infinity)
        #expect(node["b"]?.double == -.infinity)
        #expect(node["c"]?.double == .infinity)
        #expect(node["d"]?.double?.isNaN == true)
        #expect(node["e"]?.scalarKind == .float)
    }

    @Test(arguments: ["1_000", "0b101", "0o8", "0xZZ", "-0x1", "1.2.3", "2012-10-17", "12:30", ".", "1e", "+", "-.nan", "inf", "nan", "0o", "0x", "~x"])
    func nearMissesOfTypedForms_stayStrings(_ text: String) throws {
        #expect(try kindOf(text) == .string)
    }

    @Test func quotedAndBlockScalars_areAlwaysStrings() throws {
        let node = try parseOne("a: \"512\"\nb: 'true'\nc: \"null\"\nd: |\n  12\ne: >\n  1.5\n")
        for key in ["a", "b", "c", "d", "e"] {
            #expect(node[key]?.scalarKind == .string, "\(key)")
        }
        #expect(node["a"]?.string == "512")
        #expect(node["a"]?.int == nil)
        #expect(node["d"]?.string == "12\n")
    }

    @Test func explicitCoreTags_decideTheType() throws {
        let node = try parseOne("a: !!str 123\nb: !!int \"42\"\nc: !!float 1\nd: !!bool \"true\"\ne: !!null ''\nf: ! 12\n")
        #expect(node["a"]?.scalarKind == .string)
        #expect(node["a"]?.string == "123")
        #expect(node["b"]?.int == 42)
        #expect(node["c"]?.double == 1.0)
        #expect(node["d"]?.bool == true)
        #expect(node["e"]?.isNull == true)
        #expect(node["f"]?.scalarKind == .string)
        #expect(node["a"]?.tag == CoreTag.string)
    }

    @Test func customTags_keepTheTagAndResolveToString() throws {
        let node = try parseOne("ref: !Ref my-bucket\n")
        #expect(node["ref"]?.tag == "!Ref")
        #expect(node["ref"]?.scalarKind == .string)
    }

    @Test func scalarNotFittingItsCoreTag_isAnErrorAtTheScalar() {
        let error = expectYAMLError { _ = try parseOne("a: 1\nb: !!int twelve\n") }
        check(error, .invalidTag, line: 2, column: 4, contains: "'twelve' is not a valid !!int")
        let boolError = expectYAMLError { _ = try parseOne("flag: !!bool yes\n") }
        check(boolError, .invalidTag, line: 1, column: 7, contains: "!!bool")
    }

    @Test func collectionTagOnWrongKind_isAnError() {
        let error = expectYAMLError { _ = try parseOne("a: !!str [1, 2]\n") }
        check(error, .invalidTag, line: 1, column: 4, contains: "!!str does not fit a sequence")
    }

    @Test func integerTooLargeForInt_resolvesToIntButHasNoIntValue() throws {
        let node = try #require(try parseOne("big: 123456789012345678901234567890\n")["big"])
        #expect(node.scalarKind == .int)
        #expect(node.int == nil)
        #expect(node.double == 123456789012345678901234567890.0)
    }

    @Test func plainScalarKind_canBeAskedForAnyText() {
        #expect(ScalarKind.ofPlain("0x10") == .int)
        #expect(ScalarKind.ofPlain("yes") == .string)
        #expect(ScalarKind.ofPlain("") == .null)
    }
}
