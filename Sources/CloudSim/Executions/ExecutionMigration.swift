import GRDB

/// The executions schema added after `v2-operations`: history events, an index for listing
/// and the retention setting.
enum ExecutionMigration {
    /// The frozen id of this migration.
    static let id = "v3-executions"

    /// Creates the `executionEvent` table, the listing index and `settings.executionRetention`.
    static func migrate(_ db: Database) throws {
        try db.create(table: "executionEvent") { t in
            t.column("executionArn", .text).notNull().references("execution", column: "arn", onDelete: .cascade)
            t.column("id", .integer).notNull()
            t.column("previousEventId", .integer).notNull()
            t.column("timestamp", .double).notNull()
            t.column("type", .text).notNull()
            t.column("details", .text).notNull()
            t.primaryKey(["executionArn", "id"])
        }
        try db.create(index: "execution_by_machine_start", on: "execution", columns: ["stateMachineArn", "startDate"])
        try db.alter(table: "settings") { t in
            t.add(column: "executionRetention", .integer).notNull().defaults(to: ExecutionRetention.defaultLimit)
        }
    }
}

/// How many executions the store keeps per state machine (a store setting).
enum ExecutionRetention {
    /// The limit of a new store.
    static let defaultLimit = 100

    /// The store's limit.
    static func limit(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT executionRetention FROM settings WHERE id = 1")) ?? defaultLimit
    }

    /// Sets the store's limit.
    static func setLimit(_ limit: Int, _ db: Database) throws {
        try db.execute(sql: "UPDATE settings SET executionRetention = ? WHERE id = 1", arguments: [limit])
    }

    /// Deletes the oldest closed executions of `stateMachineArn` beyond the limit (running ones stay).
    static func prune(stateMachineArn: String, _ db: Database) throws {
        let limit = try self.limit(db)
        let count = try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM execution WHERE stateMachineArn = ?"),
                                     arguments: [stateMachineArn]) ?? 0
        guard count > limit else { return }
        try db.execute(sql: """
            DELETE FROM execution WHERE rowid IN (
              SELECT rowid FROM execution WHERE stateMachineArn = ? AND status != 'RUNNING'
              ORDER BY startDate ASC, rowid ASC LIMIT ?)
            """, arguments: [stateMachineArn, count - limit])
    }
}
