import Cloud
import Foundation
import GRDB
import StatesLanguage

extension SimProvider {
    /// Largest synchronous request payload.
    static let maximumSyncPayload = 6_291_456
    /// Largest asynchronous (`Event`) request payload.
    static let maximumEventPayload = 1_048_576

    /// Invoke: runs the addressed version's code (an alias picks by its weights) and records metrics.
    public func invoke(_ function: String, qualifier: String?, payload: Data, invocationType: InvocationType) async throws -> InvocationResponse {
        try await invoke(function, qualifier: qualifier, payload: payload, invocationType: invocationType, draws: DrawSource())
    }

    /// Invoke with random draws from `draws` (the traffic generator passes its seed); a payload
    /// this process serialized itself (`payloadIsJSON`) is not parsed again.
    func invoke(_ function: String, qualifier: String?, payload: Data, invocationType: InvocationType,
                draws: DrawSource, payloadIsJSON: Bool = false) async throws -> InvocationResponse {
        let name = try FunctionName(parsing: function, qualifier: qualifier, in: scope)
        try SimProvider.checkPayload(payload, invocationType: invocationType, parse: !payloadIsJSON)
        let scope = self.scope
        let store = cloud.databasePath
        let decision = try await cloud.readMostlyCall(SimOperation(.lambda, "Invoke"), in: scope, gated: gated) { context -> InvocationDecision in
            try SimProvider.plan(name, draws: draws, store: store, &context)
        }
        let plan: InvocationPlan
        switch decision {
        case .throttled(let error): throw error
        case .run(let planned): plan = planned
        }
        if invocationType == .dryRun {
            return InvocationResponse(statusCode: 204, payload: Data(), functionError: nil, executedVersion: plan.executedVersion)
        }
        let key = "\(scope.account)/\(scope.region)/\(plan.functionName)"
        let pool = plan.reservedConcurrency == nil ? "\(scope.account)/\(scope.region)" : nil
        if let reason = cloud.concurrency.enter(key, limit: plan.reservedConcurrency, pool: pool.map { ($0, plan.unreservedPool) }) {
            cloud.record(plan, scope: scope, outcome: nil)
            throw SimProvider.concurrencyThrottle(reason: reason)
        }
        let outcome: InvocationOutcome
        do {
            outcome = try await cloud.run(plan, payload: payload)
            cloud.concurrency.leave(key, pool: pool)
        } catch {
            cloud.concurrency.leave(key, pool: pool)
            throw error
        }
        cloud.record(plan, scope: scope, outcome: outcome)
        if invocationType == .event {
            return InvocationResponse(statusCode: 202, payload: Data(), functionError: nil, executedVersion: plan.executedVersion)
        }
        return InvocationResponse(statusCode: 200, payload: outcome.payload, functionError: outcome.errorType == nil ? nil : "Unhandled",
                                  executedVersion: plan.executedVersion, durationMs: outcome.durationMs, coldStart: outcome.coldStart)
    }

    /// The first transaction: resolve the version, apply reserved concurrency 0 and faults
    /// (a read transaction unless it must write, see `readMostlyCall`). `store` names the
    /// store for the cache of function records.
    static func plan(_ name: FunctionName, draws: DrawSource, store: String, _ context: inout CallContext) throws -> InvocationDecision {
        var draws = draws
        let record = try FunctionRecordCache.shared.require(name.name, store: store, context)
        let scope = context.scope
        if record.reservedConcurrency == 0 {
            var throttle = InvocationRecord(id: nil, account: scope.account, region: scope.region, functionName: record.name,
                                            resource: name.qualifier, executedVersion: nil, timestamp: context.now, durationMs: nil,
                                            error: false, errorType: nil, throttled: true, coldStart: false)
            try throttle.insert(context.db)
            return .throttled(concurrencyThrottle())
        }
        let (version, config) = try record.route(name.qualifier, draws: &draws, &context)
        var plan = InvocationPlan(
            functionName: record.name, functionArn: record.arn(scope),
            invokedArn: name.qualifier.map { record.arn(scope, qualifier: $0) } ?? record.arn(scope),
            resource: name.qualifier, executedVersion: version, config: config, timestamp: context.now,
            requestId: RandomSource().uuid(), reservedConcurrency: record.reservedConcurrency,
            unreservedPool: record.reservedConcurrency == nil ? try AccountConcurrency.unreservedPool(in: scope, context.db) : 0,
            injectedError: nil, fixedResponse: nil, addedLatencyMs: 0)
        let stored = context.hasNoFaults ? [] : try FaultRecord.cachedAll(context.db, "SELECT * FROM fault ORDER BY id")
        let faults = stored.filter {
            $0.effect.isInvocationFault && $0.selects(account: scope.account, region: scope.region)
                && $0.selects(function: record.name, resource: name.qualifier, version: version, codeId: config.codeId)
        }
        for var fault in faults {
            if fault.rate < 1, draws.next(&context) >= fault.rate { continue }
            try CallGate.spend(&fault, context.db)
            switch fault.effect {
            case .functionError(_, let type, let message) where plan.injectedError == nil && plan.fixedResponse == nil:
                plan.injectedError = (type, message.isEmpty ? "Injected fault in \(record.name):\(version)" : message)
            case .fixedResponse(let payload, _) where plan.injectedError == nil && plan.fixedResponse == nil:
                plan.fixedResponse = payload
            case .latency(let milliseconds, _):
                plan.addedLatencyMs += milliseconds
            default:
                continue
            }
        }
        return .run(plan)
    }

    /// Lambda's answer when reserved concurrency (or, with `reason`, the account's quota) refuses an invocation.
    static func concurrencyThrottle(reason: String = "ReservedFunctionConcurrentInvocationLimitExceeded") -> CloudError {
        CloudError(.tooManyRequests, "Rate Exceeded.", retryable: true, reason: reason)
    }

    /// Checks the payload's size and (unless `parse` is false) that it is JSON.
    static func checkPayload(_ payload: Data, invocationType: InvocationType, parse: Bool = true) throws {
        if invocationType == .event, payload.count > maximumEventPayload {
            throw CloudError(.requestTooLarge, "\(payload.count) byte payload is too large for the Event invocation type (limit \(maximumEventPayload) bytes)")
        }
        if payload.count > maximumSyncPayload {
            throw CloudError(.requestTooLarge, "Request must be smaller than \(maximumSyncPayload) bytes for the InvokeFunction operation")
        }
        if parse, !payload.isEmpty, (try? JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])) == nil {
            let preview = String(decoding: payload.prefix(60), as: UTF8.self)
            throw CloudError(.invalidRequestContent, "Could not parse request body into json: Could not parse payload into json: Unrecognized token '\(preview)'")
        }
    }
}
