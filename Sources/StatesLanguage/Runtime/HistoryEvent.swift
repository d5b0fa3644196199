import Foundation

/// One entry of an execution's history, as `GetExecutionHistory` returns it.
public struct HistoryEvent: Sendable, Equatable {
    /// 1-based position in the history.
    public var id: Int
    /// The event this one follows on the same branch (0 for none).
    public var previousEventId: Int
    /// When it happened.
    public var timestamp: Date
    /// What happened.
    public var type: HistoryEventType
    /// Event-specific details (which fields are set depends on `type`).
    public var details: HistoryEventDetails

    /// An event.
    public init(id: Int, previousEventId: Int, timestamp: Date, type: HistoryEventType, details: HistoryEventDetails) {
        self.id = id
        self.previousEventId = previousEventId
        self.timestamp = timestamp
        self.type = type
        self.details = details
    }
}

/// The details of a history event; unset fields do not apply to the event's type.
public struct HistoryEventDetails: Sendable, Equatable {
    /// State name (state entered/exited events) or Map state name (iteration events).
    public var name: String?
    /// Input of the execution, state or function.
    public var input: JSONValue?
    /// Output of the execution, state or task.
    public var output: JSONValue?
    /// Error name of a failure, abort or timeout.
    public var error: String?
    /// Cause of a failure, abort or timeout.
    public var cause: String?
    /// Function ARN (Lambda events) or integration action (task events, e.g. `invoke`).
    public var resource: String?
    /// Integration type of task events (e.g. `lambda`).
    public var resourceType: String?
    /// Region of task events.
    public var region: String?
    /// Parameters of a `TaskScheduled` event.
    public var parameters: JSONValue?
    /// Task timeout in seconds, if set.
    public var timeoutInSeconds: Int?
    /// Heartbeat timeout in seconds, if set.
    public var heartbeatInSeconds: Int?
    /// Map iteration index.
    public var index: Int?
    /// Number of Map iterations (`MapStateStarted`).
    public var length: Int?
    /// Execution role (`ExecutionStarted`).
    public var roleArn: String?

    /// Details with the given fields.
    public init(
        name: String? = nil, input: JSONValue? = nil, output: JSONValue? = nil, error: String? = nil,
        cause: String? = nil, resource: String? = nil, resourceType: String? = nil, region: String? = nil,
        parameters: JSONValue? = nil, timeoutInSeconds: Int? = nil, heartbeatInSeconds: Int? = nil,
        index: Int? = nil, length: Int? = nil, roleArn: String? = nil
    ) {
        self.name = name
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.resource = resource
        self.resourceType = resourceType
        self.region = region
        self.parameters = parameters
        self.timeoutInSeconds = timeoutInSeconds
        self.heartbeatInSeconds = heartbeatInSeconds
        self.index = index
        self.length = length
        self.roleArn = roleArn
    }
}

/// History event types (the names `GetExecutionHistory` uses).
public enum HistoryEventType: String, Sendable, CaseIterable {
    case executionStarted = "ExecutionStarted", executionSucceeded = "ExecutionSucceeded"
    case executionFailed = "ExecutionFailed", executionAborted = "ExecutionAborted"
    case executionTimedOut = "ExecutionTimedOut"
    case passStateEntered = "PassStateEntered", passStateExited = "PassStateExited"
    case taskStateEntered = "TaskStateEntered", taskStateExited = "TaskStateExited"
    case choiceStateEntered = "ChoiceStateEntered", choiceStateExited = "ChoiceStateExited"
    case waitStateEntered = "WaitStateEntered", waitStateExited = "WaitStateExited"
    case succeedStateEntered = "SucceedStateEntered", succeedStateExited = "SucceedStateExited"
    case failStateEntered = "FailStateEntered"
    case parallelStateEntered = "ParallelStateEntered", parallelStateStarted = "ParallelStateStarted"
    case parallelStateSucceeded = "ParallelStateSucceeded", parallelStateFailed = "ParallelStateFailed"
    case parallelStateAborted = "ParallelStateAborted", parallelStateExited = "ParallelStateExited"
    case mapStateEntered = "MapStateEntered", mapStateStarted = "MapStateStarted"
    case mapIterationStarted = "MapIterationStarted", mapIterationSucceeded = "MapIterationSucceeded"
    case mapIterationFailed = "MapIterationFailed", mapIterationAborted = "MapIterationAborted"
    case mapStateSucceeded = "MapStateSucceeded", mapStateFailed = "MapStateFailed"
    case mapStateAborted = "MapStateAborted", mapStateExited = "MapStateExited"
    case lambdaFunctionScheduled = "LambdaFunctionScheduled", lambdaFunctionStarted = "LambdaFunctionStarted"
    case lambdaFunctionSucceeded = "LambdaFunctionSucceeded", lambdaFunctionFailed = "LambdaFunctionFailed"
    case lambdaFunctionTimedOut = "LambdaFunctionTimedOut"
    case taskScheduled = "TaskScheduled", taskStarted = "TaskStarted", taskSucceeded = "TaskSucceeded"
    case taskFailed = "TaskFailed", taskTimedOut = "TaskTimedOut"
}
