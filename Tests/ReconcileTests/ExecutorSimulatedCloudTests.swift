import Cloud
import CloudSim
import DesiredState
import Foundation
import PlumbTesting
@testable import Reconcile
import Testing

/// The executor's pieces against a real simulated cloud (SQLite store, virtual clock).
struct ExecutorSimulatedCloudTests {
    /// A simulated cloud in a temporary folder.
    struct Environment: EnvironmentAccess {
        let cloud: SimCloud
        func provider(account: String, region: String) throws -> any CloudProvider { try cloud.provider(account: account, region: region) }
        func timer(for provider: any CloudProvider) -> EnvironmentTimer {
            let clock = cloud.clock
            return EnvironmentTimer(clock: provider.clock, sleepUntil: { try await clock.sleep(until: $0) })
        }
    }

    static let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#

    @Test func rateGovernor_pacesControlPlaneCallsAtFifteenPerSecondOfEnvironmentTime() async throws {
        let folder = try TemporaryDirectory()
        let cloud = try SimCloud(stateDirectory: folder.path)
        let timer = Environment(cloud: cloud).timer(for: try cloud.provider())
        let governor = RateGovernor(timer: timer)
        let start = try await timer.now()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<45 { group.addTask { try await governor.acquire("lambda:CreateAlias", region: "us-east-1") } }
            try await group.waitForAll()
        }
        let elapsed = try await timer.now().timeIntervalSince(start)
        // 15 calls from the full bucket, then 30 more at 15 per second: 2 s, not 45 × anything.
        #expect(abs(elapsed - 2) < 0.01, "elapsed \(elapsed)")
        #expect(await governor.callCounts() == ["lambda:ControlPlane": 45])
        await cloud.shutdown()
    }

    @Test func stoppingRunningExecutions_ofAnExpressMachine_stopsNoneAndDoesNotFail() async throws {
        let folder = try TemporaryDirectory()
        let cloud = try SimCloud(stateDirectory: folder.path)
        let provider = try cloud.provider()
        let trust = Self.trust.replacingOccurrences(of: "lambda.amazonaws.com", with: "states.amazonaws.com")
        let role = try await provider.createRole(CreateRoleRequest(roleName: "states", assumeRolePolicyDocument: trust))
        let machine = try await provider.createStateMachine(CreateStateMachineRequest(
            name: "fast", definition: #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#, roleArn: role.arn, type: .express))
        let executions = ProviderExecutions(provider: provider, timer: Environment(cloud: cloud).timer(for: provider))
        #expect(try await executions.stopRunning(stateMachineArn: machine.stateMachineArn, cause: "test") == 0)
        await cloud.shutdown()
    }

    @Test func policyRollout_atFiveStoredVersions_makesRoomAndMakesTheNewDocumentDefault() async throws {
        let folder = try TemporaryDirectory()
        let cloud = try SimCloud(stateDirectory: folder.path)
        let provider = try cloud.provider()
        let document = { (n: Int) in #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b\#(n)/*"}]}"# }
        let policy = try await provider.createPolicy(CreatePolicyRequest(policyName: "p", policyDocument: document(1)))
        for n in 2...5 { _ = try await provider.createPolicyVersion(policy.arn, policyDocument: document(n), setAsDefault: n == 2) }
        let live = LivePolicy(policy: try await provider.getPolicy(policy.arn), versions: try await provider.listPolicyVersions(policy.arn))

        let timer = Environment(cloud: cloud).timer(for: provider)
        let performer = ActionPerformer(provider: provider, timer: timer, governor: RateGovernor(timer: timer))
        var rollout = PolicyRollout(target: PolicyTarget(name: "p", arn: policy.arn, document: document(9), description: "",
                                                         tags: [ManagedTag.key: ManagedTag.value]), live: live)
        var outcome: ActionOutcome?
        loop: while true {
            switch rollout.next(after: outcome) {
            case .perform(let action): outcome = try await performer.perform(action)
            case .report: outcome = nil
            case .finished: break loop
            case .failed(let failure): Issue.record("the rollout failed: \(failure)"); break loop
            }
        }
        let versions = try await provider.listPolicyVersions(policy.arn)
        #expect(versions.count == 5)
        #expect(!versions.contains { $0.versionId == "v1" })
        #expect(versions.first { $0.isDefaultVersion }.map { JSONText.equivalent($0.document, document(9)) } == true)
        #expect(try await provider.getPolicy(policy.arn).tags[ManagedTag.key] == ManagedTag.value)
        await cloud.shutdown()
    }

    @Test func deployer_recoversAnAttemptWhoseProcessStopped_byUndoingWhatItCreated() async throws {
        let folder = try TemporaryDirectory()
        let cloud = try SimCloud(stateDirectory: folder.appending("state"))
        let provider = try cloud.provider()
        let ledger = try LedgerStore(stateDirectory: folder.appending("state"))
        // An attempt that created a role, then its process died before it finished.
        var attempt = DeploymentAttempt(environment: "default", account: "000000000000", region: "us-east-1", commit: nil,
                                        revision: "working tree", author: nil, message: nil, kind: .apply, environmentTime: nil,
                                        planSummary: "1 to create", planDetail: "{}", previousGoodCommit: nil, pid: 999_999)
        attempt = try await ledger.begin(attempt)
        let id = try #require(attempt.id)
        try await ledger.recordBeforeImage(attemptId: id, resource: "Role/r", image: nil)
        _ = try await ledger.writeIntent(attemptId: id, phase: .rollout, resource: "Role/r", operation: "iam:CreateRole", summary: "create role r")
        _ = try await provider.createRole(CreateRoleRequest(roleName: "r", assumeRolePolicyDocument: Self.trust,
                                                            tags: [ManagedTag.key: ManagedTag.value]))

        let source = DirectorySource(folder: folder.appending("repo"))
        try FileManager.default.createDirectory(atPath: source.folder, withIntermediateDirectories: true)
        let progress = RecordingProgress()
        let deployer = Deployer(environment: "default", ledger: ledger, access: Environment(cloud: cloud), source: source, progress: progress)
        let result = try await deployer.run(.recoverOnly)
        #expect(result.outcome == .recovered)
        #expect(result.recovered.count == 1)
        await #expect(throws: CloudError.self) { _ = try await provider.getRole("r") }
        let finished = try #require(try await ledger.attempt(id: id))
        #expect(finished.outcome == .rolledBack)
        #expect(finished.error?.contains("interrupted") == true)
        #expect(try await ledger.failedCommits(environment: "default").isEmpty)
        #expect(progress.events.contains { $0.event == .rollbackStarted })
        await cloud.shutdown()
    }

    @Test func dependencies_putIAMFirstStateMachinesLastAndDeletionsInReverse() {
        func change(_ kind: ResourceKind, _ name: String, _ action: ChangeAction) -> PlannedChange {
            PlannedChange(resource: ResourceID(kind, name), action: action, diffs: [], desired: nil, live: nil, rollout: .inPlace)
        }
        let changes = [change(.policy, "p", .update), change(.role, "r", .create), change(.function, "a", .update),
                       change(.function, "b", .update), change(.stateMachine, "s", .update),
                       change(.stateMachine, "old", .delete), change(.function, "gone", .delete)]
        let schedule = ChangeSchedule(changes)
        let waits = changes.indices.map { index in Set(changes.indices.filter { schedule.waits(index, for: $0) }) }
        #expect(waits[0].isEmpty)
        #expect(waits[1] == [0])
        #expect(waits[2] == [0, 1] && waits[3] == [0, 1])
        #expect(waits[4] == [0, 1, 2, 3])
        #expect(waits[5] == [0, 1, 2, 3, 4])
        #expect(waits[6] == [0, 1, 2, 3, 4, 5])
    }
}

/// Desired state read from a folder (a working tree), for executor tests.
struct DirectorySource: DesiredStateSource {
    let folder: String
    func requestedCommit() async throws -> CommitInfo? { nil }
    func requested(region: String?) async throws -> (state: DesiredState, commit: CommitInfo?) {
        (try DesiredStateLoader().load(directory: folder, region: region).validState(), nil)
    }
    func commit(_ id: String, region: String?) async throws -> (state: DesiredState, commit: CommitInfo) {
        throw RolloutError("a folder has no commit \(id)")
    }
}
