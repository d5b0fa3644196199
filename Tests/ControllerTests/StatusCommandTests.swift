import Controller
import Foundation
import PlumbTesting
import Reconcile
import Spawn
import Testing

/// `plumb status` asks a running `plumb watch` of its state folder, and reads the ledger without one.
@Suite(.serialized) struct StatusCommandTests {
    /// `plumb status` on the controller's repository and state folder.
    static func status(_ setup: WatchPollingTests.Setup, json: Bool) throws -> ProcessOutput {
        let arguments = ["status", "--repo", setup.repo.work.path, "--state-dir", setup.state] + (json ? ["--output", "json"] : [])
        return try Spawn.run(WatchProcess.binary, arguments, timeout: 120)
    }

    @Test func status_whileTheDaemonRuns_answersFromItAndFromTheLedgerOnceItStops() async throws {
        let setup = try WatchPollingTests.Setup()
        try setup.repo.writeState(message: "hello")
        let first = try setup.repo.commitAndPush("first")
        let daemon = try setup.start()
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first && $0.passes >= 2 }

        let asked = try Self.status(setup, json: true)
        #expect(asked.status == 0, "\(asked.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: asked.stdout) as? [String: Any])
        #expect(report["source"] as? String == "daemon", "\(asked.stdoutText)")
        let answer = try #require(report["daemon"] as? [String: Any])
        #expect(answer["pid"] as? Int == Int(daemon.child.pid))
        let controller = try #require(answer["controller"] as? [String: Any])
        #expect(controller["name"] as? String == "test")
        #expect(controller["lastGoodCommit"] as? String == first)
        #expect((controller["sourceHead"] as? [String: Any])?["commit"] as? String == first)

        let text = try Self.status(setup, json: false).stdoutText
        #expect(text.contains("Answered by: the running daemon (pid \(daemon.child.pid)"), "\(text)")
        #expect(text.contains("Source head: \(first.prefix(7)) \"first\""))
        #expect(text.contains("Drifted resources: 0"))

        #expect(try daemon.terminate() == 0)
        let fallback = try Self.status(setup, json: false)
        #expect(fallback.status == 0)
        #expect(fallback.stdoutText.contains("Answered by: the ledger (no daemon runs for \(setup.state))"), "\(fallback.stdoutText)")
        #expect(fallback.stdoutText.contains("Last good commit: \(first.prefix(7))"))
        #expect(fallback.stdoutText.contains("Pending changes: 0"))
    }
}

/// The environment lock between a daemon and a CLI `plumb apply` on the same state folder.
@Suite(.serialized) struct LockCollisionTests {
    @Test func cliApply_whileTheDaemonDeploys_failsNamingTheDaemon_orWaitsForIt() async throws {
        let setup = try WatchPollingTests.Setup()
        // 30 simulated seconds per real second: the ten-minute canary step lasts twenty seconds.
        let (daemon, _, slow) = try await setup.startWithSlowCanary(strategy: "Canary50Percent10Minutes")
        let ledger = try LedgerStore(stateDirectory: setup.state)
        var holder = try await ledger.holder(environment: "test")
        for _ in 0..<100 where holder?.pid != daemon.child.pid {
            usleep(50_000)
            holder = try await ledger.holder(environment: "test")
        }
        #expect(holder?.pid == daemon.child.pid, "the daemon never took the lock")

        let apply = ["apply", "--repo", setup.repo.work.path, "--state-dir", setup.state]
        let refused = try Spawn.run(WatchProcess.binary, apply, timeout: 120)
        #expect(refused.status == 1)
        #expect((refused.stdoutText + refused.stderrText).contains("is locked by pid \(daemon.child.pid)"), "\(refused.stderrText)")
        let waited = try Spawn.run(WatchProcess.binary, apply + ["--wait-for-lock", "--lock-timeout", "120"], timeout: 180)
        #expect(waited.status == 0, "\(waited.stdoutText)\(waited.stderrText)")
        #expect(waited.stdoutText.contains("No changes"), "\(waited.stdoutText)")
        let done = try daemon.waitFor("the slow canary deployed") { $0.lastGoodCommit == slow }
        #expect(done.failedCommits.isEmpty)
        let attempts = try await ledger.attempts(environment: "test").filter { $0.commit == slow }
        #expect(attempts.map(\.outcome) == [.succeeded])
        #expect(try daemon.terminate() == 0)
    }
}
