import Foundation
import GRDB
import Synchronization

/// Invocation records (metrics data) not yet written: each finished invocation adds its record
/// here instead of opening a transaction of its own; a flush writes those of the last
/// `flushDelay` in one transaction, and metric queries, status, export and shutdown flush first.
/// Other processes see the records at most about `flushDelay` late (CloudWatch too shows data
/// points after a delay).
final class PendingInvocations: Sendable {
    /// The longest a record waits for a transaction to carry it.
    static let flushDelay: Duration = .milliseconds(20)

    private struct State {
        var records: [InvocationRecord] = []
        var flushScheduled = false
    }

    private let state = Mutex(State())

    /// Adds a record (nil adds none); answers true when the caller must schedule a flush (none
    /// is scheduled).
    func add(_ record: InvocationRecord?) -> Bool {
        state.withLock { state in
            if let record { state.records.append(record) }
            if state.flushScheduled { return false }
            state.flushScheduled = true
            return true
        }
    }

    /// Takes every waiting record (the flush that was scheduled may still run and find none).
    func take() -> [InvocationRecord] {
        state.withLock { state in
            let records = state.records
            state.records = []
            return records
        }
    }

    /// Puts back records whose transaction failed, ahead of newer ones.
    func putBack(_ records: [InvocationRecord]) {
        guard !records.isEmpty else { return }
        state.withLock { $0.records.insert(contentsOf: records, at: 0) }
    }

    /// Marks the scheduled flush as run.
    func flushed() {
        state.withLock { $0.flushScheduled = false }
    }

    /// Inserts `records` in `db` with one kept statement; now and then drops records older than
    /// the metrics retention.
    static func write(_ records: [InvocationRecord], _ db: Database) throws {
        guard !records.isEmpty else { return }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO invocation (account, region, functionName, resource, executedVersion, timestamp,
                                    durationMs, error, errorType, throttled, coldStart)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for record in records {
            try insert.execute(arguments: [record.account, record.region, record.functionName, record.resource,
                                           record.executedVersion, record.timestamp, record.durationMs, record.error,
                                           record.errorType, record.throttled, record.coldStart])
            if db.lastInsertedRowID % 1024 == 0 {
                try db.executeCached("DELETE FROM invocation WHERE timestamp < ?", [record.timestamp - SimCloud.metricsRetention])
            }
        }
    }
}

extension SimCloud {
    /// Writes the waiting invocation records in a transaction of their own.
    func flushInvocations() throws {
        let records = pendingInvocations.take()
        guard !records.isEmpty else { return }
        do {
            try store.transaction { db in try PendingInvocations.write(records, db) }
        } catch {
            pendingInvocations.putBack(records)
            throw error
        }
    }

    /// Writes the waiting invocation records on the store's writer queue: the calling task is
    /// suspended, not its thread, while another transaction holds the writer.
    func flushInvocationsOnWriter() async throws {
        let records = pendingInvocations.take()
        guard !records.isEmpty else { return }
        do {
            try await store.pool.write { db in try PendingInvocations.write(records, db) }
        } catch {
            pendingInvocations.putBack(records)
            throw error
        }
    }

    /// Schedules a flush of the waiting records `PendingInvocations.flushDelay` from now.
    func scheduleInvocationFlush() {
        Task.detached { [self] in
            try? await Task.sleep(for: PendingInvocations.flushDelay)
            pendingInvocations.flushed()
            do {
                try await flushInvocationsOnWriter()
            } catch {
                // The store stayed busy: try again after the next delay.
                if pendingInvocations.add(nil) { scheduleInvocationFlush() }
            }
        }
    }
}
