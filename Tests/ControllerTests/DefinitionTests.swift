import Foundation
import PlumbTesting
import Testing
@testable import Controller

@Suite struct DefinitionTests {
    static let minimal = """
        apiVersion: plumb.dev/v1
        kind: Controller
        metadata: {name: production}
        spec:
          source: {url: "https://git.example.com/platform/deploy.git", path: desired-state}
          environment: production

        """

    func parse(_ text: String, file: String = "/etc/plumb/controllers/c.yaml") throws -> [ControllerDefinition] {
        try DefinitionLoader.parse(Array(text.utf8), file: file, defaultStateDirectory: "/var/lib/plumb")
    }

    func problems(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch let error as DefinitionError {
            return error.problems
        } catch {
            return ["\(error)"]
        }
    }

    @Test func definition_withOnlyRequiredFields_takesDocumentedDefaults() throws {
        let definition = try #require(try parse(Self.minimal).first)
        #expect(definition.name == "production")
        #expect(definition.source == SourceSpec(url: "https://git.example.com/platform/deploy.git", branch: "main", path: "desired-state"))
        #expect(definition.interval == 60)
        #expect(definition.jitter == 0.1)
        #expect(definition.selfHeal == false)
        #expect(definition.prune == true)
        #expect(definition.retry == RetrySpec(initialBackoff: 5, maxBackoff: 300, factor: 2))
        #expect(definition.stateDirectory == "/var/lib/plumb")
        #expect(definition.webhook == nil)
        #expect(definition.failover == .automatic)
        #expect(definition.origin == "/etc/plumb/controllers/c.yaml:3:18")
    }

    @Test func definition_withEveryField_readsDurationsAndResolvesRelativePaths() throws {
        let text = """
            apiVersion: plumb.dev/v1
            kind: Controller
            metadata: {name: dr}
            spec:
              source: {url: ../repo, branch: release}
              environment: disaster-recovery
              interval: 1h30m
              jitter: 0.2
              selfHeal: true
              prune: false
              retry: {initialBackoff: 250ms, maxBackoff: 2m, factor: 3}
              stateDirectory: state
              webhook: {secretFromEnv: DR_SECRET}
              failover: {policy: manual}
            """
        let definition = try #require(try parse(text, file: "/srv/plumb/controllers/dr.yaml").first)
        #expect(definition.source.url == "/srv/plumb/repo")
        #expect(definition.source.branch == "release")
        #expect(definition.interval == 5400)
        #expect(definition.retry == RetrySpec(initialBackoff: 0.25, maxBackoff: 120, factor: 3))
        #expect(definition.stateDirectory == "/srv/plumb/controllers/state")
        #expect(definition.webhook == WebhookSpec(secretFromEnv: "DR_SECRET"))
        #expect(definition.failover == .manual)
        #expect(definition.selfHeal && !definition.prune)
    }

    @Test func definition_withMisspelledField_isRejectedWithSuggestionAndPosition() {
        let found = problems(Self.minimal + "  selfHeel: true\n")
        #expect(found.count == 1)
        #expect(found.first?.contains("c.yaml:7:3: unknown field 'selfHeel' (did you mean 'selfHeal'?)") == true)
    }

    @Test func definition_withSecretInTheFile_isRefused() {
        let found = problems(Self.minimal + "  webhook: {secret: hunter2}\n")
        #expect(found.first?.contains("never written in a controller file") == true)
        #expect(found.first?.contains("secretFromEnv") == true)
        #expect(found.first?.contains("hunter2") == false)
    }

    @Test func definition_withBadValues_reportsEachWithItsPlace() {
        let text = Self.minimal.replacingOccurrences(of: "metadata: {name: production}", with: "metadata: {name: Prod_1}")
            + "  interval: 50ms\n  jitter: 0.9\n  retry: {initialBackoff: 1m, maxBackoff: 10s}\n"
        let found = problems(text)
        #expect(found.count == 4)
        #expect(found.contains { $0.contains("c.yaml:3:18: controller name 'Prod_1'") })
        #expect(found.contains { $0.contains("interval must be at least 100ms") })
        #expect(found.contains { $0.contains("jitter is a share of the interval") })
        #expect(found.contains { $0.contains("retry needs 0 < initialBackoff ≤ maxBackoff") })
    }

    @Test func definition_withUnparsableDuration_namesTheField() {
        let found = problems(Self.minimal + "  interval: soon\n")
        #expect(found.first?.contains("c.yaml:7:13") == true)
        #expect(found.first?.contains("'soon' is not a duration") == true)
    }

    @Test func definition_withUnknownFailoverPolicy_listsTheChoices() {
        let found = problems(Self.minimal + "  failover: {policy: sometimes}\n")
        #expect(found.first?.contains("unknown failover policy 'sometimes'; write automatic or manual") == true)
    }

    @Test func definition_ofAnotherKind_isRejected() {
        let found = problems(Self.minimal.replacingOccurrences(of: "kind: Controller", with: "kind: Function"))
        #expect(found.first?.contains("kind 'Function' is not a controller") == true)
    }

    @Test func loader_withTwoControllersOfOneName_reportsBothPlaces() throws {
        let directory = try TemporaryDirectory()
        try Self.minimal.write(toFile: directory.appending("a.yaml"), atomically: true, encoding: .utf8)
        try Self.minimal.write(toFile: directory.appending("b.yml"), atomically: true, encoding: .utf8)
        try "not a controller".write(toFile: directory.appending("README.md"), atomically: true, encoding: .utf8)
        #expect {
            try DefinitionLoader.load(paths: [directory.path], defaultStateDirectory: ".plumb")
        } throws: { error in
            let text = "\(error)"
            return text.contains("b.yml:3:18: a controller named 'production' is already defined at") && text.contains("a.yaml:3:18")
        }
    }

    @Test func loader_onTheExampleControllers_readsProductionAndDisasterRecovery() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
        let definitions = try DefinitionLoader.load(paths: [root + "/controllers"], defaultStateDirectory: ".plumb")
        #expect(definitions.map(\.name) == ["disaster-recovery", "production"])
        let production = try #require(definitions.first { $0.name == "production" })
        #expect(production.environment == "production")
        #expect(production.source.url == root)
        #expect(production.source.path == "desired-state")
        #expect(production.stateDirectory == root + "/.plumb")
        #expect(production.webhook?.secretFromEnv == "PLUMB_WEBHOOK_SECRET")
        #expect(definitions.first { $0.name == "disaster-recovery" }?.failover == .manual)
    }

    @Test func handle_withSecretVariableUnset_refusesToStart() throws {
        let definition = try #require(try parse(Self.minimal + "  webhook: {secretFromEnv: PLUMB_TEST_UNSET_SECRET}\n").first)
        #expect(throws: DefinitionError.self) { try ControllerHandle(definition: definition, hub: MetricsHub(), environment: [:]) }
        let handle = try ControllerHandle(definition: definition, hub: MetricsHub(), environment: ["PLUMB_TEST_UNSET_SECRET": "s3cret"])
        #expect(handle.secret == Array("s3cret".utf8))
    }

    @Test(arguments: [("90s", 90.0), ("1h30m", 5400), ("250ms", 0.25), ("2d", 172_800), ("1m1s", 61)])
    func duration_parsesUnits(text: String, seconds: Double) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test(arguments: ["", "5", "m5", "5 minutes", "1h-2m", "1.2.3s"])
    func duration_rejectsMalformedText(text: String) {
        #expect(DurationText.parse(text) == nil)
    }
}
