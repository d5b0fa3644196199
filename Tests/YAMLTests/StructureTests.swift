import Foundation
import Testing
@testable import YAML

@Suite struct StructureTests {
    @Test func blockMapping_keepsOrderAndMarksEveryNode() throws {
        let node = try parseOne("""
        apiVersion: plumb.dev/v1
        spec:
          memoryMB: 512
          tags:
            - a
            - b
        """)
        let pairs = try #require(node.mapping)
        #expect(pairs.map { $0.key.text } == ["apiVersion", "spec"])
        #expect(node.mark == Mark(line: 1, column: 1))
        #expect(pairs[1].key.mark == Mark(line: 2, column: 1))
        let spec = try #require(node["spec"])
        #expect(spec["memoryMB"]?.mark == Mark(line: 3, column: 13))
        let tags = try #require(spec["tags"]?.sequence)
        #expect(tags.map(\.text) == ["a", "b"])
        #expect(tags[1].mark == Mark(line: 6, column: 7))
        #expect(tags[1].file == "test.yaml")
        #expect(tags[1].location == "test.yaml:6:7")
    }

    @Test func flowCollections_parseWithPositions() throws {
        let node = try parseOne("m: {a: 1, b: [x, \"y\", {c: d}]}\n")
        let b = try #require(node["m"]?["b"])
        #expect(b.sequence?.count == 3)
        #expect(b[1]?.scalar?.style == .doubleQuoted)
        #expect(b[2]?["c"]?.text == "d")
        #expect(b[2]?.mark == Mark(line: 1, column: 23))
        #expect(b[5] == nil)
    }

    @Test func literalAndFoldedBlocks_applyChomping() throws {
        let node = try parseOne("""
        clip: |
          line one
          line two

        strip: |-
          kept
        keep: |+
          kept

        folded: >
          a
          b

          c
        foldedStrip: >-
          x
          y
        after: end
        """)
        #expect(node["clip"]?.text == "line one\nline two\n")
        #expect(node["clip"]?.scalar?.style == .literal)
        #expect(node["strip"]?.text == "kept")
        #expect(node["keep"]?.text == "kept\n\n")
        #expect(node["folded"]?.text == "a b\nc\n")
        #expect(node["folded"]?.scalar?.style == .folded)
        #expect(node["foldedStrip"]?.text == "x y")
    }

    @Test func quotedScalars_unescapeAndFold() throws {
        let node = try parseOne("d: \"tab\\tnew\\nline \\u00e9\"\ns: 'it''s'\nm: \"one\n  two\"\n")
        #expect(node["d"]?.text == "tab\tnew\nline é")
        #expect(node["s"]?.text == "it's")
        #expect(node["s"]?.scalar?.style == .singleQuoted)
        #expect(node["m"]?.text == "one two")
    }

    @Test func multiDocumentStream_givesEveryDocumentWithItsIndex() throws {
        let text = "a: 1\n---\nb: 2\n---\n# only a comment\n...\n---\n- x\n"
        let documents = try YAMLParser.parse(text, file: "multi.yaml")
        #expect(documents.count == 4)
        #expect(documents.map(\.index) == [0, 1, 2, 3])
        #expect(documents[1].root["b"]?.int == 2)
        #expect(documents[1].root.mark == Mark(line: 3, column: 1))
        #expect(documents[2].root.isNull)
        #expect(documents[3].root[0]?.text == "x")
    }

    @Test func emptyStreamAndCommentOnlyStream_haveNoDocuments() throws {
        #expect(try YAMLParser.parse("", file: "e.yaml").isEmpty)
        #expect(try YAMLParser.parse("# nothing\n\n", file: "e.yaml").isEmpty)
        #expect(try parseOne("").isNull)
    }

    @Test func emptyDocumentMarker_givesNullRoot() throws {
        let documents = try YAMLParser.parse("---\n", file: "e.yaml")
        #expect(documents.count == 1)
        #expect(documents[0].root.isNull)
    }

    @Test func parseSingle_rejectsSeveralDocumentsAtTheSecond() {
        let error = expectYAMLError { _ = try YAMLParser.parseSingle("a: 1\n---\nb: 2\n", file: "two.yaml") }
        check(error, .documentCount, line: 3, column: 1, contains: "expected one document but found 2")
    }

    @Test func utf8ByteOrderMark_isSkippedAndColumnsIgnoreIt() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("name: x\n".utf8)
        let node = try YAMLParser.parseSingle(bytes, file: "bom.yaml")
        #expect(node["name"]?.text == "x")
        #expect(node["name"]?.mark == Mark(line: 1, column: 7))
    }

    @Test func utf16Input_isAClearEncodingError() {
        let bytes: [UInt8] = [0xFF, 0xFE, 0x61, 0x00, 0x3A, 0x00]
        let error = expectYAMLError { _ = try YAMLParser.parse(bytes, file: "wide.yaml") }
        check(error, .encoding, line: 1, column: 1, contains: "UTF-16; save it as UTF-8")
    }

    @Test func invalidUTF8_isAnEncodingErrorAtTheByte() {
        let bytes: [UInt8] = Array("a: ok\nb: caf".utf8) + [0xE9] + Array("\n".utf8)
        let error = expectYAMLError { _ = try YAMLParser.parse(bytes, file: "latin1.yaml") }
        check(error, .encoding, line: 2, column: 7, contains: "not valid UTF-8")
        #expect(error?.description.hasPrefix("latin1.yaml:2:7: ") == true)
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let node = try parseOne("é: [ü, x]\n")
        #expect(node["é"]?[1]?.mark == Mark(line: 1, column: 8))
    }

    @Test func tabIndentation_isAnErrorSayingToUseSpaces() {
        let error = expectYAMLError { _ = try parseOne("spec:\n\tmemoryMB: 1\n") }
        check(error, .syntax, line: 2, column: 1, contains: "tab")
    }

    @Test func tabsAsSeparationInsideLines_areAccepted() throws {
        let node = try parseOne("a:\t1\nb: [x,\ty]\n")
        #expect(node["a"]?.int == 1)
        #expect(node["b"]?[1]?.text == "y")
    }

    @Test func colonInPlainValue_isASyntaxErrorWithAHint() {
        let error = expectYAMLError { _ = try parseOne("command: echo a: b\n") }
        check(error, .syntax, line: 1, column: 16, contains: "quote the value")
    }

    @Test func badIndentation_isASyntaxErrorAtTheLine() {
        let error = expectYAMLError { _ = try parseOne("spec:\n  a: 1\n b: 2\n") }
        check(error, .syntax, line: 3, column: 2, contains: "indentation")
    }

    @Test func unclosedFlowSequence_namesWhereItStarted() {
        let error = expectYAMLError { _ = try parseOne("list: [1, 2\nnext: 3\n") }
        #expect(error?.code == .syntax)
        #expect(error?.message.contains("1:7") == true, "\(String(describing: error))")
    }

    @Test func duplicateKeys_areAnErrorNamingBothPositions() {
        let error = expectYAMLError { _ = try parseOne("name: a\nspec:\n  x: 1\nname: b\n") }
        check(error, .duplicateKey, line: 4, column: 1, contains: "duplicate key 'name': already defined at 1:1")
    }

    @Test func duplicateKeysInFlowAndLargeMappings_areFound() {
        let flow = expectYAMLError { _ = try parseOne("m: {a: 1, b: 2, a: 3}\n") }
        check(flow, .duplicateKey, line: 1, column: 17, contains: "already defined at 1:5")
        let many = (0..<40).map { "k\($0): \($0)" }.joined(separator: "\n") + "\nk7: again\n"
        let large = expectYAMLError { _ = try parseOne(many) }
        check(large, .duplicateKey, line: 41, column: 1, contains: "'k7': already defined at 8:1")
    }

    @Test func keysEqualByValue_areDuplicates_butQuotedNumbersAreNot() throws {
        let typed = expectYAMLError { _ = try parseOne("1: a\n0x1: b\n") }
        check(typed, .duplicateKey, line: 2, column: 1, contains: "already defined at 1:1")
        let nulls = expectYAMLError { _ = try parseOne("~: a\nnull: b\n") }
        check(nulls, .duplicateKey, line: 2, column: 1, contains: "duplicate key")
        let node = try parseOne("1: int\n\"1\": string\n")
        #expect(node.mapping?.count == 2)
    }

    @Test func nestingDeeperThanTheLimit_isAClearError() throws {
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        let error = expectYAMLError { _ = try parseOne(deep) }
        check(error, .depthLimit, line: 1, column: 513, contains: "nested more than 512 levels")
        let options = YAMLParser.Options(maxDepth: 3)
        #expect(try parseOne("a: {b: [1]}", options: options)["a"]?["b"]?[0]?.int == 1)
        let limited = expectYAMLError { _ = try parseOne("a: {b: [[1]]}", options: options) }
        check(limited, .depthLimit, line: 1, column: 9, contains: "more than 3 levels")
    }

    @Test func nodesCompareByContentNotPosition() throws {
        let a = try parseOne("x: [1, {y: z}]\n")
        let b = try YAMLParser.parseSingle("\n\nx:\n  - 1\n  - y: z\n", file: "other.yaml")
        #expect(a == b)
        #expect(try parseOne("x: [1]") != parseOne("x: [\"1\"]"))
    }

    @Test func controlCharacters_areAnEncodingErrorAtTheCharacter() {
        let error = expectYAMLError { _ = try parseOne("a: b\nc: d\u{1}e\n") }
        check(error, .encoding, line: 2, column: 5, contains: "control characters are not allowed in YAML (byte 0x01)")
    }

    @Test func unclosedQuote_andUnknownEscape_areExplainedPlainly() {
        let open = expectYAMLError { _ = try parseOne("a: 'unterminated\n") }
        check(open, .syntax, line: 2, column: 1, contains: "close the quote")
        #expect(open?.message.contains("starts at 1:4") == true)
        let escape = expectYAMLError { _ = try parseOne("path: \"C:\\q\"\n") }
        check(escape, .syntax, line: 1, column: 10, contains: "unknown escape sequence")
    }

    @Test func complexKeys_areComparedByContent() throws {
        let node = try parseOne("? [a, b]\n: 1\n? [a, c]\n: 2\n")
        #expect(node.mapping?.count == 2)
        #expect(node.mapping?[0].key.sequence?.count == 2)
        let error = expectYAMLError { _ = try parseOne("? [a, b]\n: 1\n? [a, b]\n: 2\n") }
        check(error, .duplicateKey, line: 3, column: 3, contains: "duplicate key (a sequence): already defined at 1:3")
    }

    @Test func dataInput_parsesLikeBytes() throws {
        let data = Data("a: [1, 2]\n".utf8)
        #expect(try YAMLParser.parse(data, file: "d.yaml")[0].root["a"]?[1]?.int == 2)
        #expect(try YAMLParser.parseSingle(data, file: "d.yaml")["a"]?[0]?.mark == Mark(line: 1, column: 5))
        #expect(try JSONParser.parse(Data("[true]".utf8), file: "d.json")[0]?.bool == true)
        #expect(try YAMLParser.parseFile(Data("{}".utf8), file: "d.json")[0].root.mapping?.isEmpty == true)
    }
}
