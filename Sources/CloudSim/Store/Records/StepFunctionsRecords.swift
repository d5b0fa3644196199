import Cloud
import GRDB

/// A state machine's current definition and bookkeeping.
struct StateMachineRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "stateMachine"
    var id: Int64?
    var account: String
    var region: String
    var name: String
    var type: String
    var definition: String
    var roleArn: String
    var loggingConfiguration: LoggingConfiguration
    var tracingEnabled: Bool
    /// Nil until the first effective update.
    var revisionId: String?
    var creationDate: Double
    var updateDate: Double
    /// The highest version number ever published (never reused).
    var lastVersion: Int

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let account = Column(CodingKeys.account)
        static let region = Column(CodingKeys.region)
        static let name = Column(CodingKeys.name)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The state machine named `name` in `account`/`region`.
    static func find(_ db: Database, account: String, region: String, name: String) throws -> StateMachineRecord? {
        try StateMachineRecord.cachedOne(db, "SELECT * FROM stateMachine WHERE account = ? AND region = ? AND name = ?", [account, region, name])
    }
}

/// A published state machine version.
struct StateMachineVersionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stateMachineVersion"
    var stateMachineId: Int64
    var version: Int
    var definition: String
    var roleArn: String
    var loggingConfiguration: LoggingConfiguration
    var tracingEnabled: Bool
    var revisionId: String?
    var description: String?
    var creationDate: Double

    enum Columns {
        static let stateMachineId = Column(CodingKeys.stateMachineId)
        static let version = Column(CodingKeys.version)
    }
}

/// One routing entry of a stored state machine alias: a version number and its weight.
struct StoredRoute: Codable, Hashable, Sendable {
    var version: Int
    var weight: Int
}

/// A state machine alias.
struct StateMachineAliasRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "stateMachineAlias"
    var stateMachineId: Int64
    var name: String
    var description: String
    var routing: [StoredRoute]
    var creationDate: Double
    var updateDate: Double?

    enum Columns {
        static let stateMachineId = Column(CodingKeys.stateMachineId)
        static let name = Column(CodingKeys.name)
    }
}

/// An execution, written by the Amazon States Language interpreter.
struct ExecutionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "execution"
    var arn: String
    var account: String
    var region: String
    var stateMachineArn: String
    var name: String
    var versionArn: String?
    var aliasArn: String?
    /// The definition the execution runs (fixed when it starts).
    var definition: String
    var roleArn: String
    var status: String
    var input: String?
    var output: String?
    var error: String?
    var cause: String?
    var startDate: Double
    var stopDate: Double?

    enum Columns {
        static let arn = Column(CodingKeys.arn)
        static let stateMachineArn = Column(CodingKeys.stateMachineArn)
        static let status = Column(CodingKeys.status)
    }
}
