import Cloud
import Foundation
import GRDB

/// What a simulated cloud holds, for `plumb sim status`.
public struct SimStatus: Sendable, Codable, Hashable {
    /// Resources of one account in one region.
    public struct RegionCounts: Sendable, Codable, Hashable {
        /// The account.
        public var account: String
        /// The region.
        public var region: String
        /// Functions.
        public var functions: Int
        /// Published function versions.
        public var functionVersions: Int
        /// Function aliases.
        public var functionAliases: Int
        /// State machines.
        public var stateMachines: Int
        /// Published state machine versions.
        public var stateMachineVersions: Int
        /// State machine aliases.
        public var stateMachineAliases: Int
        /// Stored executions.
        public var executions: Int
        /// Recorded invocations (metrics).
        public var invocations: Int
    }

    /// IAM resources of one account.
    public struct AccountCounts: Sendable, Codable, Hashable {
        /// The account.
        public var account: String
        /// Roles.
        public var roles: Int
        /// Customer managed policies.
        public var policies: Int
    }

    /// The SQLite file.
    public var databasePath: String
    /// The clock.
    public var clock: SimClock.State
    /// The store's switches.
    public var settings: SimStoreSettings
    /// Per account and region, sorted.
    public var regions: [RegionCounts]
    /// Per account, sorted.
    public var accounts: [AccountCounts]
    /// Injected faults (region outages included).
    public var faults: Int
    /// Regions taken down (`region` or `account/region`).
    public var unavailableRegions: [String]
    /// Code bundles stored.
    public var codeBundles: Int
}

extension SimCloud {
    /// Counts of everything in the store.
    public func status() async throws -> SimStatus {
        try flushInvocations()
        let path = store.path
        return try await store.pool.read { db in
            guard let clock = try ClockRecord.fetchOne(db, key: 1) else { throw SimError("The clock row is missing from \(path).") }
            var regions: [String: SimStatus.RegionCounts] = [:]
            func count(_ sql: String, _ apply: (inout SimStatus.RegionCounts, Int) -> Void) throws {
                for row in try Row.fetchAll(db, sql: sql) {
                    let account: String = row[0], region: String = row[1], value: Int = row[2]
                    var counts = regions["\(account)/\(region)"] ?? SimStatus.RegionCounts(
                        account: account, region: region, functions: 0, functionVersions: 0, functionAliases: 0,
                        stateMachines: 0, stateMachineVersions: 0, stateMachineAliases: 0, executions: 0, invocations: 0)
                    apply(&counts, value)
                    regions["\(account)/\(region)"] = counts
                }
            }
            try count("SELECT account, region, COUNT(*) FROM function GROUP BY 1, 2") { $0.functions = $1 }
            try count("SELECT f.account, f.region, COUNT(*) FROM functionVersion v JOIN function f ON f.id = v.functionId GROUP BY 1, 2") { $0.functionVersions = $1 }
            try count("SELECT f.account, f.region, COUNT(*) FROM functionAlias a JOIN function f ON f.id = a.functionId GROUP BY 1, 2") { $0.functionAliases = $1 }
            try count("SELECT account, region, COUNT(*) FROM stateMachine GROUP BY 1, 2") { $0.stateMachines = $1 }
            try count("SELECT s.account, s.region, COUNT(*) FROM stateMachineVersion v JOIN stateMachine s ON s.id = v.stateMachineId GROUP BY 1, 2") { $0.stateMachineVersions = $1 }
            try count("SELECT s.account, s.region, COUNT(*) FROM stateMachineAlias a JOIN stateMachine s ON s.id = a.stateMachineId GROUP BY 1, 2") { $0.stateMachineAliases = $1 }
            try count("SELECT account, region, COUNT(*) FROM execution GROUP BY 1, 2") { $0.executions = $1 }
            try count("SELECT account, region, COUNT(*) FROM invocation GROUP BY 1, 2") { $0.invocations = $1 }
            var accounts: [String: SimStatus.AccountCounts] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT account, COUNT(*) FROM role GROUP BY 1") {
                accounts[row[0], default: SimStatus.AccountCounts(account: row[0], roles: 0, policies: 0)].roles = row[1]
            }
            for row in try Row.fetchAll(db, sql: "SELECT account, COUNT(*) FROM managedPolicy GROUP BY 1") {
                accounts[row[0], default: SimStatus.AccountCounts(account: row[0], roles: 0, policies: 0)].policies = row[1]
            }
            let outages = try FaultRecord.filter(FaultRecord.Columns.kind == "region-unavailable").fetchAll(db)
                .map { fault in fault.account.map { "\($0)/\(fault.region ?? "")" } ?? (fault.region ?? "") }
            return SimStatus(
                databasePath: path, clock: clock.state(real: Date().timeIntervalSince1970),
                settings: try SimStoreSettings(db),
                regions: regions.values.sorted { ($0.account, $0.region) < ($1.account, $1.region) },
                accounts: accounts.values.sorted { $0.account < $1.account },
                faults: try FaultRecord.fetchCount(db), unavailableRegions: outages.sorted(),
                codeBundles: try CodeBundleRecord.fetchCount(db))
        }
    }
}
