import GRDB

extension FetchableRecord {
    /// The first record `sql` selects, through a prepared statement kept by the connection
    /// (hot paths run on every API call; preparing each time would cost more than the query).
    static func cachedOne(_ db: Database, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> Self? {
        try SQLRequest<Self>(sql: sql, arguments: arguments, cached: true).fetchOne(db)
    }

    /// Every record `sql` selects, through a prepared statement kept by the connection.
    static func cachedAll(_ db: Database, _ sql: String, _ arguments: StatementArguments = StatementArguments()) throws -> [Self] {
        try SQLRequest<Self>(sql: sql, arguments: arguments, cached: true).fetchAll(db)
    }
}

extension Database {
    /// Runs `sql` through a prepared statement kept by the connection.
    func executeCached(_ sql: String, _ arguments: StatementArguments) throws {
        try cachedStatement(sql: sql).execute(arguments: arguments)
    }
}
