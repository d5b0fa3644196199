import GRDB

/// An IAM role (names are unique per account, case-insensitively).
struct RoleRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "role"
    var id: Int64?
    var account: String
    var name: String
    var path: String
    var roleId: String
    var trustPolicy: String
    var description: String
    var maxSessionDuration: Int
    var createDate: Double

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let account = Column(CodingKeys.account)
        static let name = Column(CodingKeys.name)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The role named `name` (any case) in `account`.
    static func find(_ db: Database, account: String, name: String) throws -> RoleRecord? {
        try RoleRecord.cachedOne(db, "SELECT * FROM role WHERE account = ? AND name = ?", [account, name])
    }
}

/// An inline policy of a role.
struct RolePolicyRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "rolePolicy"
    var roleId: Int64
    var name: String
    var document: String

    enum Columns {
        static let roleId = Column(CodingKeys.roleId)
        static let name = Column(CodingKeys.name)
    }
}

/// A managed policy attached to a role.
struct RoleAttachmentRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "roleAttachment"
    var roleId: Int64
    var policyArn: String

    enum Columns {
        static let roleId = Column(CodingKeys.roleId)
        static let policyArn = Column(CodingKeys.policyArn)
    }
}

/// A customer managed policy.
struct ManagedPolicyRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "managedPolicy"
    var id: Int64?
    var account: String
    var name: String
    var path: String
    var policyId: String
    var arn: String
    var defaultVersion: Int
    /// The highest version number ever created (never reused).
    var lastVersion: Int
    var description: String
    var createDate: Double
    var updateDate: Double

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let account = Column(CodingKeys.account)
        static let arn = Column(CodingKeys.arn)
        static let name = Column(CodingKeys.name)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A version of a managed policy.
struct PolicyVersionRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "policyVersion"
    var policyId: Int64
    var version: Int
    var document: String
    var createDate: Double

    enum Columns {
        static let policyId = Column(CodingKeys.policyId)
        static let version = Column(CodingKeys.version)
    }
}
