import GRDB

/// The code and configuration of `$LATEST` or of a version, as stored (JSON in one column).
struct StoredFunctionConfig: Codable, Hashable, Sendable {
    var runtime: String
    var role: String
    var handler: String
    var description: String
    var timeout: Int
    var memorySize: Int
    var environment: [String: String]
    var architectures: [String]
    var ephemeralStorageSize: Int
    var codeId: String
    var codeSha256: String
    var codeSize: Int
}

/// A function: its `$LATEST` and bookkeeping.
struct FunctionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "function"
    var id: Int64?
    var account: String
    var region: String
    var name: String
    /// `$LATEST`'s code and configuration.
    var configuration: StoredFunctionConfig
    var codeId: String
    var revisionId: String
    var createdAt: Double
    var lastModified: Double
    /// Until when the last create or update is still settling.
    var settleUntil: Double
    /// The configuration invocations of `$LATEST` use while an update settles; nil while creating.
    var settlingFrom: StoredFunctionConfig?
    /// The highest version number ever published (never reused).
    var lastVersion: Int
    var reservedConcurrency: Int?

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let account = Column(CodingKeys.account)
        static let region = Column(CodingKeys.region)
        static let name = Column(CodingKeys.name)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The function named `name` in `account`/`region`.
    static func find(_ db: Database, account: String, region: String, name: String) throws -> FunctionRecord? {
        try FunctionRecord
            .filter(Columns.account == account && Columns.region == region && Columns.name == name)
            .fetchOne(db)
    }
}

/// A published function version.
struct FunctionVersionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "functionVersion"
    var functionId: Int64
    var version: Int
    var configuration: StoredFunctionConfig
    var codeId: String
    var description: String
    var revisionId: String
    var lastModified: Double

    enum Columns {
        static let functionId = Column(CodingKeys.functionId)
        static let version = Column(CodingKeys.version)
    }
}

/// A function alias with its optional additional weighted version.
struct FunctionAliasRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "functionAlias"
    var functionId: Int64
    var name: String
    /// `$LATEST` or a version number.
    var functionVersion: String
    var additionalVersion: Int?
    var additionalWeight: Double?
    var description: String
    var revisionId: String

    enum Columns {
        static let functionId = Column(CodingKeys.functionId)
        static let name = Column(CodingKeys.name)
        static let functionVersion = Column(CodingKeys.functionVersion)
        static let additionalVersion = Column(CodingKeys.additionalVersion)
    }
}
