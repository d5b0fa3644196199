import Cloud
import Foundation
import GRDB

/// Where random numbers for one invocation come from: the store's sequence, or a caller's seed
/// (the traffic generator), so that the same seed routes and faults the same way.
struct DrawSource: Sendable {
    /// The caller's seed and first index; nil draws from the store.
    var seeded: (seed: UInt64, index: UInt64)?

    /// The next draw in [0, 1).
    mutating func next(_ context: inout CallContext) -> Double {
        guard let (seed, index) = seeded else { return context.randomUnit() }
        seeded = (seed, index + 1)
        return SimRandom.unit(SimRandom.value(seed: seed, index: index))
    }
}

/// What the first transaction of an invocation decided: the version to run with its
/// configuration, and the faults that hit it.
struct InvocationPlan: Sendable {
    var functionName: String
    var functionArn: String
    var invokedArn: String
    var resource: String?
    var executedVersion: String
    var config: StoredFunctionConfig
    var timestamp: Double
    var requestId: String
    var reservedConcurrency: Int?
    /// Invocations the region's functions without a reservation may run at once (account quota less reservations).
    var unreservedPool: Int
    var injectedError: (type: String, message: String)?
    var fixedResponse: String?
    var addedLatencyMs: Double
}

/// The first transaction's answer: run the plan, or the call was throttled (already recorded).
enum InvocationDecision: Sendable {
    case run(InvocationPlan)
    case throttled(CloudError)
}

extension FunctionRecord {
    /// Picks the version an invocation of `qualifier` runs, drawing for a weighted alias.
    func route(_ qualifier: String?, draws: inout DrawSource, _ context: inout CallContext) throws -> (version: String, config: StoredFunctionConfig) {
        if isCreating(at: context.now) {
            throw CloudError(.resourceConflict,
                "The operation cannot be performed at this time. The function is currently in the following state: Pending",
                resource: arn(context.scope), retryable: true)
        }
        guard let qualifier, qualifier != "$LATEST" else {
            return ("$LATEST", isSettling(at: context.now) ? (settlingFrom ?? configuration) : configuration)
        }
        if case .number(let number)? = FunctionVersion(qualifier) {
            guard let version = try version(number, context.db) else { throw FunctionRecord.notFound(name, qualifier: qualifier, context.scope) }
            return (String(number), version.configuration)
        }
        guard let alias = try alias(qualifier, context.db) else { throw FunctionRecord.notFound(name, qualifier: qualifier, context.scope) }
        var target = alias.functionVersion
        if let additional = alias.additionalVersion, let weight = alias.additionalWeight {
            let draw = draws.next(&context)
            if draw < weight { target = String(additional) }
        }
        return try route(target, draws: &draws, &context)
    }
}

extension FaultRecord {
    /// Whether this invocation fault selects an invocation of `function` through `resource`
    /// that runs `version` with code `codeId`.
    func selects(function: String, resource: String?, version: String, codeId: String) -> Bool {
        (functionName == nil || functionName == function)
            && (qualifier == nil || qualifier == version || (resource != nil && qualifier == resource))
            && (self.codeId == nil || self.codeId == codeId)
    }
}
