import Foundation
import PlumbTesting
import Spawn
import Testing

/// Drift, self-heal and rejected desired state end to end.
struct DriftEndToEndTests {
    @Test func outOfBandEdit_showsInDriftAndSelfHealCorrectsIt() throws {
        let workspace = try Workspace(MiniRepo().files)
        try workspace.expect(0, ["apply"])
        try workspace.editSimulatedCloud(["UPDATE function SET reservedConcurrency = 1 WHERE name = 'greeter'"], importBack: true)
        #expect(try workspace.reservedConcurrency("greeter") == 1)

        let drift = try workspace.expect(2, ["drift"])
        #expect(drift.stdoutText.contains("reservedConcurrency"))
        let refused = try workspace.expect(2, ["apply"])
        #expect(refused.stdoutText.contains("--self-heal"))
        #expect(try workspace.reservedConcurrency("greeter") == 1)

        try workspace.expect(0, ["apply", "--self-heal"])
        #expect(try workspace.reservedConcurrency("greeter") == 5)
        try workspace.expect(0, ["drift"])
    }

    @Test func badDefinition_isRejectedBeforeAnythingChanges() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.helloMemory = 512
        var files = repo.files
        files["state-machines/flow.asl.json"] = #"{"StartAt": "Hello", "States": {"Hello": {"Type": "Task", "Resource": "${Hello}", "Next": "Nowhere"}}}"#
        try workspace.commit("broken definition", files)
        let rejected = try workspace.expect(1, ["apply"])
        #expect(rejected.stdoutText.contains("rejected before anything changed"))
        #expect(rejected.stdoutText.contains("Nowhere"))
        try workspace.expect(0, ["drift"])
        #expect(try workspace.history().last?.outcome == "rejected")
    }

    @Test func policyDenyingTheInvoke_isRejectedBeforeAnythingChanges() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.extraStatements = [#"{"Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": "${function:greeter:*}"}"#]
        repo.greeting = "never deployed"
        try workspace.commit("deny the invoke", repo.files)
        let rejected = try workspace.expect(1, ["apply"])
        #expect(rejected.stdoutText.contains("rejected before anything changed"), "\(rejected.stdoutText)")
        try workspace.expect(0, ["drift"])
        #expect(try workspace.liveVersion("greeter") == "1")
    }
}
