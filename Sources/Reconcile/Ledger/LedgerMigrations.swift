import GRDB

/// The ledger's schema, as a list of migrations with frozen ids (never edited once shipped).
enum LedgerMigrations {
    /// Every migration, oldest first.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger", migrate: createLedger)
        migrator.registerMigration("v2-step-sequence-index") { db in
            // Each intent reads its attempt's last sequence number: keep that a lookup, not a scan.
            try db.create(index: "step_attempt_sequence", on: "step", columns: ["attemptId", "sequence"])
        }
        return migrator
    }

    /// Attempts, their journaled steps and before-images, environments, failed commits, locks, retention.
    private static func createLedger(_ db: Database) throws {
        try db.create(table: "attempt") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("uuid", .text).notNull().unique()
            t.column("environment", .text).notNull().indexed()
            t.column("account", .text).notNull()
            t.column("region", .text).notNull()
            t.column("commit", .text)
            t.column("revision", .text).notNull()
            t.column("author", .text)
            t.column("message", .text)
            t.column("kind", .text).notNull()
            t.column("startedAt", .datetime).notNull()
            t.column("environmentTime", .datetime)
            t.column("endedAt", .datetime)
            t.column("outcome", .text).notNull()
            t.column("phase", .text).notNull()
            t.column("error", .text)
            t.column("blamesCommit", .boolean).notNull().defaults(to: false)
            t.column("planSummary", .text).notNull()
            t.column("planDetail", .text).notNull()
            t.column("previousGoodCommit", .text)
            t.column("host", .text).notNull()
            t.column("pid", .integer).notNull()
        }
        try db.create(table: "step") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("attemptId", .integer).notNull().indexed().references("attempt", onDelete: .cascade)
            t.column("sequence", .integer).notNull()
            t.column("phase", .text).notNull()
            t.column("resource", .text).notNull()
            t.column("operation", .text).notNull()
            t.column("summary", .text).notNull()
            t.column("status", .text).notNull()
            t.column("startedAt", .datetime).notNull()
            t.column("endedAt", .datetime)
            t.column("error", .text)
        }
        try db.create(table: "beforeImage") { t in
            t.column("attemptId", .integer).notNull().references("attempt", onDelete: .cascade)
            t.column("resource", .text).notNull()
            t.column("image", .text)
            t.primaryKey(["attemptId", "resource"])
        }
        try db.create(table: "environment") { t in
            t.primaryKey("name", .text)
            t.column("lastGoodCommit", .text)
            t.column("lastGoodAt", .datetime)
            t.column("activeRegion", .text)
        }
        try db.create(table: "failedCommit") { t in
            t.column("environment", .text).notNull()
            t.column("commit", .text).notNull()
            t.column("attemptUUID", .text).notNull()
            t.column("error", .text).notNull()
            t.column("failedAt", .datetime).notNull()
            t.primaryKey(["environment", "commit"])
        }
        try db.create(table: "lock") { t in
            t.primaryKey("environment", .text)
            t.column("pid", .integer).notNull()
            t.column("processStart", .integer)
            t.column("host", .text).notNull()
            t.column("since", .datetime).notNull()
            t.column("commit", .text)
            t.column("token", .text).notNull()
        }
        try db.create(table: "retention") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("maxAttempts", .integer)
            t.column("maxAgeDays", .integer)
        }
    }
}
