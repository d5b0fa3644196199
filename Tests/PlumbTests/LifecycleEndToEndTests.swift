import Foundation
import PlumbTesting
import Spawn
import Testing

/// Pruning, JSON progress, and a rollback that fails and is continued, end to end.
struct LifecycleEndToEndTests {
    @Test func removedFunction_isDeletedAndProgressStreamsAsJSON() throws {
        var repo = MiniRepo()
        repo.spare = true
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        #expect(try workspace.function("spare") != nil)
        repo.spare = false
        repo.greeting = "json please"
        try workspace.commit("drop spare, change greeter", repo.files)
        let output = try workspace.expect(0, ["apply", "--output", "json"])
        let events = output.stdoutText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(events.count == output.stdoutText.split(separator: "\n").count, "every line is a JSON object")
        let kinds = events.compactMap { $0["event"] as? String }
        #expect(kinds.first == "attempt-started")
        #expect(kinds.last == "result")
        #expect(kinds.contains("traffic") && kinds.contains("gate") && kinds.contains("step"))
        #expect(events.contains { $0["event"] as? String == "traffic" && $0["percent"] as? Double == 10 })
        #expect(events.contains { $0["event"] as? String == "step" && ($0["message"] as? String)?.contains("delete function spare") == true })
        #expect(events.last?["outcome"] as? String == "succeeded")
        #expect(try workspace.function("spare") == nil)
        try workspace.expect(0, ["drift"])
    }

    @Test func apply_withNoPrune_keepsARemovedFunctionAndReportsIt() throws {
        var repo = MiniRepo()
        repo.spare = true
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.spare = false
        try workspace.commit("drop spare", repo.files)
        let kept = try workspace.expect(0, ["apply", "--no-prune", "--output", "json"])
        let result = try #require(kept.stdoutText.split(separator: "\n").last.flatMap {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        })
        #expect(result["kept"] as? [String] == ["Function/spare"])
        #expect((result["plan"] as? [String: Any])?["delete"] as? Int == 0)
        #expect(kept.stdoutText.contains(#""message":"kept: no longer in desired state, and pruning is off""#))
        #expect(try workspace.function("spare") != nil)
        // Applying again with pruning off changes nothing; with pruning on, self-heal removes it.
        let again = try workspace.expect(0, ["apply", "--no-prune"])
        #expect(again.stdoutText.contains("No changes"))
        #expect(try workspace.function("spare") != nil)
        try workspace.expect(0, ["apply", "--self-heal"])
        #expect(try workspace.function("spare") == nil)
    }

    @Test func rollbackThatFails_namesWhatIsLeftAndIsContinuedLater() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.extraStatements = [#"{"Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*"}"#]
        repo.helloBody = "raise ValueError(\"broken\")"
        try workspace.commit("policy change and a broken handler", repo.files)
        // Only the rollback makes this call: putting the policy's old version back as default.
        try workspace.expect(0, ["sim", "fault", "add", "api-error", "--operation", "iam:SetDefaultPolicyVersion",
                                 "--error-code", "AccessDenied", "--message", "denied for the test"])
        let failed = try workspace.expect(1, ["apply"])
        #expect(failed.stdoutText.contains("Rolling back commit"))
        #expect(failed.stdoutText.contains("Left behind:"))
        #expect(failed.stdoutText.contains("Policy/invoke-fns"))
        #expect(failed.stdoutText.contains("Continue the rollback with: plumb rollback --continue"))
        #expect(try workspace.history().last?.outcome == "rollback-failed")
        #expect(try workspace.expect(0, ["status"]).stdoutText.contains("Unfinished attempts: 1"))

        try workspace.expect(0, ["sim", "fault", "remove", "--all"])
        let continued = try workspace.expect(0, ["rollback", "--continue"])
        #expect(continued.stdoutText.contains("Recovered 1"))
        try workspace.expect(0, ["drift"])
        #expect(try workspace.history().last?.outcome == "rolled-back")
        // The failed commit stays failed.
        #expect(try workspace.expect(1, ["apply"]).stdoutText.contains("failed before"))
    }
}
