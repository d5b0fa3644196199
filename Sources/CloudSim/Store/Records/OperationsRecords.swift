import GRDB

/// An injected fault, stored flat: `kind` says which parameters apply.
struct FaultRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "fault"
    var id: Int64?
    /// `function-error`, `latency`, `response`, `api-error`, `throttle` or `region-unavailable`.
    var kind: String
    var account: String?
    var region: String?
    var functionName: String?
    var qualifier: String?
    var codeId: String?
    var operation: String?
    /// Probability (0–1) that a matching call is hit.
    var rate: Double
    var latencyMs: Double?
    var response: String?
    var errorCode: String?
    var errorMessage: String?
    /// Hits left before the fault removes itself; nil for no limit.
    var remaining: Int?
    var createdAt: Double

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let kind = Column(CodingKeys.kind)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A rate-limit token bucket of one account and region.
struct RateBucketRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rateBucket"
    var account: String
    var region: String
    var name: String
    var tokens: Double
    /// Simulated time the tokens were counted at.
    var updatedAt: Double
}

/// One invocation as metrics count it (a throttled call too).
struct InvocationRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "invocation"
    var id: Int64?
    var account: String
    var region: String
    var functionName: String
    /// The qualifier the caller used (alias, version, `$LATEST`); nil for an unqualified call.
    var resource: String?
    /// The version that ran; nil when throttled before routing.
    var executedVersion: String?
    /// Simulated time of the call.
    var timestamp: Double
    var durationMs: Double?
    var error: Bool
    var errorType: String?
    var throttled: Bool
    var coldStart: Bool

    enum Columns {
        static let account = Column(CodingKeys.account)
        static let region = Column(CodingKeys.region)
        static let functionName = Column(CodingKeys.functionName)
        static let resource = Column(CodingKeys.resource)
        static let executedVersion = Column(CodingKeys.executedVersion)
        static let timestamp = Column(CodingKeys.timestamp)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension RateBucketRecord {
    /// Reads a row.
    init(row: Row) {
        account = row["account"]
        region = row["region"]
        name = row["name"]
        tokens = row["tokens"]
        updatedAt = row["updatedAt"]
    }
}
