import Cloud
import Foundation
import GRDB

/// The switches of a store as they are now.
public struct SimStoreSettings: Sendable, Hashable, Codable {
    /// Seed of the store's deterministic random numbers.
    public var seed: UInt64
    /// Whether API rate limits apply.
    public var rateLimitsEnabled: Bool
    /// Settling period after a function create or update, in simulated seconds.
    public var settleSeconds: Double
    /// The account's concurrent executions per region (Lambda's quota, 1,000 by default).
    public var accountConcurrency: Int
}

extension SimCloud {
    /// The store's current switches.
    public func settings() async throws -> SimStoreSettings {
        try await store.pool.read { db in try SimStoreSettings(db) }
    }

    /// Sets the account's concurrency quota (each account, each region); at least 100, and
    /// enough to leave 100 unreserved wherever functions reserve concurrency.
    public func setAccountConcurrency(_ quota: Int) async throws {
        try await store.pool.write { db in try AccountConcurrency.setQuota(quota, db) }
    }

    /// Turns AWS's API rate limits on or off for this store.
    public func setRateLimits(enabled: Bool) async throws {
        try await updateSettings { $0.rateLimitsEnabled = enabled }
    }

    /// Sets the settling period after function creates and updates (0 settles at once).
    public func setSettleSeconds(_ seconds: Double) async throws {
        guard seconds.isFinite, seconds >= 0 else {
            throw SimError("The settling period must be 0 or more seconds; got \(seconds).")
        }
        try await updateSettings { $0.settleSeconds = seconds }
    }

    /// Restarts the store's random sequence from `seed`.
    public func setSeed(_ seed: UInt64) async throws {
        try await updateSettings {
            $0.seed = Int64(bitPattern: seed)
            $0.randomCounter = 0
        }
    }

    private func updateSettings(_ change: @escaping @Sendable (inout SettingsRecord) -> Void) async throws {
        try await store.pool.write { db in
            var record = try SettingsRecord.current(db)
            change(&record)
            try record.update(db)
        }
    }
}

extension SimStoreSettings {
    /// The switches as stored in `db`.
    init(_ db: Database) throws {
        let record = try SettingsRecord.current(db)
        self.init(seed: UInt64(bitPattern: record.seed), rateLimitsEnabled: record.rateLimitsEnabled,
                  settleSeconds: record.settleSeconds, accountConcurrency: try AccountConcurrency.quota(db))
    }
}
