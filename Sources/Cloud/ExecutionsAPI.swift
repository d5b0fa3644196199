import Foundation

/// Step Functions executions: start, describe, stop, list and history.
///
/// Errors are `CloudError`s with AWS's names: `StateMachineDoesNotExist`, `ExecutionDoesNotExist`,
/// `ExecutionAlreadyExists`, `InvalidName`, `InvalidExecutionInput`, `InvalidArn`,
/// `StateMachineTypeNotSupported`, `ResourceNotFound` (a missing alias), `ThrottlingException`.
public protocol ExecutionsAPI: Sendable {
    /// StartExecution on a state machine, version or alias ARN; an alias picks a version by its weights.
    func startExecution(_ request: StartExecutionRequest) async throws -> StartExecutionResult
    /// StartSyncExecution (EXPRESS only): runs to the end and answers the outcome, even a failure.
    func startSyncExecution(_ request: StartExecutionRequest) async throws -> StateMachineExecution
    /// DescribeExecution.
    func describeExecution(_ executionArn: String) async throws -> StateMachineExecution
    /// StopExecution (STANDARD only): the execution ends `ABORTED`; answers the stop date.
    func stopExecution(_ executionArn: String, error: String?, cause: String?) async throws -> Date
    /// ListExecutions of a state machine (or version/alias ARN), newest first, optionally by status.
    func listExecutions(_ stateMachineArn: String, status: ExecutionStatus?) async throws -> [StateMachineExecution]
    /// GetExecutionHistory: events oldest first (`reverseOrder` newest first).
    func getExecutionHistory(_ executionArn: String, reverseOrder: Bool) async throws -> [ExecutionHistoryEvent]
}

/// What StartExecution and StartSyncExecution take.
public struct StartExecutionRequest: Sendable, Hashable {
    /// The state machine, version or alias ARN.
    public var stateMachineArn: String
    /// The execution's name; nil lets the service pick a UUID.
    public var name: String?
    /// The input JSON text; nil means `{}`.
    public var input: String?

    /// Creates the request.
    public init(stateMachineArn: String, name: String? = nil, input: String? = nil) {
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.input = input
    }
}

/// What StartExecution answers.
public struct StartExecutionResult: Sendable, Hashable, Codable {
    /// The new (or, for an idempotent repeat, the running) execution's ARN.
    public var executionArn: String
    /// When it started.
    public var startDate: Date

    /// Creates the value.
    public init(executionArn: String, startDate: Date) {
        self.executionArn = executionArn
        self.startDate = startDate
    }
}

/// One history event as GetExecutionHistory answers it.
public struct ExecutionHistoryEvent: Sendable, Hashable, Codable {
    /// 1-based event id.
    public var id: Int
    /// The id of the event this one follows (0 for the first).
    public var previousEventId: Int
    /// When it happened.
    public var timestamp: Date
    /// AWS's event type (`ExecutionStarted`, `TaskStateEntered`, `LambdaFunctionSucceeded`, …).
    public var type: String
    /// The event's details object as AWS shapes it (`executionStartedEventDetails`: {...}), JSON text.
    public var details: String

    /// Creates the value.
    public init(id: Int, previousEventId: Int, timestamp: Date, type: String, details: String) {
        self.id = id
        self.previousEventId = previousEventId
        self.timestamp = timestamp
        self.type = type
        self.details = details
    }
}
