import Foundation

/// What a controller is doing and has done, as `/status` shows it (one object per controller).
public struct ControllerStatus: Sendable, Codable, Hashable {
    /// What the controller is doing now.
    public enum Activity: String, Sendable, Codable, Hashable {
        /// Not started its first pass yet.
        case starting
        /// Fetching the source.
        case fetching
        /// Planning and applying.
        case reconciling
        /// Waiting for the next poll or a webhook.
        case idle
        /// Waiting after a transient failure (capped exponential backoff).
        case backingOff = "backing-off"
        /// Stopping (SIGTERM/SIGINT).
        case stopping
        /// Stopped.
        case stopped
    }

    /// The last attempt the controller made (or found in the ledger).
    public struct Attempt: Sendable, Codable, Hashable {
        /// The commit attempted.
        public var commit: String?
        /// `succeeded`, `no-changes`, `held`, `rolled-back`, `rollback-failed`, `skipped-failed-commit`, `drift-not-corrected`, `rejected`, `recovered`, `cancelled`.
        public var outcome: String
        /// The result's message.
        public var message: String
        /// When it started.
        public var startedAt: Date
        /// When it ended.
        public var endedAt: Date
    }

    /// The last error, with when and whether it is retried.
    public struct LastError: Sendable, Codable, Hashable {
        /// `fetch`, `reconcile`, `lock-held`, `region-unavailable` or `definition`.
        public var kind: String
        /// What happened and what to do.
        public var message: String
        /// When.
        public var at: Date
        /// Whether the controller retries by itself.
        public var retrying: Bool
    }

    /// A history rewrite seen on the branch.
    public struct Rewrite: Sendable, Codable, Hashable {
        /// The commit the branch held before.
        public var from: String
        /// The new head.
        public var to: String
        /// When it was seen.
        public var at: Date
    }

    /// The controller's name.
    public var name: String
    /// Its environment.
    public var environment: String
    /// The region it deploys to (the active one after a failover).
    public var region: String?
    /// Source URL, branch and path.
    public var source: SourceSpec
    /// What it is doing.
    public var activity: Activity = .starting
    /// The branch's head at the last fetch.
    public var sourceHead: SourceHead?
    /// The commit the environment runs (after the last finished attempt).
    public var deployedCommit: String?
    /// The ledger's last good commit.
    public var lastGoodCommit: String?
    /// The commit being deployed right now.
    public var deploying: String?
    /// The last attempt and how it ended.
    public var lastAttempt: Attempt?
    /// Changes held by maintenance (paused, freeze window, blocked), as `Kind/name: reason`.
    public var heldChanges: [String] = []
    /// Resources that differ from the deployed commit (after self-heal, when enabled).
    public var driftCount: Int = 0
    /// Commits that failed and are not retried, newest first.
    public var failedCommits: [String] = []
    /// The last error, nil after a clean pass.
    public var lastError: LastError?
    /// The last history rewrite (force push) seen.
    public var lastRewrite: Rewrite?
    /// When the last pass that left the environment converged (or held) ended.
    public var lastSuccessfulSync: Date?
    /// When the next pass starts (unless a webhook comes first).
    public var nextPassAt: Date?
    /// Passes run since the daemon started.
    public var passes: Int = 0
    /// Whether drift is corrected on each pass.
    public var selfHeal: Bool
    /// Seconds between polls.
    public var intervalSeconds: Double

    /// A status for a controller that has not run yet.
    public init(definition: ControllerDefinition) {
        name = definition.name
        environment = definition.environment
        source = definition.source
        selfHeal = definition.selfHeal
        intervalSeconds = definition.interval
    }

    /// Whether the controller finished at least one pass and is not stopping (for `/readyz`).
    public var isReady: Bool { passes > 0 && activity != .stopping && activity != .stopped }
}

/// The whole `/status` document.
public struct DaemonStatus: Sendable, Codable, Hashable {
    /// The daemon's process id.
    public var pid: Int32
    /// When it started.
    public var startedAt: Date
    /// Its HTTP address (`127.0.0.1:port`).
    public var address: String
    /// Every controller, in definition order.
    public var controllers: [ControllerStatus]

    /// Creates the document.
    public init(pid: Int32, startedAt: Date, address: String, controllers: [ControllerStatus]) {
        self.pid = pid
        self.startedAt = startedAt
        self.address = address
        self.controllers = controllers
    }

    /// The JSON encoder used for `/status` (ISO 8601 dates, sorted keys).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return encoder
    }

    /// The JSON decoder matching `encoder`.
    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
