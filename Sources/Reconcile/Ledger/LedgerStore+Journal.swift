import Foundation
import GRDB

/// The write-ahead journal of deployment attempts: an attempt, its steps (intent before, done
/// after) and the before-image of each resource it touches.
///
/// Kept behind a protocol so a shared database can take SQLite's place for several replicas.
public protocol DeploymentJournal: Sendable {
    /// Records a new running attempt; answers it with its id.
    func begin(_ attempt: DeploymentAttempt) async throws -> DeploymentAttempt
    /// Keeps what `resource` looked like before the attempt first touched it (the first image wins).
    func recordBeforeImage(attemptId: Int64, resource: String, image: String?) async throws
    /// Writes the intent of a step before it is performed; answers the step with its id.
    func writeIntent(attemptId: Int64, phase: AttemptPhase, resource: String, operation: String, summary: String) async throws -> JournalStep
    /// Marks a step performed.
    func markDone(stepId: Int64) async throws
    /// Marks a step refused with `error`.
    func markFailed(stepId: Int64, error: String) async throws
    /// Starts undoing the attempt because of `error`; `blamesCommit` when the commit itself
    /// failed (a check or a call), false when the attempt was interrupted.
    func startRollback(attemptId: Int64, error: String, blamesCommit: Bool) async throws
    /// Records that undoing failed: the attempt stays unfinished (the next apply continues the
    /// rollback) and, when it blames the commit, the commit is recorded as failed.
    func markRollbackFailed(attemptId: Int64, error: String) async throws
    /// Ends the attempt: records the outcome, the last good commit on success and, when the
    /// attempt blames its commit, the failed commit on failure.
    func finish(attemptId: Int64, outcome: AttemptOutcome, error: String?) async throws
}

extension LedgerStore: DeploymentJournal {
    /// Records a new running attempt.
    public func begin(_ attempt: DeploymentAttempt) async throws -> DeploymentAttempt {
        try await pool.write { db in
            var inserted = attempt
            try inserted.insert(db)
            return inserted
        }
    }

    /// Keeps the first before-image of `resource` in the attempt.
    public func recordBeforeImage(attemptId: Int64, resource: String, image: String?) async throws {
        try await pool.write { db in
            try BeforeImageRecord(attemptId: attemptId, resource: resource, image: image).insert(db, onConflict: .ignore)
        }
    }

    /// Writes a step's intent with the next sequence number of the attempt.
    public func writeIntent(attemptId: Int64, phase: AttemptPhase, resource: String, operation: String, summary: String) async throws -> JournalStep {
        try await pool.write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM step WHERE attemptId = ?", arguments: [attemptId]) ?? 0
            var step = JournalStep(id: nil, attemptId: attemptId, sequence: last + 1, phase: phase, resource: resource,
                                   operation: operation, summary: summary, status: .intent, startedAt: Date(), endedAt: nil, error: nil)
            try step.insert(db)
            return step
        }
    }

    /// Marks a step performed.
    public func markDone(stepId: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE step SET status = ?, endedAt = ? WHERE id = ?",
                           arguments: [StepStatus.done.rawValue, Date(), stepId])
        }
    }

    /// Marks a step refused.
    public func markFailed(stepId: Int64, error: String) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE step SET status = ?, endedAt = ?, error = ? WHERE id = ?",
                           arguments: [StepStatus.failed.rawValue, Date(), error, stepId])
        }
    }

    /// Moves the attempt to its rollback phase.
    public func startRollback(attemptId: Int64, error: String, blamesCommit: Bool) async throws {
        try await pool.write { db in
            try db.execute(sql: "UPDATE attempt SET phase = ?, error = ?, blamesCommit = (blamesCommit OR ?) WHERE id = ?",
                           arguments: [AttemptPhase.rollback.rawValue, error, blamesCommit, attemptId])
        }
    }

    /// Records a failed rollback; the attempt stays in its rollback phase.
    public func markRollbackFailed(attemptId: Int64, error: String) async throws {
        try await pool.write { db in
            guard var attempt = try DeploymentAttempt.fetchOne(db, key: attemptId) else {
                throw LedgerError("Attempt \(attemptId) is not in the ledger at \(self.path).")
            }
            attempt.outcome = .rollbackFailed
            attempt.phase = .rollback
            attempt.error = error
            try attempt.update(db)
            try LedgerStore.applyOutcome(of: attempt, db)
        }
    }

    /// Ends the attempt and updates the environment's last good commit or failed commits.
    public func finish(attemptId: Int64, outcome: AttemptOutcome, error: String?) async throws {
        try await pool.write { db in
            guard var attempt = try DeploymentAttempt.fetchOne(db, key: attemptId) else {
                throw LedgerError("Attempt \(attemptId) is not in the ledger at \(self.path).")
            }
            attempt.outcome = outcome
            attempt.phase = .finished
            attempt.endedAt = Date()
            if let error { attempt.error = error }
            try attempt.update(db)
            try LedgerStore.applyOutcome(of: attempt, db)
        }
    }

    /// What an ended attempt means for its environment: a new last good commit, or a failed commit.
    static func applyOutcome(of attempt: DeploymentAttempt, _ db: Database) throws {
        guard let commit = attempt.commit else { return }
        switch attempt.outcome {
        case .succeeded:
            var environment = try EnvironmentRecord.fetchOne(db, key: attempt.environment)
                ?? EnvironmentRecord(name: attempt.environment, lastGoodCommit: nil, lastGoodAt: nil, activeRegion: nil)
            environment.lastGoodCommit = commit
            environment.lastGoodAt = attempt.endedAt ?? Date()
            try environment.save(db)
            try FailedCommitRecord.filter(Column("environment") == attempt.environment && Column("commit") == commit).deleteAll(db)
        case .rolledBack, .rollbackFailed, .rejected:
            guard attempt.blamesCommit || attempt.outcome == .rejected else { return }
            try FailedCommitRecord(environment: attempt.environment, commit: commit, attemptUUID: attempt.uuid,
                                   error: attempt.error ?? attempt.outcome.rawValue, failedAt: attempt.endedAt ?? Date()).save(db)
        case .inProgress, .held, .cancelled:
            break
        }
    }
}
