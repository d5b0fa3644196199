import Testing
@testable import YAML

@Suite struct AnchorTests {
    @Test func alias_expandsToACopyOfTheAnchoredNode() throws {
        let node = try parseOne("""
        defaults: &defaults
          memoryMB: 256
          tags: [a, b]
        fn: *defaults
        name: &n hello
        again: *n
        """)
        #expect(node["fn"] == node["defaults"])
        #expect(node["fn"]?["tags"]?[1]?.text == "b")
        #expect(node["again"]?.text == "hello")
    }

    @Test func anchorRedefinedLater_appliesToLaterAliases() throws {
        let node = try parseOne("a: &x 1\nb: *x\nc: &x 2\nd: *x\n")
        #expect(node["b"]?.int == 1)
        #expect(node["d"]?.int == 2)
    }

    @Test func unknownAlias_isAnErrorAtTheAlias() {
        let error = expectYAMLError { _ = try parseOne("a: 1\nb: *missing\n") }
        check(error, .unknownAlias, line: 2, column: 4, contains: "unknown alias '*missing'")
    }

    @Test func anchorsDoNotCrossDocuments() {
        let error = expectYAMLError { _ = try YAMLParser.parse("a: &x 1\n---\nb: *x\n", file: "docs.yaml") }
        check(error, .unknownAlias, line: 3, column: 4, contains: "'*x'")
    }

    @Test func aliasInsideItsOwnAnchor_isARecursionError() {
        let error = expectYAMLError { _ = try parseOne("a: &loop [1, *loop]\n") }
        check(error, .unknownAlias, line: 1, column: 14, contains: "recursive")
    }

    @Test func billionLaughs_isStoppedByTheExpansionLimit() {
        var text = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = name
        }
        let error = expectYAMLError { _ = try parseOne(text) }
        #expect(error?.code == .aliasExpansionLimit)
        #expect(error?.message.contains("alias bomb") == true)
        #expect((error?.mark.line ?? 0) >= 5, "stopped early, not after building the whole tree")
    }

    @Test func expansionLimit_isConfigurableAndCountsEveryExpandedNode() throws {
        let text = "base: &b [1, 2, 3]\nx: *b\ny: *b\n"
        // Each alias of a three-item list produces four nodes.
        #expect(try parseOne(text, options: YAMLParser.Options(maxAliasNodes: 8))["y"]?[2]?.int == 3)
        let error = expectYAMLError { _ = try parseOne(text, options: YAMLParser.Options(maxAliasNodes: 7)) }
        check(error, .aliasExpansionLimit, line: 3, column: 4, contains: "more than 7 nodes")
    }

    @Test func mergeKey_mergesMappingsWithExplicitKeysWinning() throws {
        let node = try parseOne("""
        base: &base {memoryMB: 256, timeoutSeconds: 30, role: r}
        fn:
          <<: *base
          memoryMB: 1024
        """)
        let fn = try #require(node["fn"])
        #expect(fn["memoryMB"]?.int == 1024)
        #expect(fn["timeoutSeconds"]?.int == 30)
        #expect(fn["<<"] == nil)
        #expect(fn.mapping?.map { $0.key.text } == ["timeoutSeconds", "role", "memoryMB"])
    }

    @Test func mergeKeyWithAList_earlierMappingsWin() throws {
        let node = try parseOne("""
        a: &a {x: 1, y: 1}
        b: &b {y: 2, z: 2}
        c:
          <<: [*a, *b]
          w: 0
        """)
        let c = try #require(node["c"])
        #expect(c["x"]?.int == 1)
        #expect(c["y"]?.int == 1)
        #expect(c["z"]?.int == 2)
        #expect(c["w"]?.int == 0)
    }

    @Test func mergeKeyWithAScalar_isAClearError() {
        let error = expectYAMLError { _ = try parseOne("a:\n  <<: 5\n  b: 1\n") }
        check(error, .invalidMerge, line: 2, column: 7, contains: "takes a mapping or a list of mappings")
    }

    @Test func twoMergeKeys_areADuplicateKeyError() {
        let error = expectYAMLError { _ = try parseOne("a: &a {x: 1}\nc:\n  <<: *a\n  <<: *a\n") }
        check(error, .duplicateKey, line: 4, column: 3, contains: "'<<: [*a, *b]'")
    }

    @Test func quotedMergeKeyOrDisabledMerging_keepsALiteralKey() throws {
        let quoted = try parseOne("a: &a {x: 1}\nc:\n  \"<<\": *a\n")
        #expect(quoted["c"]?["<<"]?["x"]?.int == 1)
        let plain = try parseOne("a: &a {x: 1}\nc:\n  <<: *a\n", options: YAMLParser.Options(mergeKeys: false))
        #expect(plain["c"]?["<<"]?["x"]?.int == 1)
    }

    @Test func duplicateKeysBesideAMergeKey_areStillErrors() {
        let error = expectYAMLError { _ = try parseOne("a: &a {x: 1}\nc:\n  <<: *a\n  y: 1\n  y: 2\n") }
        check(error, .duplicateKey, line: 5, column: 3, contains: "'y'")
    }
}
