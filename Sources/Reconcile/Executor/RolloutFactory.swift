import Cloud
import DesiredState
import Foundation

/// How a change is carried out: as a release (strategy, gates, pre-traffic check, smoke tests),
/// or as a restore (straight to the target, no checks: how a rollback puts things back).
public enum RolloutMode: Sendable, Hashable {
    /// Forward, with every check the manifests ask for.
    case release
    /// Back to a known state at once; `shutdown` keeps an emergency shutdown in force.
    case restore(shutdown: Bool)
}

/// Builds the rollout (value-type state machine) that carries out one planned change.
public struct RolloutFactory: Sendable {
    /// Reads function code of the desired state the changes were planned from.
    public var codeReader: CodeReader
    /// Whether smoke-test executions can run.
    public var canRunExecutions: Bool
    /// The environment's time (for shutdown marks).
    public var now: Date

    /// Creates a factory.
    public init(codeReader: CodeReader, canRunExecutions: Bool, now: Date) {
        self.codeReader = codeReader
        self.canRunExecutions = canRunExecutions
        self.now = now
    }

    /// The rollout of `change`, and notes to show (smoke tests skipped).
    public func make(_ change: PlannedChange, mode: RolloutMode) throws -> (rollout: any Rollout, notes: [String]) {
        if change.action == .delete {
            guard let live = change.live else {
                throw RolloutError("\(change.resource) is planned for deletion but was not found live; plan again.")
            }
            return (DeletionRollout(resource: change.resource, live: live), [])
        }
        if case .emergencyShutdown = change.rollout {
            return (ShutdownRollout(resource: change.resource, arn: arn(of: change), now: now), [])
        }
        guard let desired = change.desired else {
            throw RolloutError("\(change.resource) has no desired state to roll out; plan again.")
        }
        let restoring: Bool
        let shutdown: Bool
        switch mode {
        case .release: (restoring, shutdown) = (false, false)
        case .restore(let keepShutdown): (restoring, shutdown) = (true, keepShutdown)
        }
        switch desired {
        case .function(let function):
            var target = FunctionTarget(function, reader: codeReader)
            if shutdown { target.reservedConcurrency = 0 }
            let policy: ReleasePolicy
            if !restoring, case .function(let release) = change.rollout {
                policy = ReleasePolicy(release, function: function.name)
            } else {
                policy = .immediate
            }
            return (FunctionBlueGreenRollout(target: target, live: change.live?.function, policy: policy), [])
        case .stateMachine(let machine):
            var target = StateMachineTarget(machine)
            if shutdown { target.tags[ManagedTag.shutdownKey] = ShutdownRollout.tagValue }
            var notes: [String] = []
            var policy = StateMachinePolicy.immediate
            if !restoring, case .stateMachine(let release) = change.rollout {
                var smoke = release.smokeTests.map(SmokeExecution.init)
                if !canRunExecutions && !smoke.isEmpty {
                    notes.append("\(smoke.count) smoke test\(smoke.count == 1 ? "" : "s") of \(machine.name) skipped: this environment cannot run executions")
                    smoke = []
                }
                policy = StateMachinePolicy(steps: release.steps, smokeTests: smoke)
            }
            return (StateMachineReleaseRollout(target: target, live: change.live?.stateMachine, policy: policy), notes)
        case .role(let role):
            return (RoleRollout(target: RoleTarget(role), live: change.live?.role), [])
        case .policy(let policy):
            return (PolicyRollout(target: PolicyTarget(policy), live: change.live?.policy), [])
        }
    }

    /// The ARN of the changed resource, from its live form or desired state.
    func arn(of change: PlannedChange) -> String {
        switch change.live {
        case .function(let function)?: return function.latest.functionArn
        case .stateMachine(let machine)?: return machine.machine.stateMachineArn
        case .role(let role)?: return role.role.arn
        case .policy(let policy)?: return policy.policy.arn
        case nil:
            switch change.desired {
            case .function(let function)?: return function.arn
            case .stateMachine(let machine)?: return machine.arn
            case .role(let role)?: return role.arn
            case .policy(let policy)?: return policy.arn
            case nil: return change.resource.name
            }
        }
    }
}

extension LiveResource {
    /// The function, when this is one.
    var function: LiveFunction? { if case .function(let value) = self { return value } else { return nil } }
    /// The state machine, when this is one.
    var stateMachine: LiveStateMachine? { if case .stateMachine(let value) = self { return value } else { return nil } }
    /// The role, when this is one.
    var role: LiveRole? { if case .role(let value) = self { return value } else { return nil } }
    /// The policy, when this is one.
    var policy: LivePolicy? { if case .policy(let value) = self { return value } else { return nil } }
}
