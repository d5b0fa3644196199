import Foundation
import GRDB

/// One attempt with its journaled steps, as history shows and exports it.
public struct AttemptHistory: Sendable, Codable, Hashable {
    /// The attempt.
    public var attempt: DeploymentAttempt
    /// Its steps, in order.
    public var steps: [JournalStep]
}

extension LedgerStore {
    /// Attempts of `environment` (every environment when nil), newest first.
    public func attempts(environment: String?, since: Date? = nil, limit: Int? = nil) async throws -> [DeploymentAttempt] {
        try await pool.read { db in
            var request = DeploymentAttempt.order(DeploymentAttempt.Columns.id.desc)
            if let environment { request = request.filter(DeploymentAttempt.Columns.environment == environment) }
            if let since { request = request.filter(DeploymentAttempt.Columns.startedAt >= since) }
            if let limit { request = request.limit(limit) }
            return try request.fetchAll(db)
        }
    }

    /// The attempt with row id `id`.
    public func attempt(id: Int64) async throws -> DeploymentAttempt? {
        try await pool.read { db in try DeploymentAttempt.fetchOne(db, key: id) }
    }

    /// The steps of an attempt, in order.
    public func steps(attemptId: Int64) async throws -> [JournalStep] {
        try await pool.read { db in
            try JournalStep.filter(JournalStep.Columns.attemptId == attemptId).order(JournalStep.Columns.sequence).fetchAll(db)
        }
    }

    /// The before-images of an attempt, by resource (nil image: the resource did not exist).
    public func beforeImages(attemptId: Int64) async throws -> [String: String?] {
        try await pool.read { db in
            let records = try BeforeImageRecord.filter(BeforeImageRecord.Columns.attemptId == attemptId).fetchAll(db)
            return Dictionary(records.map { ($0.resource, $0.image) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// Attempts of `environment` that never finished (their process stopped, or is still running), oldest first.
    public func unfinishedAttempts(environment: String) async throws -> [DeploymentAttempt] {
        try await pool.read { db in
            try DeploymentAttempt
                .filter(DeploymentAttempt.Columns.environment == environment && DeploymentAttempt.Columns.phase != AttemptPhase.finished.rawValue)
                .order(DeploymentAttempt.Columns.id).fetchAll(db)
        }
    }

    /// The environment's record (last good commit, active region), nil before its first deployment.
    public func environmentRecord(_ name: String) async throws -> EnvironmentRecord? {
        try await pool.read { db in try EnvironmentRecord.fetchOne(db, key: name) }
    }

    /// Sets the region the environment deploys to (after a failover); nil returns to the manifest's region.
    public func setActiveRegion(_ region: String?, environment: String) async throws {
        try await pool.write { db in
            var record = try EnvironmentRecord.fetchOne(db, key: environment)
                ?? EnvironmentRecord(name: environment, lastGoodCommit: nil, lastGoodAt: nil, activeRegion: nil)
            record.activeRegion = region
            try record.save(db)
        }
    }

    /// The failure record of `commit` in `environment`, nil when the commit has not failed there.
    public func failedCommit(_ commit: String, environment: String) async throws -> FailedCommitRecord? {
        try await pool.read { db in
            try FailedCommitRecord.filter(Column("environment") == environment && Column("commit") == commit).fetchOne(db)
        }
    }

    /// Every failed commit of `environment`, newest first.
    public func failedCommits(environment: String) async throws -> [FailedCommitRecord] {
        try await pool.read { db in
            try FailedCommitRecord.filter(Column("environment") == environment).order(Column("failedAt").desc).fetchAll(db)
        }
    }

    /// An attempt with its steps, for every attempt of `environment` started at or after `since`, oldest first.
    public func history(environment: String?, since: Date? = nil, limit: Int? = nil) async throws -> [AttemptHistory] {
        let attempts = try await self.attempts(environment: environment, since: since, limit: limit)
        return try await pool.read { db in
            try attempts.reversed().map { attempt in
                let steps = try JournalStep.filter(JournalStep.Columns.attemptId == (attempt.id ?? -1))
                    .order(JournalStep.Columns.sequence).fetchAll(db)
                return AttemptHistory(attempt: attempt, steps: steps)
            }
        }
    }
}
