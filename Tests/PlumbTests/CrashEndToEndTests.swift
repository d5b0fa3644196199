import Foundation
import PlumbTesting
import Spawn
import Testing

/// Crash safety end to end: `kill -9` after journaling each mutating step of a multi-resource
/// deployment; the next `plumb apply` finishes the interrupted attempt and converges.
struct CrashEndToEndTests {
    @Test func apply_killedAtEachMutatingStep_nextApplyConvergesAndDriftIsClean() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.helloBody = "return {\"hello\": \"again\"}"
        repo.greeting = "hello there"
        repo.greeterConcurrency = 7
        repo.flowComment = "say hello, then greet"
        repo.extraStatements = [#"{"Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*"}"#]
        let target = try workspace.commit("change every kind of resource", repo.files)
        let template = workspace.folder.appending("template")
        try FileManager.default.copyItem(atPath: workspace.state, toPath: template)

        var crashes = 0
        for step in 1...60 {
            try? FileManager.default.removeItem(atPath: workspace.state)
            try FileManager.default.copyItem(atPath: template, toPath: workspace.state)
            let crashed = try workspace.plumb(["apply"], environment: ["PLUMB_CRASH_AT_STEP": String(step)])
            if crashed.status == 0 {
                // The deployment has fewer steps than `step`: every step was crashed at once.
                #expect(crashed.stdoutText.contains("Applied"), "step \(step): \(crashed.stdoutText)")
                break
            }
            crashes += 1
            #expect(crashed.status == 128 + 9, "step \(step): expected a kill, got \(crashed.status): \(crashed.stdoutText)\(crashed.stderrText)")
            let next = try workspace.expect(0, ["apply"])
            #expect(next.stdoutText.contains("Recovering attempt"), "step \(step): \(next.stdoutText)")
            let drift = try workspace.drift()
            #expect(drift.status == 0, "step \(step): drift after recovery:\n\(drift.stdoutText)")
            let history = try workspace.history()
            #expect(history.last?.commit == target && history.last?.outcome == "succeeded", "step \(step): \(history)")
        }
        #expect(crashes >= 8)
    }
}
