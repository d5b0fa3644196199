/// A Step Functions error: a name (`States.Runtime`, `States.TaskFailed`, a Lambda error type…)
/// and a cause. This is what fails a state, is matched by `Retry`/`Catch`, and fails an execution.
public struct StatesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error name.
    public var error: String
    /// The human-readable cause, if any.
    public var cause: String?

    /// An error with a name and a cause.
    public init(_ error: String, cause: String? = nil) {
        self.error = error
        self.cause = cause
    }

    /// "error: cause".
    public var description: String { cause.map { "\(error): \($0)" } ?? error }

    /// The error output a catcher passes on: `{"Error": …, "Cause": …}` (an absent cause is "").
    public var errorOutput: JSONValue {
        ["Error": .string(error), "Cause": .string(cause ?? "")]
    }

    /// True for errors that no `Retry` or `Catch` may handle (`States.Runtime`, `States.DataLimitExceeded`).
    public var isTerminal: Bool {
        error == StatesErrorName.runtime || error == StatesErrorName.dataLimitExceeded
    }
}

/// The predefined error names of the Amazon States Language.
public enum StatesErrorName {
    /// Matches any error except `States.Runtime` and `States.DataLimitExceeded`.
    public static let all = "States.ALL"
    /// A task ran longer than `TimeoutSeconds`, or the execution exceeded its timeout.
    public static let timeout = "States.Timeout"
    /// A task missed its heartbeat.
    public static let heartbeatTimeout = "States.HeartbeatTimeout"
    /// A task failed; in a retrier or catcher, matches any error except `States.Timeout`.
    public static let taskFailed = "States.TaskFailed"
    /// A task lacked the privileges to run.
    public static let permissions = "States.Permissions"
    /// `ResultPath` could not be applied to the state input.
    public static let resultPathMatchFailure = "States.ResultPathMatchFailure"
    /// A `.$` field of `Parameters` could not be resolved.
    public static let parameterPathFailure = "States.ParameterPathFailure"
    /// A branch of a Parallel state failed.
    public static let branchFailed = "States.BranchFailed"
    /// No Choice rule matched and there is no `Default`.
    public static let noChoiceMatched = "States.NoChoiceMatched"
    /// Named by the language for intrinsic function failures; Step Functions reports those as
    /// `States.Runtime`, and so does this interpreter.
    public static let intrinsicFailure = "States.IntrinsicFailure"
    /// More Map iterations failed than tolerated.
    public static let exceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold"
    /// An output exceeded the payload quota.
    public static let dataLimitExceeded = "States.DataLimitExceeded"
    /// An unprocessable runtime problem (invalid path, bad type…); never retried or caught.
    public static let runtime = "States.Runtime"
}
