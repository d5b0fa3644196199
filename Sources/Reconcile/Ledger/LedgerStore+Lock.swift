import Foundation
import GRDB

/// The `lock` table's row: one per locked environment.
struct LockRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "lock"
    var environment: String
    var pid: Int32
    var processStart: Int64?
    var host: String
    var since: Date
    var commit: String?
    var token: String

    var holder: LockHolder { LockHolder(pid: pid, processStart: processStart, host: host, since: since, commit: commit) }
}

extension LedgerStore: EnvironmentLock {
    /// Takes the lock; a holder whose process is gone is taken over.
    public func acquire(environment: String, commit: String?, waitSeconds: Double?) async throws -> LockLease {
        let deadline = Date().addingTimeInterval(max(0, waitSeconds ?? 0))
        while true {
            let token = UUID().uuidString
            let pid = ProcessIdentity.pid
            let blocker: LockHolder? = try await pool.write { db in
                if let existing = try LockRecord.fetchOne(db, key: environment), ProcessLiveness.isAlive(existing.holder) {
                    return existing.holder
                }
                try LockRecord(environment: environment, pid: pid, processStart: ProcessLiveness.startTime(of: pid),
                               host: ProcessIdentity.host, since: Date(), commit: commit, token: token).save(db)
                return nil
            }
            guard let blocker else { return LockLease(environment: environment, token: token) }
            guard waitSeconds != nil, Date() < deadline else {
                throw LockHeldError(environment: environment, holder: blocker, waited: waitSeconds != nil)
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
    }

    /// Releases the lock if this lease still holds it.
    public func release(_ lease: LockLease) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM lock WHERE environment = ? AND token = ?", arguments: [lease.environment, lease.token])
        }
    }

    /// The current holder, live or not.
    public func holder(environment: String) async throws -> LockHolder? {
        try await pool.read { db in try LockRecord.fetchOne(db, key: environment)?.holder }
    }
}
