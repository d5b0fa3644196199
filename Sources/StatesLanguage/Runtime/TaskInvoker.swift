import Foundation

/// Performs the work of Task states: the simulated cloud runs function code (after checking
/// the execution role's permissions); tests pass their own implementations.
public protocol TaskInvoker: Sendable {
    /// Runs one task attempt and returns its result, or throws `TaskFailure` (any other error
    /// fails the task with `States.TaskFailed`).
    func invoke(_ invocation: TaskInvocation) async throws -> TaskResult
}

/// One attempt of a Task state.
public struct TaskInvocation: Sendable {
    /// What the `Resource` field asks for.
    public enum Kind: Sendable, Equatable {
        /// `Resource` is a Lambda function ARN (unqualified, version or alias): the function's
        /// return value is the task result.
        case lambdaFunction
        /// `arn:aws:states:::lambda:invoke`: the result is wrapped as the Lambda Invoke response.
        case lambdaInvoke
        /// Any other resource (service integration or activity); `payload` holds the Parameters.
        case service
    }

    /// What the resource is.
    public var kind: Kind
    /// The `Resource` field as written.
    public var resource: String
    /// For Lambda kinds: the function to invoke (name, partial or full ARN, possibly qualified).
    public var functionName: String?
    /// For `lambda:invoke`: the `Qualifier` parameter.
    public var qualifier: String?
    /// For `lambda:invoke`: `RequestResponse` (default), `Event` or `DryRun`.
    public var invocationType: String
    /// The event sent to the function, or the service parameters.
    public var payload: JSONValue
    /// The execution running the task.
    public var execution: ExecutionIdentity
    /// The Task state's name.
    public var stateName: String
    /// 0 for the first attempt, then the retry number.
    public var retryCount: Int
    /// The task's `TimeoutSeconds`, if any.
    public var timeoutSeconds: Int?
    /// When the task (or the whole execution) times out, if ever.
    public var deadline: Date?
    /// The region the execution runs in.
    public var region: String
}

/// What a task attempt returned.
public struct TaskResult: Sendable {
    /// The function's return value (or the service result).
    public var output: JSONValue
    /// The function version that ran (`$LATEST`, `3`…).
    public var executedVersion: String
    /// The request id of the invocation.
    public var requestId: String
    /// HTTP status of the Invoke call (200, or 202 for `Event`).
    public var statusCode: Int

    /// A result.
    public init(output: JSONValue, executedVersion: String = "$LATEST", requestId: String = "", statusCode: Int = 200) {
        self.output = output
        self.executedVersion = executedVersion
        self.requestId = requestId
        self.statusCode = statusCode
    }
}

/// A failed task attempt, as Step Functions reports it: for a function error, `error` is the
/// Lambda `errorType` and `cause` the JSON error payload; for a Lambda API error, `Lambda.<Code>`.
public struct TaskFailure: Error, Sendable, Equatable {
    /// The error name.
    public var error: String
    /// The cause.
    public var cause: String?

    /// A task failure.
    public init(error: String, cause: String? = nil) {
        self.error = error
        self.cause = cause
    }
}
