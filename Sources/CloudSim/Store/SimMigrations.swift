import GRDB

/// The simulated cloud's schema, as a list of migrations.
///
/// Migration ids are frozen: a shipped migration is never edited, only followed by new ones,
/// so a store written by an older plumb opens and migrates forward.
enum SimMigrations {
    /// Every migration, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core", migrate: createCore)
        migrator.registerMigration("v2-operations", migrate: createOperations)
        migrator.registerMigration(ExecutionMigration.id, migrate: ExecutionMigration.migrate)
        migrator.registerMigration(AccountConcurrency.migrationId, migrate: AccountConcurrency.migrate)
        migrator.registerMigration(ChangeCounting.migrationId, migrate: ChangeCounting.migrate)
        migrator.registerMigration(PackedHistoryMigration.id, migrate: PackedHistoryMigration.migrate)
        migrator.registerMigration(ChangeCounting.deletesMigrationId, migrate: ChangeCounting.migrateDeletes)
        migrator.registerMigration(ChangeCounting.indexesMigrationId, migrate: ChangeCounting.migrateIndexes)
        return migrator
    }

    /// Settings, clock, code bundles, tags, Lambda, Step Functions and IAM.
    private static func createCore(_ db: Database) throws {
        try db.create(table: "settings") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("seed", .integer).notNull()
            t.column("randomCounter", .integer).notNull()
            t.column("rateLimitsEnabled", .boolean).notNull()
            t.column("settleSeconds", .double).notNull()
        }
        try db.create(table: "clock") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("mode", .text).notNull()
            t.column("virtualTime", .double).notNull()
            t.column("anchorSimulated", .double).notNull()
            t.column("anchorReal", .double).notNull()
            t.column("scale", .double).notNull()
        }
        try db.create(table: "codeBundle") { t in
            t.primaryKey("id", .text)
            t.column("sha256", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("fileCount", .integer).notNull()
            t.column("storedAt", .double).notNull()
        }
        try db.create(table: "tag") { t in
            t.column("arn", .text).notNull()
            t.column("key", .text).notNull()
            t.column("value", .text).notNull()
            t.primaryKey(["arn", "key"])
        }
        try createLambda(db)
        try createStepFunctions(db)
        try createIAM(db)
    }

    private static func createLambda(_ db: Database) throws {
        try db.create(table: "function") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account", .text).notNull()
            t.column("region", .text).notNull()
            t.column("name", .text).notNull()
            t.column("configuration", .jsonText).notNull()
            t.column("codeId", .text).notNull().references("codeBundle")
            t.column("revisionId", .text).notNull()
            t.column("createdAt", .double).notNull()
            t.column("lastModified", .double).notNull()
            t.column("settleUntil", .double).notNull()
            t.column("settlingFrom", .jsonText)
            t.column("lastVersion", .integer).notNull()
            t.column("reservedConcurrency", .integer)
            t.uniqueKey(["account", "region", "name"])
        }
        try db.create(table: "functionVersion") { t in
            t.column("functionId", .integer).notNull().references("function", onDelete: .cascade)
            t.column("version", .integer).notNull()
            t.column("configuration", .jsonText).notNull()
            t.column("codeId", .text).notNull().references("codeBundle")
            t.column("description", .text).notNull()
            t.column("revisionId", .text).notNull()
            t.column("lastModified", .double).notNull()
            t.primaryKey(["functionId", "version"])
        }
        try db.create(table: "functionAlias") { t in
            t.column("functionId", .integer).notNull().references("function", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("functionVersion", .text).notNull()
            t.column("additionalVersion", .integer)
            t.column("additionalWeight", .double)
            t.column("description", .text).notNull()
            t.column("revisionId", .text).notNull()
            t.primaryKey(["functionId", "name"])
        }
    }

    private static func createStepFunctions(_ db: Database) throws {
        try db.create(table: "stateMachine") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account", .text).notNull()
            t.column("region", .text).notNull()
            t.column("name", .text).notNull()
            t.column("type", .text).notNull()
            t.column("definition", .text).notNull()
            t.column("roleArn", .text).notNull()
            t.column("loggingConfiguration", .jsonText).notNull()
            t.column("tracingEnabled", .boolean).notNull()
            t.column("revisionId", .text)
            t.column("creationDate", .double).notNull()
            t.column("updateDate", .double).notNull()
            t.column("lastVersion", .integer).notNull()
            t.uniqueKey(["account", "region", "name"])
        }
        try db.create(table: "stateMachineVersion") { t in
            t.column("stateMachineId", .integer).notNull().references("stateMachine", onDelete: .cascade)
            t.column("version", .integer).notNull()
            t.column("definition", .text).notNull()
            t.column("roleArn", .text).notNull()
            t.column("loggingConfiguration", .jsonText).notNull()
            t.column("tracingEnabled", .boolean).notNull()
            t.column("revisionId", .text)
            t.column("description", .text)
            t.column("creationDate", .double).notNull()
            t.primaryKey(["stateMachineId", "version"])
        }
        try db.create(table: "stateMachineAlias") { t in
            t.column("stateMachineId", .integer).notNull().references("stateMachine", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("description", .text).notNull()
            t.column("routing", .jsonText).notNull()
            t.column("creationDate", .double).notNull()
            t.column("updateDate", .double)
            t.primaryKey(["stateMachineId", "name"])
        }
        // Executions are written by the Amazon States Language interpreter.
        try db.create(table: "execution") { t in
            t.primaryKey("arn", .text)
            t.column("account", .text).notNull()
            t.column("region", .text).notNull()
            t.column("stateMachineArn", .text).notNull().indexed()
            t.column("name", .text).notNull()
            t.column("versionArn", .text)
            t.column("aliasArn", .text)
            t.column("definition", .text).notNull()
            t.column("roleArn", .text).notNull()
            t.column("status", .text).notNull()
            t.column("input", .text)
            t.column("output", .text)
            t.column("error", .text)
            t.column("cause", .text)
            t.column("startDate", .double).notNull()
            t.column("stopDate", .double)
        }
    }

    private static func createIAM(_ db: Database) throws {
        try db.create(table: "role") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account", .text).notNull()
            t.column("name", .text).notNull().collate(.nocase)
            t.column("path", .text).notNull()
            t.column("roleId", .text).notNull()
            t.column("trustPolicy", .text).notNull()
            t.column("description", .text).notNull()
            t.column("maxSessionDuration", .integer).notNull()
            t.column("createDate", .double).notNull()
            t.uniqueKey(["account", "name"])
        }
        try db.create(table: "rolePolicy") { t in
            t.column("roleId", .integer).notNull().references("role", onDelete: .cascade)
            t.column("name", .text).notNull()
            t.column("document", .text).notNull()
            t.primaryKey(["roleId", "name"])
        }
        try db.create(table: "roleAttachment") { t in
            t.column("roleId", .integer).notNull().references("role", onDelete: .cascade)
            t.column("policyArn", .text).notNull().indexed()
            t.primaryKey(["roleId", "policyArn"])
        }
        try db.create(table: "managedPolicy") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account", .text).notNull()
            t.column("name", .text).notNull().collate(.nocase)
            t.column("path", .text).notNull()
            t.column("policyId", .text).notNull()
            t.column("arn", .text).notNull().unique()
            t.column("defaultVersion", .integer).notNull()
            t.column("lastVersion", .integer).notNull()
            t.column("description", .text).notNull()
            t.column("createDate", .double).notNull()
            t.column("updateDate", .double).notNull()
            t.uniqueKey(["account", "name"])
        }
        try db.create(table: "policyVersion") { t in
            t.column("policyId", .integer).notNull().references("managedPolicy", onDelete: .cascade)
            t.column("version", .integer).notNull()
            t.column("document", .text).notNull()
            t.column("createDate", .double).notNull()
            t.primaryKey(["policyId", "version"])
        }
    }

    /// Faults, rate-limit buckets and invocation records (metrics).
    private static func createOperations(_ db: Database) throws {
        try db.create(table: "fault") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("kind", .text).notNull()
            t.column("account", .text)
            t.column("region", .text)
            t.column("functionName", .text)
            t.column("qualifier", .text)
            t.column("codeId", .text)
            t.column("operation", .text)
            t.column("rate", .double).notNull()
            t.column("latencyMs", .double)
            t.column("response", .text)
            t.column("errorCode", .text)
            t.column("errorMessage", .text)
            t.column("remaining", .integer)
            t.column("createdAt", .double).notNull()
        }
        try db.create(table: "rateBucket") { t in
            t.column("account", .text).notNull()
            t.column("region", .text).notNull()
            t.column("name", .text).notNull()
            t.column("tokens", .double).notNull()
            t.column("updatedAt", .double).notNull()
            t.primaryKey(["account", "region", "name"])
        }
        try db.create(table: "invocation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("account", .text).notNull()
            t.column("region", .text).notNull()
            t.column("functionName", .text).notNull()
            t.column("resource", .text)
            t.column("executedVersion", .text)
            t.column("timestamp", .double).notNull()
            t.column("durationMs", .double)
            t.column("error", .boolean).notNull()
            t.column("errorType", .text)
            t.column("throttled", .boolean).notNull()
            t.column("coldStart", .boolean).notNull()
        }
        try db.create(index: "invocation_by_function_time", on: "invocation", columns: ["account", "region", "functionName", "timestamp"])
    }
}
