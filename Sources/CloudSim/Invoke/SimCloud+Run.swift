import Cloud
import Foundation
import GRDB

/// How one invocation ended, as metrics record it.
struct InvocationOutcome: Sendable {
    var payload: Data
    /// The error type (`ValueError`, `Sandbox.Timedout`, …), nil on success.
    var errorType: String?
    var durationMs: Double
    var coldStart: Bool
}

extension SimCloud {
    /// How long invocation records are kept, in simulated seconds (CloudWatch keeps one-minute
    /// data for 15 days); older ones are dropped now and then as new ones are recorded.
    static let metricsRetention: Double = 15 * 86_400

    /// Runs a planned invocation: a fixed response or injected error without running code,
    /// otherwise the function's code in the runtime; injected latency is added (past the
    /// function's timeout the invocation times out, as Lambda's would).
    func run(_ plan: InvocationPlan, payload: Data) async throws -> InvocationOutcome {
        var outcome: InvocationOutcome
        if let fixed = plan.fixedResponse {
            outcome = InvocationOutcome(payload: Data(fixed.utf8), errorType: nil, durationMs: 0, coldStart: false)
        } else if let injected = plan.injectedError {
            let body = try JSONSerialization.data(withJSONObject: ["errorMessage": injected.message, "errorType": injected.type], options: [.sortedKeys])
            outcome = InvocationOutcome(payload: body, errorType: injected.type, durationMs: 0, coldStart: false)
        } else {
            let request = InvocationRequest(
                function: FunctionVersionID(functionArn: plan.functionArn, version: plan.executedVersion),
                codeDirectory: code.directory(for: plan.config.codeId), runtime: plan.config.runtime,
                handler: plan.config.handler, environment: plan.config.environment,
                timeoutSeconds: Double(plan.config.timeout), memoryMB: plan.config.memorySize, payload: payload,
                requestId: plan.requestId, invokedFunctionArn: plan.invokedArn)
            let result: InvocationResult
            do {
                result = try await runtime.invoke(request)
            } catch let error as FunctionRuntimeError {
                throw SimCloud.cloudError(error, plan: plan)
            }
            outcome = InvocationOutcome(payload: result.payload, errorType: result.error?.errorType,
                                        durationMs: result.durationMs, coldStart: result.coldStart)
        }
        if plan.addedLatencyMs > 0 {
            let limit = Double(plan.config.timeout) * 1000
            if outcome.durationMs + plan.addedLatencyMs > limit {
                let message = "RequestId: \(plan.requestId) Error: Task timed out after \(String(format: "%.2f", Double(plan.config.timeout))) seconds"
                outcome.payload = try JSONSerialization.data(withJSONObject: ["errorMessage": message, "errorType": "Sandbox.Timedout"], options: [.sortedKeys])
                outcome.errorType = "Sandbox.Timedout"
                outcome.durationMs = limit
            } else {
                outcome.durationMs += plan.addedLatencyMs
            }
            try await clock.realDelay(seconds: min(outcome.durationMs, plan.addedLatencyMs) / 1000)
        }
        return outcome
    }

    /// Records an invocation for metrics (written with the next transaction, see
    /// `PendingInvocations`); a nil outcome records a throttled call.
    func record(_ plan: InvocationPlan, scope: CloudScope, outcome: InvocationOutcome?) {
        let record = InvocationRecord(
            id: nil, account: scope.account, region: scope.region, functionName: plan.functionName, resource: plan.resource,
            executedVersion: outcome == nil ? nil : plan.executedVersion, timestamp: plan.timestamp,
            durationMs: outcome?.durationMs, error: outcome?.errorType != nil, errorType: outcome?.errorType,
            throttled: outcome == nil, coldStart: outcome?.coldStart ?? false)
        if pendingInvocations.add(record) { scheduleInvocationFlush() }
    }

    /// The Lambda error for an invocation the runtime could not start.
    static func cloudError(_ error: FunctionRuntimeError, plan: InvocationPlan) -> CloudError {
        switch error.code {
        case .invalidRuntime:
            return CloudError("InvalidRuntimeException", "The runtime \(plan.config.runtime) of \(plan.functionName) cannot run in the simulated cloud: \(error.message)", resource: plan.invokedArn)
        case .invalidRequest:
            return CloudError(.serviceException, "The simulated runtime refused \(plan.invokedArn): \(error.message)", resource: plan.invokedArn, retryable: false)
        case .runtimeUnavailable:
            return CloudError(.serviceException, "The simulated runtime is unavailable: \(error.message)", resource: plan.invokedArn, retryable: false)
        case .shutDown:
            return CloudError(.serviceException, "The simulated cloud is shutting down: \(error.message)", resource: plan.invokedArn, retryable: true)
        }
    }
}
