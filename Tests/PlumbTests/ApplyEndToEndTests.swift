import Foundation
import PlumbTesting
import Spawn
import Testing

/// `plumb apply` end to end: the real binary, a git repository, the simulated cloud.
@Suite(.serialized) struct ApplyEndToEndTests {
    @Test func apply_commitThenApplyAgain_isConvergedAndDriftIsClean() throws {
        let workspace = try Workspace(MiniRepo().files)
        let first = try workspace.expect(0, ["apply"])
        #expect(first.stdoutText.contains("Applied commit"))
        #expect(first.stdoutText.contains("Function/greeter"))
        try workspace.expect(0, ["drift"])
        let again = try workspace.expect(0, ["apply"])
        #expect(again.stdoutText.contains("No changes"))
        let functions = try workspace.simJSON(["functions"])
        #expect(String(describing: functions).contains("greeter"))
        #expect(try workspace.history().map(\.outcome) == ["succeeded"])
    }

    @Test func apply_whenHandlerRaises_canaryFailsRollsBackAndTheCommitIsNotRetried() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.helloBody = "raise ValueError(\"broken release\")"
        repo.helloStrategy = "Canary10Percent5Minutes"
        let bad = try workspace.commit("break hello", repo.files)
        let failed = try workspace.expect(1, ["apply"])
        #expect(failed.stdoutText.contains("health gates failed"))
        #expect(failed.stdoutText.contains("Rolled back"))
        try workspace.expect(0, ["drift"])
        let history = try workspace.history()
        #expect(history.last?.commit == bad)
        #expect(history.last?.outcome == "rolled-back")

        let skipped = try workspace.expect(1, ["apply"])
        #expect(skipped.stdoutText.contains("failed before"))
        #expect(try workspace.history().count == history.count)

        // git revert is the way forward: the revert applies and converges.
        try workspace.repo.git(["revert", "--no-edit", "HEAD"])
        try workspace.expect(0, ["apply"])
        try workspace.expect(0, ["drift"])
    }
}

/// State machine releases end to end: smoke executions gate the alias.
struct StateMachineEndToEndTests {
    @Test func smokeTest_whenTheNewVersionFails_rollsTheReleaseBack() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        let first = try workspace.expect(0, ["apply"])
        #expect(first.stdoutText.contains("smoke test 1: SUCCEEDED (expected SUCCEEDED) — passed"))
        repo.flowFails = true
        try workspace.commit("the flow fails", repo.files)
        let failed = try workspace.expect(1, ["apply"])
        #expect(failed.stdoutText.contains("smoke test 1: FAILED (expected SUCCEEDED) — failed"))
        #expect(failed.stdoutText.contains("Rolled back"))
        try workspace.expect(0, ["drift"])
        let machines = try workspace.simJSON(["state-machines"]) as? [[String: Any]]
        let aliases = machines?.first?["aliases"] as? [[String: Any]]
        let routes = aliases?.first?["routingConfiguration"] as? [[String: Any]]
        #expect((routes?.first?["stateMachineVersionArn"] as? String)?.hasSuffix(":flow:1") == true)
    }
}
