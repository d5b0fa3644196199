import Cloud
import DesiredState
import Foundation

/// A managed resource no longer in desired state, deleted with what AWS requires first
/// (a role's policies, a policy's non-default versions).
public struct DeletionRollout: Rollout {
    /// The resource.
    public let resource: ResourceID
    let live: LiveResource
    var pending: [CloudAction] = []
    var started = false
    var awaitingListing = false

    /// Deletes `live` (named `resource`).
    public init(resource: ResourceID, live: LiveResource) {
        self.resource = resource
        self.live = live
    }

    /// The next step.
    public mutating func next(after outcome: ActionOutcome?) -> RolloutStep {
        if !started {
            started = true
            switch live {
            case .function(let function):
                pending = [.deleteFunction(name: function.name)]
            case .stateMachine(let machine):
                pending = [.deleteStateMachine(arn: machine.machine.stateMachineArn)]
            case .role(let role):
                awaitingListing = true
                return .perform(.readRolePolicies(role: role.name))
            case .policy(let policy):
                awaitingListing = true
                return .perform(.listPolicyVersions(arn: policy.policy.arn))
            }
        } else if awaitingListing {
            awaitingListing = false
            switch (live, outcome?.result) {
            case (.role(let role), .rolePolicies(let inline, let attached)?):
                pending = inline.sorted().map { .deleteRolePolicy(role: role.name, policy: $0) }
                    + attached.map { .detachRolePolicy(role: role.name, policyArn: $0.policyArn) }
                    + [.deleteRole(role: role.name)]
            case (.policy(let policy), .policyVersions(let versions)?):
                pending = versions.filter { !$0.isDefaultVersion }.map { .deletePolicyVersion(arn: policy.policy.arn, versionId: $0.versionId) }
                    + [.deletePolicy(arn: policy.policy.arn)]
            case (.role(let role), _):
                pending = [.deleteRole(role: role.name)]
            case (.policy(let policy), _):
                pending = [.deletePolicy(arn: policy.policy.arn)]
            default:
                break
            }
        }
        return pending.isEmpty ? .finished : .perform(pending.removeFirst())
    }
}

/// Emergency shutdown of one resource: a function throttled to zero (reserved concurrency 0),
/// or a state machine tagged as shut down with its running executions stopped.
public struct ShutdownRollout: Rollout {
    /// The resource.
    public let resource: ResourceID
    var pending: [CloudAction]

    /// Shuts down `resource` at `arn`.
    public init(resource: ResourceID, arn: String, now: Date) {
        self.resource = resource
        switch resource.kind {
        case .function:
            pending = [.putFunctionConcurrency(name: resource.name, value: 0)]
        case .stateMachine:
            pending = [.tag(arn: arn, tags: [ManagedTag.shutdownKey: ShutdownRollout.tagValue]),
                       .stopExecutions(stateMachineArn: arn, cause: "plumb emergency shutdown at \(TrafficFormat.time(now))")]
        default:
            pending = []
        }
    }

    /// The value of the shutdown tag.
    public static let tagValue = "true"

    /// The next step.
    public mutating func next(after outcome: ActionOutcome?) -> RolloutStep {
        pending.isEmpty ? .finished : .perform(pending.removeFirst())
    }
}
