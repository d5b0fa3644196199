import Foundation

/// The status of a state machine execution.
public enum ExecutionStatus: String, Sendable, Codable, Hashable, CaseIterable {
    /// Still running.
    case running = "RUNNING"
    /// Ended in a Succeed state or an End.
    case succeeded = "SUCCEEDED"
    /// Ended in a failure.
    case failed = "FAILED"
    /// Ran past its timeout.
    case timedOut = "TIMED_OUT"
    /// Stopped by StopExecution.
    case aborted = "ABORTED"
    /// Failed, waiting to be redriven.
    case pendingRedrive = "PENDING_REDRIVE"
}

/// A state machine execution, as DescribeExecution answers.
///
/// Executions are run by the Amazon States Language interpreter; the simulated cloud keeps
/// them in its `execution` table.
public struct StateMachineExecution: Sendable, Hashable, Codable {
    /// `…:execution:<stateMachineName>:<executionName>`.
    public var executionArn: String
    /// The unqualified state machine ARN.
    public var stateMachineArn: String
    /// The execution's name.
    public var name: String
    /// Where it is.
    public var status: ExecutionStatus
    /// When it started.
    public var startDate: Date
    /// When it ended.
    public var stopDate: Date?
    /// The input JSON text.
    public var input: String?
    /// The output JSON text, on success.
    public var output: String?
    /// The error name, on failure.
    public var error: String?
    /// The error cause, on failure.
    public var cause: String?
    /// The version it ran, when started through a version or alias.
    public var stateMachineVersionArn: String?
    /// The alias it was started through.
    public var stateMachineAliasArn: String?

    /// Creates the value.
    public init(executionArn: String, stateMachineArn: String, name: String, status: ExecutionStatus, startDate: Date,
                stopDate: Date? = nil, input: String? = nil, output: String? = nil, error: String? = nil,
                cause: String? = nil, stateMachineVersionArn: String? = nil, stateMachineAliasArn: String? = nil) {
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.input = input
        self.output = output
        self.error = error
        self.cause = cause
        self.stateMachineVersionArn = stateMachineVersionArn
        self.stateMachineAliasArn = stateMachineAliasArn
    }
}
