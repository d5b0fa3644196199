import Cloud
import Foundation
import GRDB

extension SimCloud {
    /// Adds a fault; `remaining` limits it to the next K calls it hits.
    @discardableResult
    public func addFault(_ effect: FaultEffect, target: FaultTarget = FaultTarget(), remaining: Int? = nil) async throws -> Fault {
        try FaultRules.check(effect, target: target, remaining: remaining)
        return try await store.pool.write { db in
            let context = try CallContext(db: db, scope: try CloudScope(account: SimCloud.defaultAccount, region: SimCloud.defaultRegion))
            var record = FaultRecord(effect: effect, target: target, remaining: remaining, createdAt: context.now)
            try record.insert(db)
            return record.fault
        }
    }

    /// Every fault, oldest first.
    public func faults() async throws -> [Fault] {
        try await store.pool.read { db in
            try FaultRecord.order(FaultRecord.Columns.id).fetchAll(db).map(\.fault)
        }
    }

    /// Removes the fault with `id`; answers whether it existed.
    @discardableResult
    public func removeFault(id: Int64) async throws -> Bool {
        try await store.pool.write { db in try FaultRecord.deleteOne(db, key: id) }
    }

    /// Removes every fault; answers how many there were.
    @discardableResult
    public func removeAllFaults() async throws -> Int {
        try await store.pool.write { db in try FaultRecord.deleteAll(db) }
    }

    /// Takes a region down (every Lambda, Step Functions and CloudWatch call there fails) or up.
    public func setRegion(_ region: String, available: Bool, account: String? = nil) async throws {
        guard CloudScope.isValidRegion(region) else {
            throw SimError("'\(region)' is not an AWS region name; give one such as us-east-1.")
        }
        if let account, !CloudScope.isValidAccount(account) {
            throw SimError("'\(account)' is not a 12-digit account id.")
        }
        try await store.pool.write { db in
            let outages = try FaultRecord.filter(FaultRecord.Columns.kind == "region-unavailable").fetchAll(db)
                .filter { $0.region == region && (account == nil || $0.account == account) }
            if available {
                for outage in outages { _ = try outage.delete(db) }
            } else if outages.isEmpty {
                let now = try ClockRecord.fetchOne(db, key: 1)?.simulatedNow(real: Date().timeIntervalSince1970) ?? Date().timeIntervalSince1970
                var record = FaultRecord(effect: .regionUnavailable, target: FaultTarget(account: account, region: region),
                                         remaining: nil, createdAt: now)
                try record.insert(db)
            }
        }
    }

    /// Regions currently taken down, with the account they are down for (nil: every account).
    public func unavailableRegions() async throws -> [(region: String, account: String?)] {
        try await faults().compactMap { fault in
            guard case .regionUnavailable = fault.effect, let region = fault.target.region else { return nil }
            return (region, fault.target.account)
        }
    }
}

/// Checks fault parameters before they are stored.
enum FaultRules {
    static func check(_ effect: FaultEffect, target: FaultTarget, remaining: Int?) throws {
        let rate = effect.rate
        guard rate.isFinite, rate >= 0, rate <= 1 else {
            throw SimError("A fault rate is a probability between 0 and 1; got \(rate).")
        }
        if let remaining, remaining < 1 {
            throw SimError("A fault's call count must be at least 1; got \(remaining).")
        }
        if let region = target.region, !CloudScope.isValidRegion(region) {
            throw SimError("'\(region)' is not an AWS region name; give one such as us-east-1.")
        }
        if let account = target.account, !CloudScope.isValidAccount(account) {
            throw SimError("'\(account)' is not a 12-digit account id.")
        }
        switch effect {
        case .latency(let milliseconds, _) where !(milliseconds.isFinite && milliseconds >= 0):
            throw SimError("Added latency must be a non-negative number of milliseconds; got \(milliseconds).")
        case .fixedResponse(let payload, _) where (try? JSONSerialization.jsonObject(with: Data(payload.utf8), options: [.fragmentsAllowed])) == nil:
            throw SimError("A fixed response must be JSON text; got \(payload).")
        case .regionUnavailable where target.region == nil:
            throw SimError("A region outage needs a region; give one such as us-east-1.")
        case .apiError(let code, _, _) where code.isEmpty:
            throw SimError("An API error fault needs an AWS error name, such as ServiceException.")
        default:
            break
        }
        if effect.isInvocationFault, target.operation != nil {
            throw SimError("Invocation faults select functions, versions, aliases or code ids, not operations; drop the operation, or use an API error fault.")
        }
    }
}
