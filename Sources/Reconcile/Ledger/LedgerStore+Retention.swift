import Foundation
import GRDB

extension LedgerStore {
    /// The retention settings (defaults when never set).
    public func retention() async throws -> RetentionSettings {
        try await pool.read { db in try RetentionSettings.fetchOne(db, key: 1) ?? RetentionSettings() }
    }

    /// Changes the retention settings.
    public func setRetention(_ settings: RetentionSettings) async throws {
        if let count = settings.maxAttempts, count < 1 {
            throw LedgerError("Retention must keep at least 1 attempt; got \(count). Give a positive number, or none for no limit.")
        }
        if let days = settings.maxAgeDays, days < 1 {
            throw LedgerError("Retention must keep at least 1 day; got \(days). Give a positive number, or none for no limit.")
        }
        try await pool.write { db in
            var stored = settings
            stored.id = 1
            try stored.save(db)
        }
    }

    /// Drops finished attempts of `environment` beyond the retention settings; answers how many.
    ///
    /// Unfinished attempts are never dropped (recovery needs their journal); failed commits are
    /// kept apart and survive, so pruning never makes plumb retry a failed commit.
    @discardableResult
    public func prune(environment: String, now: Date = Date()) async throws -> Int {
        let settings = try await retention()
        return try await pool.write { db in
            var doomed = Set<Int64>()
            let finished = try DeploymentAttempt
                .filter(DeploymentAttempt.Columns.environment == environment && DeploymentAttempt.Columns.phase == AttemptPhase.finished.rawValue)
                .order(DeploymentAttempt.Columns.id.desc).fetchAll(db)
            if let maxAttempts = settings.maxAttempts, finished.count > maxAttempts {
                for attempt in finished.dropFirst(maxAttempts) { if let id = attempt.id { doomed.insert(id) } }
            }
            if let days = settings.maxAgeDays {
                let cutoff = now.addingTimeInterval(-Double(days) * 86_400)
                for attempt in finished where attempt.startedAt < cutoff { if let id = attempt.id { doomed.insert(id) } }
            }
            for id in doomed { _ = try DeploymentAttempt.deleteOne(db, key: id) }
            return doomed.count
        }
    }
}
