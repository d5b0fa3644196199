import Foundation
import GRDB

/// How an attempt to deploy ended.
public enum AttemptOutcome: String, Sendable, Codable, Hashable, CaseIterable, DatabaseValueConvertible {
    /// Still running (or interrupted: its process is gone and the next apply recovers it).
    case inProgress = "in-progress"
    /// Every change applied; the environment is on the attempt's commit.
    case succeeded
    /// A step failed and every change was undone.
    case rolledBack = "rolled-back"
    /// A step failed and undoing the changes failed too: resources are left behind.
    case rollbackFailed = "rollback-failed"
    /// Every change was held by maintenance (paused, freeze window, blocked); nothing changed.
    case held
    /// The desired state was rejected before anything changed.
    case rejected
    /// Stopped before it finished, not for a fault of its commit (a newer commit arrived, or the
    /// daemon shut down), and every change undone; the commit is not recorded as failed.
    case cancelled
}

/// What an attempt was started for.
public enum AttemptKind: String, Sendable, Codable, Hashable, CaseIterable, DatabaseValueConvertible {
    /// `plumb apply`: deploy a commit.
    case apply
    /// `plumb apply --self-heal`: correct drift from the deployed commit.
    case selfHeal = "self-heal"
    /// `plumb rollback --to COMMIT`: deploy an earlier commit.
    case rollback
    /// `plumb failover --to REGION`: deploy the last good commit into another region.
    case failover
}

/// Which half of an attempt is running: rolling out, or undoing.
public enum AttemptPhase: String, Sendable, Codable, Hashable, DatabaseValueConvertible {
    /// Applying the plan.
    case rollout
    /// Undoing the attempt's changes.
    case rollback
    /// Nothing more to do.
    case finished
}

/// One attempt to deploy: who asked for what, what was planned, how it ended.
public struct DeploymentAttempt: Sendable, Codable, Hashable, FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "attempt"
    /// Row id (set once inserted).
    public var id: Int64?
    /// A unique id that survives export and import.
    public var uuid: String
    /// The environment's name (`default` when the repository selects none).
    public var environment: String
    /// The account deployed to.
    public var account: String
    /// The region deployed to.
    public var region: String
    /// The commit id, nil for a working tree.
    public var commit: String?
    /// `commit abc1234` or `working tree PATH`.
    public var revision: String
    /// The commit's author.
    public var author: String?
    /// The commit's message (first line).
    public var message: String?
    /// Why the attempt was made.
    public var kind: AttemptKind
    /// Wall-clock start.
    public var startedAt: Date
    /// The environment's clock at the start (virtual in the simulated cloud).
    public var environmentTime: Date?
    /// Wall-clock end, nil while running.
    public var endedAt: Date?
    /// How it ended.
    public var outcome: AttemptOutcome
    /// Rolling out, rolling back, or finished.
    public var phase: AttemptPhase
    /// What failed, when something did.
    public var error: String?
    /// Whether the failure was the commit's own (a failed check or call), as opposed to an
    /// interruption: only then is the commit recorded as failed.
    public var blamesCommit: Bool
    /// The plan's counts in words (`1 to create, 2 to update, 0 to delete, 1 held`).
    public var planSummary: String
    /// The planned and held changes (JSON `PlanRecord`).
    public var planDetail: String
    /// The last good commit when the attempt started.
    public var previousGoodCommit: String?
    /// The host of the process that ran it.
    public var host: String
    /// The process id that ran it.
    public var pid: Int32

    /// Creates a running attempt.
    public init(uuid: String = UUID().uuidString.lowercased(), environment: String, account: String, region: String,
                commit: String?, revision: String, author: String?, message: String?, kind: AttemptKind,
                startedAt: Date = Date(), environmentTime: Date?, planSummary: String, planDetail: String,
                previousGoodCommit: String?, host: String = ProcessIdentity.host, pid: Int32 = ProcessIdentity.pid) {
        self.uuid = uuid
        self.environment = environment
        self.account = account
        self.region = region
        self.commit = commit
        self.revision = revision
        self.author = author
        self.message = message
        self.kind = kind
        self.startedAt = startedAt
        self.environmentTime = environmentTime
        self.outcome = .inProgress
        self.phase = .rollout
        self.blamesCommit = false
        self.planSummary = planSummary
        self.planDetail = planDetail
        self.previousGoodCommit = previousGoodCommit
        self.host = host
        self.pid = pid
    }

    /// Keeps the row id after an insert.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column names for queries.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let uuid = Column(CodingKeys.uuid)
        static let environment = Column(CodingKeys.environment)
        static let commit = Column(CodingKeys.commit)
        static let startedAt = Column(CodingKeys.startedAt)
        static let outcome = Column(CodingKeys.outcome)
        static let phase = Column(CodingKeys.phase)
        static let kind = Column(CodingKeys.kind)
    }
}

/// The state of one journaled step.
public enum StepStatus: String, Sendable, Codable, Hashable, DatabaseValueConvertible {
    /// Written before the step is performed: it may or may not have happened.
    case intent
    /// Performed.
    case done
    /// Performed and refused (the error is kept).
    case failed
}

/// One mutating step of an attempt, written before it is performed and marked after.
public struct JournalStep: Sendable, Codable, Hashable, FetchableRecord, MutablePersistableRecord {
    /// The table name.
    public static let databaseTableName = "step"
    /// Row id.
    public var id: Int64?
    /// The attempt it belongs to.
    public var attemptId: Int64
    /// 1, 2, … within the attempt.
    public var sequence: Int
    /// Rolling out or rolling back.
    public var phase: AttemptPhase
    /// The resource (`Function/health-checker`).
    public var resource: String
    /// The API operation (`lambda:UpdateAlias`).
    public var operation: String
    /// What the step does, in words (`shift alias live: 10% to version 4`).
    public var summary: String
    /// Intent, done or failed.
    public var status: StepStatus
    /// Wall-clock time the intent was written.
    public var startedAt: Date
    /// Wall-clock time it was marked.
    public var endedAt: Date?
    /// The error, when it failed.
    public var error: String?

    /// Keeps the row id after an insert.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Column names for queries.
    public enum Columns {
        static let attemptId = Column(CodingKeys.attemptId)
        static let sequence = Column(CodingKeys.sequence)
        static let status = Column(CodingKeys.status)
    }
}

/// What a resource looked like before an attempt first changed it (JSON of `LiveResource`, or null when absent).
public struct BeforeImageRecord: Sendable, Codable, Hashable, FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "beforeImage"
    /// The attempt.
    public var attemptId: Int64
    /// The resource (`Function/health-checker`).
    public var resource: String
    /// JSON of the live resource, nil when it did not exist.
    public var image: String?

    /// Column names for queries.
    public enum Columns {
        static let attemptId = Column(CodingKeys.attemptId)
        static let resource = Column(CodingKeys.resource)
    }
}

/// Per-environment state: the last good commit and the active region.
public struct EnvironmentRecord: Sendable, Codable, Hashable, FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "environment"
    /// The environment's name.
    public var name: String
    /// The last commit deployed successfully, nil before the first.
    public var lastGoodCommit: String?
    /// When it was deployed.
    public var lastGoodAt: Date?
    /// The region deployments go to (the backup region after a failover), nil for the manifest's.
    public var activeRegion: String?
}

/// A commit whose deployment failed; not applied again unless asked.
public struct FailedCommitRecord: Sendable, Codable, Hashable, FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "failedCommit"
    /// The environment.
    public var environment: String
    /// The commit id.
    public var commit: String
    /// The attempt that failed.
    public var attemptUUID: String
    /// Why.
    public var error: String
    /// When.
    public var failedAt: Date
}

/// How much history to keep.
public struct RetentionSettings: Sendable, Codable, Hashable, FetchableRecord, PersistableRecord {
    /// The table name.
    public static let databaseTableName = "retention"
    var id: Int64 = 1
    /// Keep at most this many attempts per environment (nil: no limit).
    public var maxAttempts: Int?
    /// Drop attempts older than this many days (nil: no limit).
    public var maxAgeDays: Int?

    /// Creates settings; the default keeps 1,000 attempts and a year.
    public init(maxAttempts: Int? = 1000, maxAgeDays: Int? = 365) {
        self.maxAttempts = maxAttempts
        self.maxAgeDays = maxAgeDays
    }
}

/// The identity of this process, as recorded in attempts and locks.
public enum ProcessIdentity {
    /// The host name.
    public static let host: String = ProcessInfo.processInfo.hostName
    /// This process's id.
    public static var pid: Int32 { ProcessInfo.processInfo.processIdentifier }
}
