import CloudSim
import Controller
import Foundation
import PlumbTesting
import Reconcile
import Testing

/// `plumb watch` as a real process following a branch served by a real `git daemon`.
@Suite(.serialized) struct WatchPollingTests {
    struct Setup {
        let directory: TemporaryDirectory
        let repo: DesiredStateRepo
        let state: String
        let controllerFile: String

        init(interval: String = "300ms", selfHeal: Bool = false, secretVariable: String? = nil, prune: Bool = true) throws {
            directory = try TemporaryDirectory(prefix: "plumb-watch")
            repo = try DesiredStateRepo(directory: directory)
            state = directory.appending("state")
            controllerFile = directory.appending("controller.yaml")
            try writeController(to: controllerFile, url: repo.url, stateDirectory: state, interval: interval, selfHeal: selfHeal,
                                secretVariable: secretVariable, prune: prune)
        }

        func start(environment: [String: String] = [:]) throws -> WatchProcess {
            try WatchProcess(controllerFile: controllerFile, stateDirectory: state, logPath: directory.appending("watch.log"), environment: environment)
        }

        func attempts() async throws -> [DeploymentAttempt] {
            try await LedgerStore(stateDirectory: state).attempts(environment: "test")
        }

        /// Runs the clock at 30 simulated seconds per real second, starts a daemon that deploys a
        /// first commit, then pushes a second whose canary (`strategy`) is still running on return.
        func startWithSlowCanary(strategy: String) async throws -> (daemon: WatchProcess, first: String, slow: String) {
            try await WatchInterruptTests.scaleClock(state)
            try repo.writeState(message: "one", strategy: strategy)
            let first = try repo.commitAndPush("first")
            let daemon = try start()
            try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first }
            try repo.writeState(message: "two", strategy: strategy)
            let slow = try repo.commitAndPush("second, a slow canary")
            try daemon.waitFor("the slow canary started") { $0.deploying == slow }
            return (daemon, first, slow)
        }
    }

    @Test func watch_whenCommitsArePushed_deploysEachByPolling() async throws {
        let setup = try Setup()
        try setup.repo.writeState(message: "hello")
        let first = try setup.repo.commitAndPush("first")
        let daemon = try setup.start()
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first && $0.deployedCommit == first }
        try setup.repo.writeState(message: "hello again")
        let second = try setup.repo.commitAndPush("second")
        let status = try daemon.waitFor("the second commit deployed") { $0.lastGoodCommit == second }
        #expect(status.sourceHead?.commit == second)
        #expect(status.lastAttempt?.outcome == "succeeded")
        #expect(status.lastError == nil)
        let cloud = try SimCloud(stateDirectory: setup.state)
        let alias = try await cloud.provider().getAlias("greeter", name: "live")
        #expect(alias.functionVersion == "2")
        await cloud.shutdown()
        #expect(try daemon.terminate() == 0)
    }

    @Test func watch_whenACommitFailsItsGates_rollsBackDoesNotRetryAndDeploysTheRevert() async throws {
        let setup = try Setup()
        try setup.repo.writeState(message: "hello")
        let good = try setup.repo.commitAndPush("good")
        let daemon = try setup.start()
        try daemon.waitFor("the good commit deployed") { $0.lastGoodCommit == good }
        try setup.repo.writeState(message: "", fails: true)
        let bad = try setup.repo.commitAndPush("break the greeter")
        let failed = try daemon.waitFor("the bad commit rolled back") { $0.failedCommits.contains(bad) }
        #expect(failed.lastGoodCommit == good)
        #expect(failed.lastAttempt?.outcome == "rolled-back")
        #expect(failed.lastError?.retrying == false)
        let passes = failed.passes
        try daemon.waitFor("five more passes") { $0.passes >= passes + 5 }
        let badAttempts = try await setup.attempts().filter { $0.commit == bad }
        #expect(badAttempts.count == 1)
        #expect(badAttempts.first?.outcome == .rolledBack)
        _ = try setup.repo.work.git(["revert", "--no-edit", "HEAD"])
        try setup.repo.work.push("origin", "main")
        let revert = try setup.repo.work.revParse("HEAD")
        let healed = try daemon.waitFor("the revert deployed") { $0.lastGoodCommit == revert }
        #expect(healed.lastError == nil)
        let metrics = try daemon.request("GET", "/metrics").text
        #expect(metrics.contains(#"plumb_deployments_total{controller="test",environment="test",outcome="rolled_back"} 1"#))
        #expect(metrics.contains(#"plumb_rollbacks_total{controller="test",environment="test",result="succeeded"} 1"#))
        #expect(try daemon.terminate() == 0)
    }

    @Test func watch_whenTheRemoteGoesDown_keepsTheLastGoodStateBacksOffAndRecovers() async throws {
        let setup = try Setup()
        try setup.repo.writeState(message: "hello")
        let first = try setup.repo.commitAndPush("first")
        let daemon = try setup.start()
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first }
        setup.repo.stopServing()
        let down = try daemon.waitFor("the fetch error reported") { $0.lastError?.kind == "fetch" }
        #expect(down.lastError?.retrying == true)
        #expect(down.lastGoodCommit == first)
        try daemon.waitFor("backing off") { $0.activity == .backingOff }
        let metrics = try daemon.request("GET", "/metrics").text
        #expect(metrics.contains(#"plumb_source_fetch_errors_total{controller="test",environment="test"}"#))
        try setup.repo.writeState(message: "after the outage")
        let second = try setup.repo.commitAndPush("second")
        try setup.repo.resumeServing()
        let recovered = try daemon.waitFor("recovered and deployed") { $0.lastGoodCommit == second }
        #expect(recovered.lastError == nil)
        #expect(try daemon.terminate() == 0)
    }

    @Test func watch_whenTheBranchIsForcePushed_reportsTheRewriteAndDeploysTheNewHead() async throws {
        let setup = try Setup()
        try setup.repo.writeState(message: "one")
        let first = try setup.repo.commitAndPush("first")
        try setup.repo.writeState(message: "two")
        let second = try setup.repo.commitAndPush("second")
        let daemon = try setup.start()
        try daemon.waitFor("the second commit deployed") { $0.lastGoodCommit == second }
        try setup.repo.work.resetHard(to: first)
        try setup.repo.writeState(message: "two, rewritten")
        let rewritten = try setup.repo.commitAndPush("second, rewritten", force: true)
        let status = try daemon.waitFor("the rewritten head deployed") { $0.lastGoodCommit == rewritten }
        #expect(status.lastRewrite?.from == second)
        #expect(status.lastRewrite?.to == rewritten)
        #expect(try daemon.request("GET", "/metrics").text.contains(#"plumb_source_history_rewrites_total{controller="test",environment="test"} 1"#))
        #expect(try daemon.terminate() == 0)
        #expect(WatchProcess.tail(setup.directory.appending("watch.log"), lines: 10_000).contains("was rewritten"))
    }
    @Test func watch_whileAnotherApplierHoldsTheEnvironmentLock_waitsAndDeploysAfterItIsReleased() async throws {
        let setup = try Setup()
        try setup.repo.writeState(message: "hello")
        let first = try setup.repo.commitAndPush("first")
        let daemon = try setup.start()
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first }
        let ledger = try LedgerStore(stateDirectory: setup.state)
        let lease = try await ledger.acquire(environment: "test", commit: nil, waitSeconds: 300)
        try setup.repo.writeState(message: "while locked")
        let second = try setup.repo.commitAndPush("second")
        let blocked = try daemon.waitFor("the lock reported") { $0.lastError?.kind == "lock-held" }
        #expect(blocked.lastGoodCommit == first)
        #expect(blocked.lastError?.retrying == true)
        try await ledger.release(lease)
        let done = try daemon.waitFor("the second commit deployed") { $0.lastGoodCommit == second }
        #expect(done.lastError == nil)
        #expect(try daemon.terminate() == 0)
    }
    @Test func watch_withManualFailoverWhenTheRegionIsDown_reportsAndWaitsWithoutMoving() async throws {
        let setup = try Setup()
        let writeState = { (message: String) in
            try setup.repo.writeState(message: message)
            try setup.repo.work.write("manifests/environment.yaml", """
                apiVersion: plumb.dev/v1
                kind: Environment
                metadata: {name: test}
                spec:
                  account: "000000000000"
                  region: us-east-1
                  backupRegion: us-west-2
                """)
        }
        try writeState("hello")
        let first = try setup.repo.commitAndPush("first")
        let definition = try String(contentsOfFile: setup.controllerFile, encoding: .utf8) + "  failover: {policy: manual}\n"
        try definition.write(toFile: setup.controllerFile, atomically: true, encoding: .utf8)
        let daemon = try setup.start()
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first }
        let cloud = try SimCloud(stateDirectory: setup.state)
        try await cloud.setRegion("us-east-1", available: false)
        try writeState("during the outage")
        let second = try setup.repo.commitAndPush("second")
        let down = try daemon.waitFor("the outage reported") { $0.lastError?.kind == "region-unavailable" }
        #expect(down.lastError?.message.contains("plumb failover --env test --to us-west-2") == true)
        #expect(down.lastGoodCommit == first)
        #expect(try await LedgerStore(stateDirectory: setup.state).environmentRecord("test")?.activeRegion == nil)
        try await cloud.setRegion("us-east-1", available: true)
        await cloud.shutdown()
        let back = try daemon.waitFor("the second commit deployed once the region answers") { $0.lastGoodCommit == second }
        #expect(back.region == "us-east-1")
        #expect(try daemon.terminate() == 0)
    }
}
