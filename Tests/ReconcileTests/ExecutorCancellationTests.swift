import Cloud
import CloudSim
import DesiredState
import Foundation
import PlumbTesting
@testable import Reconcile
import Testing

/// A rollout stopped by its caller (not by a fault of its commit) is undone and ends `cancelled`.
struct ExecutorCancellationTests {
    /// Thrown into waits by the caller, as a controller does for a newer commit.
    struct Superseded: AttemptInterruption, CustomStringConvertible {
        var description: String { "stopped: a newer commit arrived" }
    }

    /// Raised before the second deployment, lowered once its rollback starts.
    final class Switch: @unchecked Sendable, ProgressSink {
        private let lock = NSLock()
        private var on = false
        var isOn: Bool { lock.withLock { on } }
        func set(_ value: Bool) { lock.withLock { on = value } }
        func emit(_ event: ProgressEvent) { if event.event == .rollbackStarted { set(false) } }
    }

    /// The simulated cloud whose waits throw `Superseded` while the switch is on.
    struct InterruptingEnvironment: EnvironmentAccess {
        let cloud: SimCloud
        let interrupt: Switch
        func provider(account: String, region: String) throws -> any CloudProvider { try cloud.provider(account: account, region: region) }
        func timer(for provider: any CloudProvider) -> EnvironmentTimer {
            let clock = cloud.clock
            let interrupt = self.interrupt
            return EnvironmentTimer(clock: provider.clock, sleepUntil: { moment in
                if interrupt.isOn { throw Superseded() }
                try await clock.sleep(until: moment)
            })
        }
    }

    /// Commits as folders: `head` is the requested one.
    struct FolderCommits: DesiredStateSource {
        let folders: [String: String]
        let head: String
        func requestedCommit() async throws -> CommitInfo? { CommitInfo(id: head, author: "A <a@x>", message: head) }
        func requested(region: String?) async throws -> (state: DesiredState, commit: CommitInfo?) {
            let loaded = try await commit(head, region: region)
            return (loaded.state, loaded.commit)
        }
        func commit(_ id: String, region: String?) async throws -> (state: DesiredState, commit: CommitInfo) {
            guard let folder = folders[id] else { throw RolloutError("no commit \(id)") }
            return (try DesiredStateLoader().load(directory: folder, region: region).validState(), CommitInfo(id: id, author: "A <a@x>", message: id))
        }
    }

    static func writeState(_ folder: String, greeting: String) throws {
        let files = [
            "iam.yaml": """
                apiVersion: plumb.dev/v1
                kind: Role
                metadata: {name: fn-role}
                spec: {trust: {service: lambda.amazonaws.com}}
                """,
            "fn.yaml": """
                apiVersion: plumb.dev/v1
                kind: Function
                metadata: {name: greeter}
                spec:
                  runtime: python3.11
                  handler: app.handler
                  code: code
                  role: fn-role
                  alias: live
                  rollout: {strategy: {steps: [{weight: 50, pauseSeconds: 300}]}}
                """,
            "code/app.py": "def handler(event, context):\n    return \(String(reflecting: greeting))\n",
        ]
        for (path, text) in files {
            let full = (folder as NSString).appendingPathComponent(path)
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: full, atomically: true, encoding: .utf8)
        }
    }

    @Test func deployer_whenTheCallerInterruptsARollout_undoesItAndEndsCancelledWithoutFailingTheCommit() async throws {
        let folder = try TemporaryDirectory()
        let state = folder.appending("state")
        try Self.writeState(folder.appending("c1"), greeting: "one")
        try Self.writeState(folder.appending("c2"), greeting: "two")
        let folders = ["c1": folder.appending("c1"), "c2": folder.appending("c2")]
        let cloud = try SimCloud(stateDirectory: state)
        let ledger = try LedgerStore(stateDirectory: state)
        let interrupt = Switch()
        let access = InterruptingEnvironment(cloud: cloud, interrupt: interrupt)
        let first = Deployer(environment: "default", ledger: ledger, access: access, source: FolderCommits(folders: folders, head: "c1"), progress: interrupt)
        #expect(try await first.run(.apply(retryFailed: false, selfHeal: false)).outcome == .succeeded)

        interrupt.set(true)
        let second = Deployer(environment: "default", ledger: ledger, access: access, source: FolderCommits(folders: folders, head: "c2"), progress: interrupt)
        let result = try await second.run(.apply(retryFailed: false, selfHeal: false))
        #expect(result.outcome == .cancelled, "\(result.message)")
        #expect(result.message.contains("a newer commit arrived"))
        let attempt = try #require(try await ledger.attempts(environment: "default", limit: 1).first)
        #expect(attempt.commit == "c2" && attempt.outcome == .cancelled && !attempt.blamesCommit)
        #expect(try await ledger.failedCommits(environment: "default").isEmpty)
        #expect(try await ledger.environmentRecord("default")?.lastGoodCommit == "c1")
        let alias = try await cloud.inspector().getAlias("greeter", name: "live")
        #expect(alias.functionVersion == "1" && alias.routingConfig?.additionalVersionWeights.isEmpty != false)

        // Nothing holds the commit back: the next run deploys it.
        let again = try await second.run(.apply(retryFailed: false, selfHeal: false))
        #expect(again.outcome == .succeeded, "\(again.message)")
        await cloud.shutdown()
    }
}
