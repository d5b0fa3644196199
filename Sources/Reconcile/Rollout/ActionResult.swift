import Cloud
import Foundation

/// What performing an action answered, handed back to the rollout that asked for it.
public enum ActionResult: Sendable, Hashable {
    /// Nothing worth keeping (the call succeeded).
    case done
    /// A function configuration (create, update, publish, settle).
    case function(FunctionConfiguration)
    /// An invocation's answer.
    case invocation(InvocationResponse)
    /// Traffic sent: how many calls ran and how many failed.
    case traffic(sent: Int, failed: Int)
    /// Metrics of a version.
    case metrics(FunctionMetrics)
    /// Published versions of a function, with the aliases that route to any.
    case versions([FunctionConfiguration], aliases: [FunctionAlias])
    /// A definition check.
    case validation(DefinitionValidationResult)
    /// A state machine created.
    case stateMachineCreated(CreateStateMachineResult)
    /// A state machine updated.
    case stateMachineUpdated(UpdateStateMachineResult)
    /// A state machine version published.
    case stateMachineVersion(StateMachineVersion)
    /// An execution that ended (or was given up on at its timeout).
    case execution(StateMachineExecution)
    /// How many executions were stopped.
    case stopped(Int)
    /// Versions of a managed policy, newest first.
    case policyVersions([PolicyVersion])
    /// A managed policy created.
    case policy(ManagedPolicy)
    /// A role's inline policy names and attached policies.
    case rolePolicies(inline: [String], attached: [AttachedPolicy])
    /// The action was skipped because its purpose was already met (the error that said so).
    case alreadyDone(CloudError)
}

/// An action's result with the environment's time when it completed.
public struct ActionOutcome: Sendable, Hashable {
    /// The result.
    public var result: ActionResult
    /// The environment's clock when the action completed.
    public var at: Date

    /// Creates the value.
    public init(_ result: ActionResult, at: Date) {
        self.result = result
        self.at = at
    }
}
