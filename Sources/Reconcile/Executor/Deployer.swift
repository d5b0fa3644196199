import Cloud
import DesiredState
import Foundation

/// What a deployer run is asked to do.
public enum DeployRequest: Sendable, Hashable {
    /// Deploy the requested revision (`plumb apply`); a failed commit only with `retryFailed`;
    /// drift from the deployed commit corrected only with `selfHeal`.
    case apply(retryFailed: Bool, selfHeal: Bool)
    /// Deploy an earlier commit at once, without checks (`plumb rollback --to`).
    case rollback(to: String)
    /// Deploy the last good commit into another region and make it the active one (`plumb failover`).
    case failover(to: String)
    /// Only finish interrupted or failed rollbacks (`plumb rollback --continue`).
    case recoverOnly
}

/// How a deployer run ended.
public struct DeployResult: Sendable {
    /// The kinds of ending.
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Every change applied.
        case succeeded
        /// Nothing to change.
        case noChanges = "no-changes"
        /// Every change held by maintenance.
        case held
        /// A step failed; everything was undone.
        case rolledBack = "rolled-back"
        /// A step failed and undoing failed too.
        case rollbackFailed = "rollback-failed"
        /// The commit failed before; not retried.
        case skippedFailedCommit = "skipped-failed-commit"
        /// The deployed commit has drifted; not corrected without self-heal.
        case driftNotCorrected = "drift-not-corrected"
        /// Interrupted attempts were finished; nothing else asked.
        case recovered
        /// The desired state was rejected before anything changed.
        case rejected
        /// Stopped by its caller before it finished (a newer commit, a shutdown); everything was
        /// undone and the commit is not recorded as failed.
        case cancelled
    }

    /// How it ended.
    public var outcome: Outcome
    /// The attempt recorded, if any.
    public var attempt: DeploymentAttempt?
    /// The plan's counts, when there was a plan.
    public var summary: PlanSummary?
    /// What happened, in a sentence or two.
    public var message: String
    /// Resources a failed rollback left behind (`Function/x: field …`).
    public var leftBehind: [String] = []
    /// The command that continues a failed rollback.
    public var continueCommand: String?
    /// The region deployed to.
    public var region: String?
    /// Attempts found interrupted and finished first.
    public var recovered: [DeploymentAttempt] = []
    /// Managed resources no longer in desired state that were left in place (pruning off).
    public var kept: [ResourceID] = []

    /// Whether the run left the environment where it was asked to be (or where it already was).
    public var isSuccess: Bool { [.succeeded, .noChanges, .held, .recovered].contains(outcome) }
}

/// Deploys desired state into an environment: takes the environment's lock, finishes attempts
/// that were interrupted, plans, executes the plan with journaling, and rolls everything back
/// to the last good commit when any step fails.
public struct Deployer: Sendable {
    /// The environment's name in the ledger.
    public var environment: String
    /// The ledger (journal, history, lock).
    public var ledger: LedgerStore
    /// Providers, clocks and executions.
    public var access: any EnvironmentAccess
    /// Desired state.
    public var source: any DesiredStateSource
    /// Where progress goes.
    public var progress: any ProgressSink
    /// Settings.
    public var options: ExecutorOptions
    /// How to name the command that continues a failed rollback.
    public var continueCommand: String

    /// Creates a deployer.
    public init(environment: String, ledger: LedgerStore, access: any EnvironmentAccess, source: any DesiredStateSource,
                progress: any ProgressSink, options: ExecutorOptions = ExecutorOptions(), continueCommand: String = "plumb rollback --continue") {
        self.environment = environment
        self.ledger = ledger
        self.access = access
        self.source = source
        self.progress = progress
        self.options = options
        self.continueCommand = continueCommand
    }

    /// Runs `request` under the environment's lock.
    public func run(_ request: DeployRequest) async throws -> DeployResult {
        let commit = try? await source.requestedCommit()
        let lease = try await ledger.acquire(environment: environment, commit: commit?.id, waitSeconds: options.lockWaitSeconds)
        do {
            let result = try await runLocked(request)
            try await ledger.release(lease)
            return result
        } catch {
            try? await ledger.release(lease)
            throw error
        }
    }

    func runLocked(_ request: DeployRequest) async throws -> DeployResult {
        let recovery = try await recoverUnfinished()
        if var failed = recovery.failure {
            failed.recovered = recovery.recovered
            return failed
        }
        var result: DeployResult
        switch request {
        case .recoverOnly:
            let count = recovery.recovered.count
            result = DeployResult(outcome: .recovered, message: count == 0 ? "Nothing to recover." : "Recovered \(count) interrupted attempt\(count == 1 ? "" : "s").")
        case .apply(let retryFailed, let selfHeal):
            result = try await apply(retryFailed: retryFailed, selfHeal: selfHeal)
        case .rollback(let commit):
            result = try await deployCommit(commit, region: nil, kind: .rollback)
        case .failover(let region):
            result = try await failover(to: region)
        }
        result.recovered = recovery.recovered
        return result
    }
}
