import Cloud
import DesiredState
import Foundation

/// A commit's identity and authorship, as the ledger records it.
public struct CommitInfo: Sendable, Hashable, Codable {
    /// The full commit id.
    public var id: String
    /// The author (`Name <email>`).
    public var author: String
    /// The message's first line.
    public var message: String

    /// Creates the value.
    public init(id: String, author: String, message: String) {
        self.id = id
        self.author = author
        self.message = message
    }
}

/// Where the executor gets desired state: the revision the user asked for, and earlier commits
/// (the last good one, for rollback). The reconciler never touches git itself.
public protocol DesiredStateSource: Sendable {
    /// The requested revision's commit without loading its desired state (nil for a working tree).
    func requestedCommit() async throws -> CommitInfo?
    /// The requested revision's desired state with ARNs for `region` (nil: the environment's
    /// own region), and its commit (nil for a working tree). Throws the validation failure when
    /// the desired state has errors.
    func requested(region: String?) async throws -> (state: DesiredState, commit: CommitInfo?)
    /// Commit `id`'s desired state with ARNs for `region` (nil: the environment's own region).
    func commit(_ id: String, region: String?) async throws -> (state: DesiredState, commit: CommitInfo)
}

/// The environment behind the executor: a provider per region, its time, its executions.
public protocol EnvironmentAccess: Sendable {
    /// The provider acting in `region` of the environment's account.
    func provider(account: String, region: String) throws -> any CloudProvider
    /// The timer for `provider`'s clock.
    func timer(for provider: any CloudProvider) -> EnvironmentTimer
    /// Executions through `provider`, nil when it has none.
    func executions(for provider: any CloudProvider) -> (any ExecutionControl)?
}

extension EnvironmentAccess {
    /// Executions through the provider's executions API, timed on `timer(for:)`.
    public func executions(for provider: any CloudProvider) -> (any ExecutionControl)? {
        ProviderExecutions(provider: provider, timer: timer(for: provider))
    }
}

/// Settings of the executor.
public struct ExecutorOptions: Sendable {
    /// Changes run at once, at most.
    public var maxParallel: Int
    /// When to retry a failed call.
    public var retry: RetryPolicy
    /// Whether calls are paced below AWS's rate limits.
    public var paceCalls: Bool
    /// How long to wait for another applier's lock, nil to fail at once.
    public var lockWaitSeconds: Double?
    /// Called after each journaled intent (test hook).
    public var crashHook: CrashHook?
    /// The pacer of every call, shared by the attempts of a run; nil makes one per attempt
    /// (a benchmark passes its own to count the calls).
    public var governor: RateGovernor?
    /// Whether managed resources no longer in desired state are deleted; when false they are
    /// left in place and reported as kept.
    public var prune: Bool

    /// Creates options: 8 changes at once, default retries, pacing on, no lock wait, pruning on.
    public init(maxParallel: Int = 8, retry: RetryPolicy = RetryPolicy(), paceCalls: Bool = true,
                lockWaitSeconds: Double? = nil, crashHook: CrashHook? = nil, governor: RateGovernor? = nil, prune: Bool = true) {
        self.prune = prune
        self.maxParallel = max(1, maxParallel)
        self.retry = retry
        self.paceCalls = paceCalls
        self.lockWaitSeconds = lockWaitSeconds
        self.crashHook = crashHook
        self.governor = governor
    }
}
