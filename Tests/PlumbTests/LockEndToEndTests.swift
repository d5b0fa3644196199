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

    @Test func twoEnvironmentsOfOneAccount_deployOneAtATime_becauseTheyShareIAM() throws {
        var repo = MiniRepo()
        repo.environment = ["account: \"000000000000\"", "region: us-east-1"]
        var files = repo.files
        files["manifests/dr.yaml"] = """
            apiVersion: plumb.dev/v1
            kind: Environment
            metadata: {name: dr}
            spec: {account: "000000000000", region: us-west-2}

            """
        let workspace = try Workspace(files)
        try workspace.expect(0, ["apply", "--env", "prod"])
        try workspace.expect(0, ["apply", "--env", "dr"])
        try workspace.expect(0, ["sim", "clock", "mode", "scaled", "--scale", "60"])
        repo.greeting = "slow canary"
        try workspace.commit("canary", repo.files)
        let first = try ChildProcess(executable: PlumbBinary.path,
                                     arguments: ["apply", "--env", "prod", "--repo", workspace.repo.path, "--state-dir", workspace.state],
                                     stdout: .null, stderr: .null)
        defer { first.terminate() }
        // The account's lock row, read straight from the ledger.
        let query = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            print(",".join(str(row[0]) for row in db.execute("SELECT pid FROM lock WHERE environment LIKE 'account 000000000000%'")))
            """
        var locked = false
        for _ in 0..<200 where !locked {
            let rows = try Spawn.run("/usr/bin/env", ["python3", "-c", query, workspace.state + "/ledger.sqlite"], timeout: 30)
            locked = rows.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "\(first.pid)"
            if !locked { usleep(50_000) }
        }
        #expect(locked, "the first apply never took the account's lock")

        let refused = try workspace.expect(1, ["apply", "--env", "dr"])
        #expect((refused.stdoutText + refused.stderrText).contains("AWS account 000000000000 (IAM shared by its environments) is locked by pid \(first.pid)"))
        try workspace.expect(0, ["apply", "--env", "dr", "--wait-for-lock", "--lock-timeout", "120"])
        #expect(try first.wait(timeout: 120) == 0)
        #expect(try workspace.liveVersion("greeter") == "2")
        #expect(try workspace.liveVersion("greeter", region: "us-west-2") == "2")
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
