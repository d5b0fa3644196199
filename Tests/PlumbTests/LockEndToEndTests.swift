import Foundation
import PlumbTesting
import Spawn
import Testing

/// The environment lock and history end to end.
struct LockEndToEndTests {
    @Test func secondApplier_failsNamingTheHolder_orWaitsForIt() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        // A scaled clock makes the five-minute canary last about five real seconds.
        try workspace.expect(0, ["sim", "clock", "mode", "scaled", "--scale", "60"])
        repo.greeting = "slow canary"
        try workspace.commit("canary", repo.files)
        let first = try ChildProcess(executable: PlumbBinary.path,
                                     arguments: ["apply", "--repo", workspace.repo.path, "--state-dir", workspace.state],
                                     stdout: .null, stderr: .null)
        defer { first.terminate() }
        var locked = false
        for _ in 0..<200 where !locked {
            let status = try workspace.plumb(["status", "--output", "json"]).stdoutText
            locked = status.contains("\"lock\"") && status.contains("\"pid\" : \(first.pid)")
            if !locked { usleep(100_000) }
        }
        #expect(locked, "the first apply never took the lock")

        let second = try workspace.expect(1, ["apply"])
        #expect((second.stdoutText + second.stderrText).contains("is locked by pid \(first.pid)"))
        let waited = try workspace.expect(0, ["apply", "--wait-for-lock", "--lock-timeout", "120"])
        #expect(waited.stdoutText.contains("No changes"))
        #expect(try first.wait(timeout: 120) == 0)
    }

    @Test func history_exportsAndImportsIntoAnotherStateFolder() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.helloBody = "raise RuntimeError(\"no\")"
        try workspace.commit("bad", repo.files)
        try workspace.expect(1, ["apply"])
        let text = try workspace.expect(0, ["history", "--steps"]).stdoutText
        #expect(text.contains("rolled-back"))
        #expect(text.contains("health gates failed"))

        let exported = try workspace.expect(0, ["history", "export", "--since", "1d"])
        let file = workspace.folder.appending("history.json")
        try exported.stdout.write(to: URL(fileURLWithPath: file))
        let other = workspace.folder.appending("other-state")
        let imported = try Spawn.run(PlumbBinary.path, ["history", "import", file, "--state-dir", other], timeout: 60)
        #expect(imported.stdoutText.contains("Imported 2 attempts"))
        let listed = try Spawn.run(PlumbBinary.path, ["history", "--state-dir", other], timeout: 60)
        #expect(listed.stdoutText.contains("rolled-back"))
        try workspace.expect(0, ["history", "retention", "--keep", "10", "--days", "none"])
    }
}
