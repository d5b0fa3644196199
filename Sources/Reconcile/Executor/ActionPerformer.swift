import Cloud
import Foundation

/// Performs the actions rollouts ask for against a provider: paced below AWS's rate limits,
/// transient errors retried with capped, jittered backoff on the environment's clock.
public struct ActionPerformer: Sendable {
    /// The environment.
    public let provider: any CloudProvider
    /// Its time.
    public let timer: EnvironmentTimer
    /// Paces calls.
    public let governor: RateGovernor
    /// When to retry.
    public let retry: RetryPolicy
    /// Executions, when the provider has them.
    public let executions: (any ExecutionControl)?
    /// How long a function may take to settle after a change, in environment seconds.
    public var settleTimeout: Double = 300

    /// Creates a performer.
    public init(provider: any CloudProvider, timer: EnvironmentTimer, governor: RateGovernor, retry: RetryPolicy = RetryPolicy(),
                executions: (any ExecutionControl)? = nil) {
        self.provider = provider
        self.timer = timer
        self.governor = governor
        self.retry = retry
        self.executions = executions
    }

    /// Performs `action`; answers its result and the environment's time after it.
    public func perform(_ action: CloudAction) async throws -> ActionOutcome {
        let result: ActionResult
        do {
            result = try await dispatch(action)
        } catch let error as CloudError where action.tolerates(error) {
            result = .alreadyDone(error)
        }
        return ActionOutcome(result, at: try await timer.now())
    }

    /// One API call for `operation`: paced, and repeated while it fails transiently.
    func call<T: Sendable>(_ operation: String, _ body: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            try await governor.acquire(operation, region: provider.scope.region)
            do {
                return try await body()
            } catch let error as CloudError where RetryPolicy.isTransient(error) && attempt < retry.maxAttempts {
                if error.isThrottling { await governor.throttled(operation, region: provider.scope.region) }
                try await timer.sleep(seconds: retry.delay(afterAttempt: attempt, random: Double.random(in: 0...1)))
                attempt += 1
            }
        }
    }

    /// Polls GetFunction until `$LATEST` is active with no update in progress.
    func waitForFunction(_ name: String) async throws -> FunctionConfiguration {
        let deadline = try await timer.now().addingTimeInterval(settleTimeout)
        var delay = 0.5
        while true {
            let configuration = try await call("lambda:GetFunction") { try await provider.getFunction(name, qualifier: nil) }.configuration
            if configuration.state == .failed || configuration.lastUpdateStatus == .failed {
                let reason = configuration.lastUpdateStatusReason ?? configuration.stateReason ?? "no reason given"
                throw CloudError(.resourceConflict, "The last change of \(name) failed: \(reason)", resource: configuration.functionArn)
            }
            if configuration.state == .active && configuration.lastUpdateStatus != .inProgress { return configuration }
            guard try await timer.now() < deadline else {
                throw CloudError(.resourceNotReady,
                    "\(name) did not settle within \(Int(settleTimeout)) s (state \(configuration.state.rawValue), last update \(configuration.lastUpdateStatus?.rawValue ?? "none")). Check the function, then apply again.",
                    resource: configuration.functionArn, retryable: false)
            }
            try await timer.sleep(seconds: delay)
            delay = min(delay * 2, 5)
        }
    }
}
