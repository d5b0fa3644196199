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
        try FunctionRecord.cachedOne(db, "SELECT * FROM function WHERE account = ? AND region = ? AND name = ?", [account, region, name])
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

extension FunctionRecord {
    /// Saves what an update of `$LATEST` changes, through a kept prepared statement.
    func saveLatest(_ db: Database) throws {
        try db.executeCached("""
            UPDATE function SET configuration = ?, codeId = ?, revisionId = ?, lastModified = ?, settleUntil = ?,
            settlingFrom = ?, lastVersion = ? WHERE id = ?
            """, [try StoredConfigCodec.encode(configuration), codeId, revisionId, lastModified, settleUntil,
                  try settlingFrom.map(StoredConfigCodec.encode), lastVersion, id])
    }

    /// Reads a row (configuration JSON through the codec's cache).
    init(row: Row) throws {
        id = row["id"]
        account = row["account"]
        region = row["region"]
        name = row["name"]
        configuration = try StoredConfigCodec.decode(row["configuration"])
        codeId = row["codeId"]
        revisionId = row["revisionId"]
        createdAt = row["createdAt"]
        lastModified = row["lastModified"]
        settleUntil = row["settleUntil"]
        let settling: String? = row["settlingFrom"]
        settlingFrom = try settling.map(StoredConfigCodec.decode)
        lastVersion = row["lastVersion"]
        reservedConcurrency = row["reservedConcurrency"]
    }

    /// Writes a row (configuration JSON through the codec's cache).
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["account"] = account
        container["region"] = region
        container["name"] = name
        container["configuration"] = try StoredConfigCodec.encode(configuration)
        container["codeId"] = codeId
        container["revisionId"] = revisionId
        container["createdAt"] = createdAt
        container["lastModified"] = lastModified
        container["settleUntil"] = settleUntil
        container["settlingFrom"] = try settlingFrom.map(StoredConfigCodec.encode)
        container["lastVersion"] = lastVersion
        container["reservedConcurrency"] = reservedConcurrency
    }
}

extension FunctionVersionRecord {
    /// Reads a row (configuration JSON through the codec's cache).
    init(row: Row) throws {
        functionId = row["functionId"]
        version = row["version"]
        configuration = try StoredConfigCodec.decode(row["configuration"])
        codeId = row["codeId"]
        description = row["description"]
        revisionId = row["revisionId"]
        lastModified = row["lastModified"]
    }

    /// Writes a row (configuration JSON through the codec's cache).
    func encode(to container: inout PersistenceContainer) throws {
        container["functionId"] = functionId
        container["version"] = version
        container["configuration"] = try StoredConfigCodec.encode(configuration)
        container["codeId"] = codeId
        container["description"] = description
        container["revisionId"] = revisionId
        container["lastModified"] = lastModified
    }
}

extension FunctionAliasRecord {
    /// Saves the alias's target, routing, description and revision, through a kept prepared statement.
    func save(_ db: Database) throws {
        try db.executeCached("""
            UPDATE functionAlias SET functionVersion = ?, additionalVersion = ?, additionalWeight = ?, description = ?,
            revisionId = ? WHERE functionId = ? AND name = ?
            """, [functionVersion, additionalVersion, additionalWeight, description, revisionId, functionId, name])
    }

    /// Reads a row.
    init(row: Row) {
        functionId = row["functionId"]
        name = row["name"]
        functionVersion = row["functionVersion"]
        additionalVersion = row["additionalVersion"]
        additionalWeight = row["additionalWeight"]
        description = row["description"]
        revisionId = row["revisionId"]
    }
}
