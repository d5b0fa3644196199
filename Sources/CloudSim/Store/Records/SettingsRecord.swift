import GRDB

/// The single `settings` row: the store's seed and switches.
struct SettingsRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "settings"
    var id: Int64 = 1
    /// Seed of the store's deterministic random numbers.
    var seed: Int64
    /// How many random numbers have been drawn (the next draw's index).
    var randomCounter: Int64
    /// Whether API rate limits apply.
    var rateLimitsEnabled: Bool
    /// Settling period after a function create or update, in simulated seconds.
    var settleSeconds: Double

    enum Columns {
        static let seed = Column(CodingKeys.seed)
        static let randomCounter = Column(CodingKeys.randomCounter)
    }

    /// The row, created with defaults when missing.
    static func current(_ db: Database) throws -> SettingsRecord {
        if let record = try SettingsRecord.cachedOne(db, "SELECT * FROM settings WHERE id = 1") { return record }
        let record = SettingsRecord(seed: 0, randomCounter: 0, rateLimitsEnabled: true, settleSeconds: 0)
        try record.insert(db)
        return record
    }
}

/// The single `clock` row: how simulated time is computed.
struct ClockRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "clock"
    var id: Int64 = 1
    /// `virtual`, `real` or `scaled`.
    var mode: String
    /// The time of a virtual clock, seconds since 1970.
    var virtualTime: Double
    /// Simulated time at `anchorReal` (scaled mode).
    var anchorSimulated: Double
    /// Wall time the scaled clock is anchored at.
    var anchorReal: Double
    /// Simulated seconds per real second (scaled mode).
    var scale: Double
}

/// A code bundle stored under the state folder, by id.
struct CodeBundleRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "codeBundle"
    var id: String
    var sha256: String
    var size: Int
    var fileCount: Int
    var storedAt: Double
}

/// One tag of one resource.
struct TagRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "tag"
    var arn: String
    var key: String
    var value: String

    enum Columns {
        static let arn = Column(CodingKeys.arn)
        static let key = Column(CodingKeys.key)
    }

    /// The tags of `arn` as a map.
    static func tags(of arn: String, _ db: Database) throws -> [String: String] {
        let rows = try TagRecord.cachedAll(db, "SELECT * FROM tag WHERE arn = ?", [arn])
        return Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Adds or replaces tags of `arn`.
    static func put(_ tags: [String: String], on arn: String, _ db: Database) throws {
        for (key, value) in tags {
            try db.executeCached("INSERT OR REPLACE INTO tag (arn, key, value) VALUES (?, ?, ?)", [arn, key, value])
        }
    }

    /// Removes every tag of `arn`.
    static func deleteAll(of arn: String, _ db: Database) throws {
        try db.executeCached("DELETE FROM tag WHERE arn = ?", [arn])
    }
}
