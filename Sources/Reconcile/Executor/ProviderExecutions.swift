import Cloud
import Foundation

/// Smoke-test executions and emergency stops through a provider's Step Functions executions API.
///
/// An execution is started with a unique name and polled until it ends. Its timeout is counted on
/// the environment's clock and, so that a virtual clock that no one advances cannot hold a
/// deployment forever, on the wall clock too; at the timeout the execution is stopped.
public struct ProviderExecutions: ExecutionControl {
    /// The environment.
    public let provider: any CloudProvider
    /// Its time.
    public let timer: EnvironmentTimer
    /// How long to wait between polls, in real seconds.
    public var pollInterval: Double
    /// When to repeat a call that failed transiently (throttling).
    public var retry: RetryPolicy

    /// Executions through `provider`.
    public init(provider: any CloudProvider, timer: EnvironmentTimer, pollInterval: Double = 0.02, retry: RetryPolicy = RetryPolicy()) {
        self.provider = provider
        self.timer = timer
        self.pollInterval = pollInterval
        self.retry = retry
    }

    /// Starts an execution of `arn` and waits for its end (at most `timeoutSeconds`); an EXPRESS
    /// machine runs synchronously (its executions cannot be described).
    public func run(arn: String, input: String, timeoutSeconds: Int, express: Bool) async throws -> StateMachineExecution {
        let name = "plumb-smoke-" + UUID().uuidString.lowercased()
        let provider = self.provider
        let request = StartExecutionRequest(stateMachineArn: arn, name: name, input: input)
        if express {
            return try await retry.run(on: timer) { try await provider.startSyncExecution(request) }
        }
        let started = try await retry.run(on: timer) { try await provider.startExecution(request) }
        let deadline = try await timer.now().addingTimeInterval(Double(timeoutSeconds))
        let realDeadline = Date().addingTimeInterval(Double(timeoutSeconds))
        var delay = pollInterval
        while true {
            let execution = try await retry.run(on: timer) { try await provider.describeExecution(started.executionArn) }
            if execution.status != .running { return execution }
            if try await timer.now() >= deadline || Date() >= realDeadline {
                _ = try? await provider.stopExecution(started.executionArn, error: "plumb.SmokeTestTimeout",
                                                      cause: "the smoke test did not end within \(timeoutSeconds) s")
                var stopped = try await retry.run(on: timer) { try await provider.describeExecution(started.executionArn) }
                if stopped.status == .running { stopped.status = .timedOut }
                return stopped
            }
            try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
            delay = min(delay * 2, 0.5)
        }
    }

    /// Stops every running execution of `stateMachineArn`; none for an EXPRESS machine (its
    /// executions can be neither listed nor stopped, and end within five minutes).
    public func stopRunning(stateMachineArn: String, cause: String) async throws -> Int {
        let provider = self.provider
        let running: [StateMachineExecution]
        do {
            running = try await retry.run(on: timer) { try await provider.listExecutions(stateMachineArn, status: .running) }
        } catch let error as CloudError where error.code == .stateMachineTypeNotSupported {
            return 0
        }
        var stopped = 0
        for execution in running {
            do {
                _ = try await retry.run(on: timer) {
                    try await provider.stopExecution(execution.executionArn, error: "plumb.EmergencyShutdown", cause: cause)
                }
                stopped += 1
            } catch let error as CloudError where error.isNotFound {
                continue
            }
        }
        return stopped
    }
}
