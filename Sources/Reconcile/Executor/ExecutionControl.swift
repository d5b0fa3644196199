import Cloud
import Foundation

/// State machine executions, for smoke tests and for stopping executions in an emergency
/// shutdown. A provider without an executions API leaves this out: smoke tests are then
/// skipped with a warning and shutdown only tags state machines.
public protocol ExecutionControl: Sendable {
    /// Starts an execution of `arn` (a state machine, version or alias) with `input` and waits
    /// for it to end, at most `timeoutSeconds` of environment time (then stops it and answers
    /// it as it was); `express` machines run synchronously.
    func run(arn: String, input: String, timeoutSeconds: Int, express: Bool) async throws -> StateMachineExecution
    /// Stops every running execution of the state machine `arn`; answers how many.
    func stopRunning(stateMachineArn: String, cause: String) async throws -> Int
}
