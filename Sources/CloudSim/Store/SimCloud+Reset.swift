import Cloud
import Foundation
import GRDB

extension SimCloud {
    /// Tables holding the simulated cloud's state: every table but SQLite's and the migrations'.
    static func stateTables(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'
            ORDER BY name
            """)
    }

    /// Empties the store in one transaction and starts it again with `settings`; removes the
    /// stored code bundles. Other processes see the store either as before or as after.
    public func reset(settings: SimSettings = SimSettings()) async throws {
        _ = pendingInvocations.take()
        try await store.pool.write { db in
            try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
            for table in try SimCloud.stateTables(db) {
                try db.execute(sql: "DELETE FROM \(table)")
            }
            try SettingsRecord(seed: Int64(bitPattern: settings.seed), randomCounter: 0,
                               rateLimitsEnabled: settings.rateLimitsEnabled, settleSeconds: settings.settleSeconds).insert(db)
            let start = settings.clockStart.timeIntervalSince1970
            try ClockRecord(mode: settings.clockMode.rawValue, virtualTime: start, anchorSimulated: start,
                            anchorReal: Date().timeIntervalSince1970, scale: settings.clockScale).insert(db)
        }
        let folders = (try? FileManager.default.contentsOfDirectory(atPath: code.root)) ?? []
        for folder in folders {
            try? FileManager.default.removeItem(atPath: (code.root as NSString).appendingPathComponent(folder))
        }
    }
}
