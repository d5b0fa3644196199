import Cloud
import Foundation
import GRDB

extension SimCloud {
    /// Runs one API call as one write transaction.
    ///
    /// The gate (region outages, injected API faults, rate limits) runs first and its effects
    /// (used tokens, spent fault counts) are kept even when the call is refused. The call's own
    /// changes run in a savepoint: an AWS error rolls them back, nothing half-done remains.
    func call<T: Sendable>(_ operation: SimOperation, in scope: CloudScope, gated: Bool = true,
                           _ body: @escaping @Sendable (inout CallContext) throws -> T) async throws -> T {
        let outcome: Result<T, CloudError>
        do {
            outcome = try store.transaction { db in try SimCloud.perform(operation, in: scope, gated: gated, db, body) }
        } catch let error as CloudError {
            throw error
        } catch {
            throw storeFailure(operation, error)
        }
        return try outcome.get()
    }

    /// Runs one API call as `call` does, but waits for the store's writer with the task
    /// suspended instead of its thread blocked (the transaction runs on the writer's queue): for
    /// calls made while long transactions of this process (execution histories) hold the writer.
    func callOnWriter<T: Sendable>(_ operation: SimOperation, in scope: CloudScope, gated: Bool = true,
                                   _ body: @escaping @Sendable (inout CallContext) throws -> T) async throws -> T {
        let outcome: Result<T, CloudError>
        do {
            outcome = try await store.pool.write { db in try SimCloud.perform(operation, in: scope, gated: gated, db, body) }
        } catch let error as CloudError {
            throw error
        } catch {
            throw storeFailure(operation, error)
        }
        return try outcome.get()
    }

    /// The body of one call's write transaction: the gate, then the call in a savepoint.
    private static func perform<T>(_ operation: SimOperation, in scope: CloudScope, gated: Bool, _ db: Database,
                                   _ body: (inout CallContext) throws -> T) throws -> Result<T, CloudError> {
        var context = try CallContext(db: db, scope: scope)
        if gated, let refusal = try CallGate.admit(operation, &context) {
            try context.finish()
            return .failure(refusal)
        }
        var result: Result<T, CloudError>
        do {
            var value: T?
            try db.inSavepoint {
                value = try body(&context)
                return .commit
            }
            guard let value else { throw SimError("\(operation) produced no result") }
            result = .success(value)
        } catch let error as CloudError {
            result = .failure(error)
        }
        try context.finish()
        return result
    }

    /// The error a call answers when the store itself failed.
    private func storeFailure(_ operation: SimOperation, _ error: Error) -> CloudError {
        CloudError(.serviceException, "The simulated cloud's store failed during \(operation): \(error). Retry; if it persists, check \(store.path).", retryable: true)
    }
}

extension SimStore {
    /// Runs `body` in one write transaction on the calling thread.
    ///
    /// The transaction is short (no I/O besides SQLite's), so running it synchronously costs
    /// less than hopping to the writer's queue and back; only another process holding the
    /// write lock makes it wait (SQLite's busy timeout).
    func transaction<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.write(body)
    }
}

extension SimProvider {
    /// Runs one API call of this provider (gated unless it is an inspector).
    func call<T: Sendable>(_ operation: SimOperation, in scope: CloudScope,
                           _ body: @escaping @Sendable (inout CallContext) throws -> T) async throws -> T {
        try await cloud.call(operation, in: scope, gated: gated, body)
    }
}

/// Decides whether a call is admitted before it runs: region outages, injected API faults,
/// then rate limits.
enum CallGate {
    /// The error that refuses `operation`, or nil to let it run.
    static func admit(_ operation: SimOperation, _ context: inout CallContext) throws -> CloudError? {
        let scope = context.scope
        let faults = try FaultRecord.cachedAll(context.db, "SELECT * FROM fault ORDER BY id")
        if operation.service != .iam {
            for fault in faults where fault.kind == "region-unavailable" && fault.selects(account: scope.account, region: scope.region) {
                return CloudError(.serviceUnavailable,
                    "Service unavailable: region \(scope.region) does not answer (simulated outage). Retry later or fail over to another region.",
                    retryable: true)
            }
        }
        for var fault in faults where !fault.effect.isInvocationFault && fault.kind != "region-unavailable"
            && fault.selects(account: scope.account, region: scope.region) && fault.selects(operation) {
            if fault.rate < 1, context.randomUnit() >= fault.rate { continue }
            try spend(&fault, context.db)
            switch fault.effect {
            case .throttle:
                return RateLimits.throttlingError(operation.service)
            case .apiError(let code, let message, _):
                let errorCode = CloudError.Code(rawValue: code)
                return CloudError(errorCode, message.isEmpty ? "Injected fault: \(operation) failed with \(code)." : message)
            default:
                continue
            }
        }
        if context.settings.rateLimitsEnabled {
            return try RateLimits.take(operation, context)
        }
        return nil
    }

    /// Counts one hit of a fault limited to K calls, removing it after its last.
    static func spend(_ fault: inout FaultRecord, _ db: Database) throws {
        guard let remaining = fault.remaining else { return }
        if remaining <= 1 {
            _ = try fault.delete(db)
        } else {
            fault.remaining = remaining - 1
            try fault.update(db)
        }
    }
}
