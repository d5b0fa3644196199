import Foundation

/// What an execution runs with: the task invoker, the clock, randomness and limits.
public struct ExecutionEnvironment: Sendable {
    /// Performs Task states.
    public var invoker: any TaskInvoker
    /// Time for timestamps, waits and timeouts.
    public var clock: any ExecutionClock
    /// Randomness for jitter, `States.MathRandom` and `States.UUID`.
    public var random: RandomSource
    /// Region reported in task events and passed to the invoker.
    public var region: String
    /// Maximum number of history events; reaching it fails the execution (Step Functions: 25,000).
    public var historyLimit: Int
    /// Maximum size in bytes of a state output or task result (Step Functions: 256 KiB).
    public var payloadLimit: Int
    /// Iterations an inline Map runs at once when `MaxConcurrency` is 0 or absent.
    public var mapConcurrencyLimit: Int
    /// Called with each history event as it is recorded, in order, while the history is locked:
    /// it must return quickly and must not call back into the execution.
    public var observer: (@Sendable (HistoryEvent) -> Void)?

    /// An environment; by default waits really wait (`SystemClock`).
    public init(
        invoker: any TaskInvoker, clock: any ExecutionClock = SystemClock(), random: RandomSource = RandomSource(),
        region: String = "us-east-1", historyLimit: Int = 25_000, payloadLimit: Int = 262_144,
        mapConcurrencyLimit: Int = 40, observer: (@Sendable (HistoryEvent) -> Void)? = nil
    ) {
        self.invoker = invoker
        self.clock = clock
        self.random = random
        self.region = region
        self.historyLimit = historyLimit
        self.payloadLimit = payloadLimit
        self.mapConcurrencyLimit = mapConcurrencyLimit
        self.observer = observer
    }
}

/// How an execution ended.
public struct ExecutionResult: Sendable, Equatable {
    /// The status of an execution (the values `DescribeExecution` reports).
    public enum Status: String, Sendable, Equatable, CaseIterable {
        /// Still running.
        case running = "RUNNING"
        /// Ended in a Succeed state or an End transition.
        case succeeded = "SUCCEEDED"
        /// Ended with an error.
        case failed = "FAILED"
        /// Ran longer than the state machine's `TimeoutSeconds`.
        case timedOut = "TIMED_OUT"
        /// Stopped on request.
        case aborted = "ABORTED"
    }

    /// Final status.
    public var status: Status
    /// Output, on success.
    public var output: JSONValue?
    /// Error name, unless it succeeded.
    public var error: String?
    /// Cause, unless it succeeded.
    public var cause: String?
    /// When it started.
    public var startDate: Date
    /// When it ended.
    public var stopDate: Date
}

/// One execution of a state machine. Create it, `run()` it once (typically in its own task),
/// and `stop(error:cause:)` it from anywhere; `history` and `status` may be read at any time.
public final class Execution: Sendable {
    /// Names and ARNs of the execution, and its input.
    public let identity: ExecutionIdentity
    let interpreter: Interpreter

    /// Prepares an execution of `definition`; nothing runs until `run()`.
    public init(definition: StateMachineDefinition, identity: ExecutionIdentity, environment: ExecutionEnvironment) {
        self.identity = identity
        self.interpreter = Interpreter(definition: definition, identity: identity, environment: environment)
    }

    /// Runs the execution to its end and returns the outcome. Never throws: runtime problems fail
    /// the execution with Step Functions' error and cause. Cancelling the calling task aborts it.
    /// Only the first call runs the execution; later calls return its outcome so far.
    public func run() async -> ExecutionResult {
        await interpreter.run()
    }

    /// Asks the execution to stop: it ends with `ExecutionAborted` at its next transition. To also
    /// interrupt a wait or a running task, cancel the task that called `run()`.
    public func stop(error: String? = nil, cause: String? = nil) {
        interpreter.requestStop(error: error, cause: cause)
    }

    /// The history recorded so far.
    public var history: [HistoryEvent] { interpreter.recorder.events }

    /// The current status.
    public var status: ExecutionResult.Status { interpreter.recorder.status }
}

extension ExecutionIdentity {
    /// An identity with Step Functions' ARNs for `stateMachineName` and `executionName` in the
    /// given account and region.
    public static func standard(
        stateMachineName: String, executionName: String, input: JSONValue, account: String = "123456789012",
        region: String = "us-east-1", roleARN: String? = nil, startTime: Date
    ) -> ExecutionIdentity {
        ExecutionIdentity(
            executionARN: "arn:aws:states:\(region):\(account):execution:\(stateMachineName):\(executionName)",
            name: executionName,
            stateMachineARN: "arn:aws:states:\(region):\(account):stateMachine:\(stateMachineName)",
            stateMachineName: stateMachineName,
            roleARN: roleARN ?? "arn:aws:iam::\(account):role/\(stateMachineName)-role",
            startTime: startTime, input: input)
    }
}
