import Testing
@testable import YAML

private struct Spec: Decodable {
    var memoryMB: Int
    var timeoutSeconds: Int?
    var environment: [String: String]?
    var rollout: Rollout?
}

private struct Rollout: Decodable {
    var strategy: String
    var healthGates: Gates?
}

private struct Gates: Decodable {
    var maxErrorRate: Double?
    var minInvocations: Int?
}

private struct Manifest: Decodable {
    var kind: String
    var spec: Spec
}

@Suite struct UnknownKeyTests {
    @Test func misspelledField_isReportedWithPositionPathAndSuggestion() throws {
        let node = try parseOne("""
        kind: Function
        spec:
          memoryMB: 512
          memroyMB: 1024
          timeoutSecond: 3
          environment: {ANY_NAME: x}
          rollout:
            strategy: AllAtOnce
            healthGates: {maxErrorRate: 0.1, minInvocation: 5}
            extra: {nested: true}
        color: blue
        """)
        let (value, unknown) = try YAMLDecoder().decodeReportingUnknownKeys(Manifest.self, from: node)
        #expect(value.spec.memoryMB == 512)
        #expect(unknown.map(\.path) == ["spec.memroyMB", "spec.timeoutSecond", "spec.rollout.healthGates.minInvocation",
                                        "spec.rollout.extra", "color"])
        #expect(unknown.map(\.suggestion) == ["memoryMB", "timeoutSeconds", "minInvocations", nil, nil])
        #expect(unknown[0].mark == Mark(line: 4, column: 3))
        #expect(unknown[0].description == "test.yaml:4:3: unknown field 'memroyMB' (did you mean 'memoryMB'?) at spec.memroyMB")
        #expect(unknown[3].knownKeys == ["healthGates", "strategy"])
    }

    @Test func dictionaryKeys_areNeverUnknown() throws {
        let (_, unknown) = try YAMLDecoder().decodeReportingUnknownKeys(
            Manifest.self, from: try parseOne("kind: F\nspec: {memoryMB: 1, environment: {A: b, C: d}}\n"))
        #expect(unknown.isEmpty)
    }

    @Test func plainDecode_ignoresUnknownKeys() throws {
        let value = try YAMLDecoder().decode(Manifest.self, from: try parseOne("kind: F\nspec: {memoryMB: 1, bogus: 2}\n"))
        #expect(value.spec.memoryMB == 1)
    }

    @Test func suggestion_findsCloseNamesOnly() {
        #expect(suggestion(for: "memroyMB", among: ["memoryMB", "timeoutSeconds"]) == "memoryMB")
        #expect(suggestion(for: "Handler", among: ["handler", "runtime"]) == "handler")
        #expect(suggestion(for: "timeout", among: ["timeoutSeconds"]) == nil)
        #expect(suggestion(for: "colour", among: ["color", "kind"]) == "color")
        #expect(suggestion(for: "zzz", among: ["kind", "spec"]) == nil)
        #expect(suggestion(for: "x", among: [String]()) == nil)
    }

    @Test func editDistance_countsInsertionsDeletionsSubstitutionsAndSwaps() {
        #expect(editDistance("kitten", "sitting") == 3)
        #expect(editDistance("", "abc") == 3)
        #expect(editDistance("abc", "abc") == 0)
        #expect(editDistance("ab", "ba") == 1)
        #expect(editDistance("héllo", "hello") == 1)
    }
}
