import CloudSim
import Controller
import Foundation
import PlumbTesting
import Reconcile
import Spawn
import Testing

/// Rollouts stopped by a newer commit or by SIGTERM, on a scaled clock so a canary takes seconds.
@Suite(.serialized) struct WatchInterruptTests {
    /// 30 simulated seconds per real second: a two-minute canary step lasts four seconds.
    static func scaleClock(_ state: String) async throws {
        let cloud = try SimCloud(stateDirectory: state)
        try await cloud.clock.setMode(.scaled, scale: 30)
        await cloud.shutdown()
    }

    @Test func watch_whenANewerCommitArrivesDuringASlowCanary_stopsItAndDeploysTheNewest() async throws {
        let setup = try WatchPollingTests.Setup()
        let (daemon, _, slow) = try await setup.startWithSlowCanary(strategy: "Canary50Percent2Minutes")
        try setup.repo.writeState(message: "three", strategy: "AllAtOnce")
        let newest = try setup.repo.commitAndPush("third")
        let status = try daemon.waitFor("the newest commit deployed") { $0.lastGoodCommit == newest }
        #expect(status.failedCommits.isEmpty)
        let attempts = try await setup.attempts()
        let stopped = try #require(attempts.first { $0.commit == slow })
        #expect(stopped.outcome == .cancelled)
        #expect(!stopped.blamesCommit)
        #expect(stopped.error?.contains("newer commit \(newest.prefix(7)) arrived") == true)
        #expect(attempts.first { $0.commit == newest }?.outcome == .succeeded)
        #expect(try await LedgerStore(stateDirectory: setup.state).failedCommits(environment: "test").isEmpty)
        let history = try Spawn.run(WatchProcess.binary, ["history", "--state-dir", setup.state], timeout: 60)
        let line = history.stdoutText.split(separator: "\n").first { $0.contains("commit \(slow.prefix(7))") }
        #expect(line?.contains("cancelled") == true, "plumb history:\n\(history.stdoutText)")
        let metrics = try daemon.request("GET", "/metrics").text
        #expect(metrics.contains(#"plumb_deployments_total{controller="test",environment="test",outcome="interrupted"} 1"#))
        #expect(try daemon.terminate() == 0)
    }

    @Test func watch_whenStoppedDuringARollout_undoesItExitsZeroAndResumesOnRestart() async throws {
        let setup = try WatchPollingTests.Setup()
        let started = try await setup.startWithSlowCanary(strategy: "Canary50Percent2Minutes")
        var daemon = started.daemon
        let (first, second) = (started.first, started.slow)
        usleep(500_000)
        #expect(try daemon.terminate() == 0)
        let ledger = try LedgerStore(stateDirectory: setup.state)
        #expect(try await ledger.holder(environment: "test") == nil)
        let stopped = try #require(try await ledger.attempts(environment: "test").first { $0.commit == second })
        #expect(stopped.outcome == .cancelled)
        #expect(RolloutInterrupted.isInterruption(stopped.error))
        #expect(try await ledger.failedCommits(environment: "test").isEmpty)
        #expect(try await ledger.environmentRecord("test")?.lastGoodCommit == first)

        daemon = try setup.start()
        let resumed = try daemon.waitFor("the interrupted commit deployed after the restart") { $0.lastGoodCommit == second }
        #expect(resumed.failedCommits.isEmpty)
        #expect(try daemon.terminate() == 0)
    }
    @Test func watch_whenKilledMidRollout_recoversFromTheJournalOnRestartAndConverges() async throws {
        let setup = try WatchPollingTests.Setup()
        try setup.repo.writeState(message: "one")
        let first = try setup.repo.commitAndPush("first")
        var daemon = try setup.start()
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first }
        #expect(try daemon.terminate() == 0)
        try setup.repo.writeState(message: "two")
        let second = try setup.repo.commitAndPush("second")
        // The executor's crash switch: SIGKILL right after journaling the second mutating step.
        daemon = try WatchProcess(controllerFile: setup.controllerFile, stateDirectory: setup.state, logPath: setup.directory.appending("watch.log"),
                                  environment: ["PLUMB_CRASH_AT_STEP": "2"], waitForAddress: false)
        #expect(try daemon.child.wait(timeout: 60) == 128 + 9)
        let ledger = try LedgerStore(stateDirectory: setup.state)
        let killed = try #require(try await ledger.attempts(environment: "test").first { $0.commit == second })
        #expect(killed.outcome == .inProgress)

        daemon = try setup.start()
        let converged = try daemon.waitFor("the second commit deployed after recovery") { $0.lastGoodCommit == second }
        #expect(converged.failedCommits.isEmpty)
        let attempts = try await ledger.attempts(environment: "test").filter { $0.commit == second }
        #expect(attempts.map(\.outcome).sorted { $0.rawValue < $1.rawValue } == [.rolledBack, .succeeded])
        #expect(try daemon.terminate() == 0)
    }
}
