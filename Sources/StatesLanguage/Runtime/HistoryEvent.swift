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
    /// Version the execution runs (`ExecutionStarted`, when started through a version or alias).
    public var stateMachineVersionArn: String?
    /// Alias the execution was started through (`ExecutionStarted`).
    public var stateMachineAliasArn: String?

    /// Details with the given fields.
    public init(
        name: String? = nil, input: JSONValue? = nil, output: JSONValue? = nil, error: String? = nil,
        cause: String? = nil, resource: String? = nil, resourceType: String? = nil, region: String? = nil,
        parameters: JSONValue? = nil, timeoutInSeconds: Int? = nil, heartbeatInSeconds: Int? = nil,
        index: Int? = nil, length: Int? = nil, roleArn: String? = nil,
        stateMachineVersionArn: String? = nil, stateMachineAliasArn: String? = nil
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
        self.stateMachineVersionArn = stateMachineVersionArn
        self.stateMachineAliasArn = stateMachineAliasArn
    }
}

/// History event types (the names `GetExecutionHistory` uses).
public enum HistoryEventType: String, Sendable, CaseIterable {
    /// The execution started / succeeded.
    case executionStarted = "ExecutionStarted", executionSucceeded = "ExecutionSucceeded"
    /// The execution failed / was aborted.
    case executionFailed = "ExecutionFailed", executionAborted = "ExecutionAborted"
    /// The execution exceeded its TimeoutSeconds.
    case executionTimedOut = "ExecutionTimedOut"
    /// A Pass state was entered / exited.
    case passStateEntered = "PassStateEntered", passStateExited = "PassStateExited"
    /// A Task state was entered / exited.
    case taskStateEntered = "TaskStateEntered", taskStateExited = "TaskStateExited"
    /// A Choice state was entered / exited.
    case choiceStateEntered = "ChoiceStateEntered", choiceStateExited = "ChoiceStateExited"
    /// A Wait state was entered / exited.
    case waitStateEntered = "WaitStateEntered", waitStateExited = "WaitStateExited"
    /// A Succeed state was entered / exited.
    case succeedStateEntered = "SucceedStateEntered", succeedStateExited = "SucceedStateExited"
    /// A Fail state was entered.
    case failStateEntered = "FailStateEntered"
    /// A Parallel state was entered / started its branches.
    case parallelStateEntered = "ParallelStateEntered", parallelStateStarted = "ParallelStateStarted"
    /// All branches of a Parallel state succeeded / one failed.
    case parallelStateSucceeded = "ParallelStateSucceeded", parallelStateFailed = "ParallelStateFailed"
    /// A Parallel state was aborted / exited.
    case parallelStateAborted = "ParallelStateAborted", parallelStateExited = "ParallelStateExited"
    /// A Map state was entered / started its iterations.
    case mapStateEntered = "MapStateEntered", mapStateStarted = "MapStateStarted"
    /// A Map iteration started / succeeded.
    case mapIterationStarted = "MapIterationStarted", mapIterationSucceeded = "MapIterationSucceeded"
    /// A Map iteration failed / was aborted.
    case mapIterationFailed = "MapIterationFailed", mapIterationAborted = "MapIterationAborted"
    /// All iterations of a Map state succeeded / one failed.
    case mapStateSucceeded = "MapStateSucceeded", mapStateFailed = "MapStateFailed"
    /// A Map state was aborted / exited.
    case mapStateAborted = "MapStateAborted", mapStateExited = "MapStateExited"
    /// A Lambda function (ARN resource) was scheduled / started.
    case lambdaFunctionScheduled = "LambdaFunctionScheduled", lambdaFunctionStarted = "LambdaFunctionStarted"
    /// The Lambda function returned / failed.
    case lambdaFunctionSucceeded = "LambdaFunctionSucceeded", lambdaFunctionFailed = "LambdaFunctionFailed"
    /// The Lambda function ran past the task timeout.
    case lambdaFunctionTimedOut = "LambdaFunctionTimedOut"
    /// A service-integration task was scheduled / started / succeeded.
    case taskScheduled = "TaskScheduled", taskStarted = "TaskStarted", taskSucceeded = "TaskSucceeded"
    /// The service-integration task failed / timed out.
    case taskFailed = "TaskFailed", taskTimedOut = "TaskTimedOut"
}
