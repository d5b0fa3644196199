@testable import DesiredState
import Foundation
import Testing

/// The event-stream decoding of Function manifests: it must take plain manifests, give exactly
/// what the node trees give, and leave everything else (every problem included) to the trees.
struct FunctionManifestStreamTests {
    static let plain = """
        apiVersion: plumb.dev/v1
        kind: Function
        metadata:
          name: fn-00042
          labels:
            team: team-00
            app: "svc-000"
        spec:
          runtime: python3.11
          handler: app.handler_0
          code: ./code/team-00/
          memoryMB: 0x100
          timeoutSeconds: 3
          role: team-00-exec
          description: 'the "fast" one'
          environment:
            LOG_LEVEL: info
            FEATURE_NEW_PATH: "true"
            EMPTY: ""
          reservedConcurrency: 50
          alias: live
          keepVersions: 3
          dependsOn: [team-00-exec, "Function/fn-00001"]
          rollout:
            strategy: Linear10PercentEvery1Minute
            healthGates:
              maxErrorRate: 0.01
              maxP99LatencyMs: 3000
              minInvocations: 5
          tags:
            owner: team-00
            cost-center: "cc-000"

        """

    /// Manifests the stream must decode (each as the trees do).
    static let taken: [(String, String)] = [
        ("every field", plain),
        ("required fields only", """
            apiVersion: plumb.dev/v1
            kind: Function
            metadata: {name: tiny}
            spec: {runtime: nodejs20.x, handler: index.handler, code: code/tiny, role: exec}
            """),
        ("keys in another order, CRLF line ends", "kind: Function\r\napiVersion: plumb.dev/v1\r\nspec:\r\n  role: r\r\n  code: c\r\n"
            + "  handler: h.h\r\n  runtime: java21\r\nmetadata:\r\n  name: crlf\r\n"),
        ("document markers and a byte order mark", "\u{FEFF}---\n" + plain + "...\n"),
        ("custom traffic steps", plain.replacingOccurrences(of: "strategy: Linear10PercentEvery1Minute",
                                                            with: "strategy:\n      steps: [{weight: 10, pauseSeconds: 60}, {weight: 100}]")),
        ("pre-traffic hook with a payload", plain.replacingOccurrences(of: "    healthGates:",
                                                                       with: "    preTraffic: {invoke: smoke, payload: {a: [1, 2.5, null, true]}}\n    healthGates:")),
        ("non-ASCII text", plain.replacingOccurrences(of: "'the \"fast\" one'", with: "café ☕ déjà")),
    ]

    /// Manifests the stream must leave to the trees (problems, or shapes it does not read).
    static let leftToTrees: [(String, String)] = [
        ("another kind", plain.replacingOccurrences(of: "kind: Function", with: "kind: Role")),
        ("unknown kind", plain.replacingOccurrences(of: "kind: Function", with: "kind: Functon")),
        ("two documents", plain + "---\n" + plain.replacingOccurrences(of: "fn-00042", with: "fn-00043")),
        ("spec before kind", "apiVersion: plumb.dev/v1\nmetadata: {name: x}\nspec: {runtime: java21, handler: h, code: c, role: r}\nkind: Function\n"),
        ("anchor and alias", plain.replacingOccurrences(of: "team: team-00\n", with: "team: &t team-00\n")
            .replacingOccurrences(of: "owner: team-00", with: "owner: *t")),
        ("tag", plain.replacingOccurrences(of: "memoryMB: 0x100", with: "memoryMB: !!int 256")),
        ("merge key", plain.replacingOccurrences(of: "    LOG_LEVEL: info", with: "    <<: {LOG_LEVEL: info}")),
        ("repeated spec key", plain.replacingOccurrences(of: "timeoutSeconds: 3", with: "timeoutSeconds: 3\n  timeoutSeconds: 4")),
        ("repeated tag key", plain.replacingOccurrences(of: "owner: team-00", with: "owner: team-00\n    owner: team-01")),
        ("repeated envelope key", plain + "kind: Function\n"),
        ("unknown field", plain.replacingOccurrences(of: "memoryMB: 0x100", with: "memorySize: 256")),
        ("value out of range", plain.replacingOccurrences(of: "memoryMB: 0x100", with: "memoryMB: 64")),
        ("quoted number", plain.replacingOccurrences(of: "memoryMB: 0x100", with: "memoryMB: \"256\"")),
        ("boolean environment value", plain.replacingOccurrences(of: "\"true\"", with: "true")),
        ("reserved variable", plain.replacingOccurrences(of: "LOG_LEVEL", with: "AWS_REGION")),
        ("missing role", plain.replacingOccurrences(of: "  role: team-00-exec\n", with: "")),
        ("gradual rollout without alias", plain.replacingOccurrences(of: "  alias: live\n", with: "")),
        ("bad name", plain.replacingOccurrences(of: "fn-00042", with: "fn 42")),
        ("wrong apiVersion", plain.replacingOccurrences(of: "plumb.dev/v1", with: "plumb.dev/v2")),
        ("syntax error", plain.replacingOccurrences(of: "  runtime: python3.11", with: "  runtime: [python3.11")),
        ("integer key", plain.replacingOccurrences(of: "    app: \"svc-000\"", with: "    1: svc")),
        ("labels not a mapping", plain.replacingOccurrences(of: "  labels:\n    team: team-00\n    app: \"svc-000\"", with: "  labels: [a]")),
        ("extra metadata field", plain.replacingOccurrences(of: "  name: fn-00042", with: "  name: fn-00042\n  namespace: x")),
        ("empty file", ""),
    ]

    @Test(arguments: taken)
    func decodesPlainManifestsAsTheTreesDo(name: String, text: String) throws {
        let (stream, trees) = decode(text)
        let decoded = try #require(stream, "\(name): not decoded from events")
        #expect(trees.diagnostics.isEmpty && trees.manifests.allSatisfy(\.diagnostics.isEmpty), "\(name): \(trees.diagnostics)")
        expectSame(decoded, trees, name)
        expectSame(parse(text), trees, name)
    }

    @Test(arguments: leftToTrees)
    func leavesEverythingElseToTheTrees(name: String, text: String) {
        let (stream, trees) = decode(text)
        #expect(stream == nil, "\(name): decoded from events")
        expectSame(parse(text), trees, name)
    }

    private func decode(_ text: String) -> (ManifestFile?, ManifestFile) {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes {
            (FunctionManifestStream.decode(path: "functions/f.yaml", bytes: $0), ManifestFile.parseTrees(path: "functions/f.yaml", bytes: $0))
        }
    }

    private func parse(_ text: String) -> ManifestFile {
        Array(text.utf8).withUnsafeBytes { ManifestFile.parse(path: "functions/f.yaml", bytes: $0) }
    }

    private func expectSame(_ a: ManifestFile, _ b: ManifestFile, _ name: String) {
        #expect(a.diagnostics == b.diagnostics, "\(name)")
        #expect(a.foreignDocuments == b.foreignDocuments, "\(name)")
        #expect(a.manifests.count == b.manifests.count, "\(name)")
        for (x, y) in zip(a.manifests, b.manifests) {
            #expect(x.id == y.id && x.parsed.labels == y.parsed.labels && x.parsed.location == y.parsed.location, "\(name)")
            #expect(x.parsed.file == y.parsed.file && x.parsed.documentIndex == y.parsed.documentIndex && x.parsed.spec == y.parsed.spec, "\(name)")
            #expect(x.diagnostics == y.diagnostics && x.references == y.references, "\(name)")
            if case .function(let f) = x.spec, case .function(let g) = y.spec {
                #expect(f == g, "\(name)")
            } else {
                #expect(x.parsed.id.kind != .function, "\(name): specs of different kinds")
            }
        }
    }
}
