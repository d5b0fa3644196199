import Cloud
import Foundation
import GRDB

/// The account's concurrency quota per region (Lambda's "concurrent executions", 1,000 by
/// default): a store setting. Functions with reserved concurrency run within their reservation;
/// all others share what the reservations leave (the unreserved pool).
enum AccountConcurrency {
    /// The frozen id of the migration that adds the setting.
    static let migrationId = "v4-account-concurrency"
    /// The quota of a new store (Lambda's default).
    static let defaultQuota = 1000

    /// Adds `settings.accountConcurrency` and an index over the functions that reserve concurrency.
    static func migrate(_ db: Database) throws {
        try db.alter(table: "settings") { t in
            t.add(column: "accountConcurrency", .integer).notNull().defaults(to: defaultQuota)
        }
        try db.execute(sql: """
            CREATE INDEX function_reserved ON function(account, region) WHERE reservedConcurrency IS NOT NULL
            """)
    }

    /// The store's quota.
    static func quota(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT accountConcurrency FROM settings WHERE id = 1")) ?? defaultQuota
    }

    /// Concurrency reserved by the functions of `scope`, except the function with id `excluding`.
    static func reserved(in scope: CloudScope, excluding: Int64? = nil, _ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT COALESCE(SUM(reservedConcurrency), 0) FROM function
            WHERE account = ? AND region = ? AND reservedConcurrency IS NOT NULL AND id IS NOT ?
            """), arguments: [scope.account, scope.region, excluding]) ?? 0
    }

    /// The invocations that functions without a reservation may run at once in `scope`.
    static func unreservedPool(in scope: CloudScope, _ db: Database) throws -> Int {
        try max(0, quota(db) - reserved(in: scope, db))
    }

    /// Sets the quota; refused below the unreserved minimum, or when a region's reservations
    /// would leave less than that minimum unreserved.
    static func setQuota(_ quota: Int, _ db: Database) throws {
        let minimum = SimProvider.minimumUnreserved
        guard quota >= minimum else {
            throw SimError("The account concurrency quota must be at least \(minimum) (Lambda keeps \(minimum) unreserved); got \(quota).")
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT account, region, SUM(reservedConcurrency) AS reserved FROM function
            WHERE reservedConcurrency IS NOT NULL GROUP BY account, region
            """)
        for row in rows {
            let reserved: Int = row["reserved"]
            if quota - reserved < minimum {
                let account: String = row["account"]
                let region: String = row["region"]
                throw SimError("Functions of account \(account) in \(region) reserve \(reserved) concurrent executions; a quota of \(quota) would leave less than \(minimum) unreserved. Lower their reservations first (DeleteFunctionConcurrency) or choose at least \(reserved + minimum).")
            }
        }
        try db.execute(sql: "UPDATE settings SET accountConcurrency = ? WHERE id = 1", arguments: [quota])
    }
}

/// Counts invocations in flight in this process, per function (reserved concurrency) and per
/// account and region (the unreserved pool of the account's quota).
final class ConcurrencyLimiter: @unchecked Sendable {
    private let lock = NSLock()
    private var inFlight: [String: Int] = [:]

    /// Admits one more invocation of `key` unless `limit` are already running; an invocation
    /// without a reservation (`limit` nil) also takes a place in `pool` (a region's unreserved
    /// pool and its size). Answers nil when admitted, else the exhausted limit's reason.
    func enter(_ key: String, limit: Int?, pool: (key: String, size: Int)?) -> String? {
        lock.withLock {
            let current = inFlight[key, default: 0]
            if let limit, current >= limit { return "ReservedFunctionConcurrentInvocationLimitExceeded" }
            if let pool {
                let shared = inFlight[pool.key, default: 0]
                if shared >= pool.size { return "ConcurrentInvocationLimitExceeded" }
                inFlight[pool.key] = shared + 1
            }
            inFlight[key] = current + 1
            return nil
        }
    }

    /// Ends one invocation of `key` (and its place in `pool`, if it took one).
    func leave(_ key: String, pool: String?) {
        lock.withLock {
            for name in [key, pool].compactMap({ $0 }) {
                let current = inFlight[name, default: 1] - 1
                inFlight[name] = current > 0 ? current : nil
            }
        }
    }
}
