import DesiredState
import Foundation
import PlumbTesting
import Reconcile
import Testing

/// Fixture pairs (`Fixtures/<case>-desired.yaml` / `<case>-live.json`): each normalization
/// either hides a difference that carries no meaning or reports exactly the fields that changed.
@Suite struct DiffFixtureTests {
    /// A case and the diff paths the plan must report (empty: in sync).
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "function-in-sync", expected: []),
        Case(name: "function-defaults-omitted", expected: []),
        Case(name: "function-env-changes", expected: [
            "Function/orders environment.LOG_LEVEL", "Function/orders environment.TABLE", "Function/orders environment.OLD_FLAG",
        ]),
        Case(name: "function-secret-changed", expected: ["Function/orders environment.DB_PASSWORD"]),
        Case(name: "function-code-changed", expected: ["Function/orders code"]),
        Case(name: "function-alias-mid-shift", expected: ["Function/orders alias.routing", "Function/orders latest.memoryMB"]),
        Case(name: "function-latest-drift", expected: ["Function/orders latest.memoryMB"]),
        Case(name: "function-concurrency-and-tags", expected: ["Function/orders reservedConcurrency", "Function/orders tags.temp"]),
        Case(name: "function-alias-missing", expected: ["Function/orders alias"]),
        Case(name: "sm-in-sync-key-order", expected: []),
        Case(name: "sm-definition-changed", expected: ["StateMachine/flow definition.States.Deploy.Retry[0].MaxAttempts"]),
        Case(name: "sm-alias-mid-shift", expected: ["StateMachine/flow alias.routing"]),
        Case(name: "sm-type-changed", expected: ["StateMachine/flow type"]),
        Case(name: "iam-normalized-in-sync", expected: []),
        Case(name: "iam-role-changes", expected: [
            "Role/auditor inline.logs.Statement", "Role/auditor inline.logs.Statement",
            "Role/auditor policies.audit-read", "Role/auditor inline.extra",
        ]),
        Case(name: "iam-policy-statement-removed", expected: ["Policy/audit-read document.Statement"]),
        Case(name: "iam-policy-sid-changed", expected: ["Policy/audit-read document.Statement[Read].Action"]),
    ]

    @Test(arguments: cases)
    func fixturePair_reportsExactlyTheFieldsThatDiffer(_ testCase: Case) throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try DesiredFixture.loadCase(testCase.name, in: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.diffPaths.sorted() == testCase.expected.sorted())
        #expect(plan.changes.allSatisfy { $0.action == .update })
        #expect(plan.isEmpty == testCase.expected.isEmpty)
    }

    @Test func secretChange_isMaskedInEveryOutputButKeepsRawValuesForTheExecutor() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try DesiredFixture.loadCase("function-secret-changed", in: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        let diff = try #require(plan.changes.first?.diffs.first)
        #expect(diff.desired == SecretMask.mask && diff.live == SecretMask.mask)
        #expect(diff.desiredValue == "hunter2" && diff.liveValue == "old-secret")
        for output in [plan.renderText(), plan.renderJSON(), plan.renderMarkdown()] {
            #expect(!output.contains("hunter2") && !output.contains("old-secret"))
            #expect(output.contains("environment.DB_PASSWORD"))
        }
    }

    @Test func codeChange_plansABlueGreenReleaseOfANewVersion() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try DesiredFixture.loadCase("function-code-changed", in: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        let change = try #require(plan.changes.first)
        guard case .function(let release) = change.rollout else {
            Issue.record("expected a function release, got \(change.rollout)")
            return
        }
        #expect(release.newVersion && release.alias == "live" && release.steps.last?.weight == 100)
        #expect(change.diffs.first?.scope == .version)
        #expect(change.live != nil)
    }

    @Test func aliasLeftMidShift_needsNoNewVersion() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try DesiredFixture.loadCase("function-alias-mid-shift", in: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        guard case .function(let release)? = plan.changes.first?.rollout else {
            Issue.record("expected a function release")
            return
        }
        #expect(!release.newVersion)
        let routing = try #require(plan.changes.first?.diffs.first { $0.path == "alias.routing" })
        #expect(routing.live == #"{"1":0.9,"2":0.1}"#)
    }

    @Test func typeChange_isMarkedImmutable() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try DesiredFixture.loadCase("sm-type-changed", in: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.changes.first?.diffs.map(\.scope) == [.immutable])
        #expect(plan.changes.first?.diffs.first?.desired == "STANDARD")
    }
}
