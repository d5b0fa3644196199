import Cloud
import DesiredState
import Foundation

/// A state machine release as a value-type state machine: validate, create or update (publishing
/// a version when there is an alias), run the smoke executions on the new version, then move the
/// alias step by step to it (or update in place without an alias).
public struct StateMachineReleaseRollout: Rollout {
    /// The state machine.
    public let resource: ResourceID
    let target: StateMachineTarget
    let live: LiveStateMachine?
    let policy: StateMachinePolicy

    enum Phase: Sendable, Hashable {
        case validate
        case validated
        case written
        case tags
        case versioned
        case smoke(Int)
        case smokeJudged(Int)
        case shift(Int)
        case shifted(Int)
        case advance(Int)
        case failing(RolloutFailure)
        case done
    }

    var phase: Phase = .validate
    var pendingTags: [CloudAction] = []
    /// The version that receives the executions.
    var green: String?
    /// The version the alias routed most executions to before, nil without an alias.
    var blue: String?
    var aliasRoutes: [StateMachineRoute]?
    /// A pause to wait out before the next alias step.
    var pendingWait: Date?
    /// A version the alias routes to that already carries the target's definition and role
    /// (reused instead of publishing, as when a rollback returns to it).
    var reusable: String?

    /// A release of `target` from `live` (nil: the state machine does not exist yet) by `policy`.
    public init(target: StateMachineTarget, live: LiveStateMachine?, policy: StateMachinePolicy) {
        self.resource = ResourceID(.stateMachine, target.name)
        self.target = target
        self.live = live
        self.policy = policy
        if let alias = target.alias, let current = live?.alias(named: alias) {
            aliasRoutes = current.routingConfiguration
            blue = current.routingConfiguration.max { $0.weight < $1.weight }?.stateMachineVersionArn
        }
        if target.alias != nil, let routed = live?.details?.routedVersions {
            reusable = routed.filter { JSONText.equivalent($0.value.definition, target.definition) && $0.value.roleArn == target.roleArn }
                .keys.sorted().last
        }
        if let live {
            let delta = TagDelta.between(live: live.details?.tags ?? [:], desired: target.tags)
            if !delta.set.isEmpty { pendingTags.append(.tag(arn: target.arn, tags: delta.set)) }
            if !delta.remove.isEmpty { pendingTags.append(.untag(arn: target.arn, keys: delta.remove)) }
        }
    }

    /// Whether the definition or role differ from the live machine's current revision.
    var needsUpdate: Bool {
        guard let live else { return true }
        return !JSONText.equivalent(live.machine.definition, target.definition) || live.machine.roleArn != target.roleArn
    }

    /// The next step.
    public mutating func next(after outcome: ActionOutcome?) -> RolloutStep {
        switch phase {
        case .validate:
            if let live, live.machine.type != target.type {
                return .failed(RolloutFailure(.unsupported, resource,
                    "type cannot change from \(live.machine.type.rawValue) to \(target.type.rawValue) on an existing state machine; give the new one another name, or delete the old one in a commit first"))
            }
            guard needsUpdate else {
                phase = .tags
                return next(after: nil)
            }
            phase = .validated
            return .perform(.validateDefinition(name: target.name, definition: target.definition, type: target.type))
        case .validated:
            if case .validation(let result)? = outcome?.result, result.result == .fail {
                let findings = result.diagnostics.map { "\($0.code)\($0.location.map { " at \($0)" } ?? ""): \($0.message)" }
                return .failed(RolloutFailure(.validation, resource,
                    "the provider rejected the definition: " + findings.joined(separator: "; ")))
            }
            phase = .written
            return .perform(write())
        case .written:
            switch outcome?.result {
            case .stateMachineCreated(let result)?: green = result.stateMachineVersionArn
            case .stateMachineUpdated(let result)?: green = result.stateMachineVersionArn ?? reusable
            default: break
            }
            phase = .tags
            return next(after: nil)
        case .tags:
            if !pendingTags.isEmpty { return .perform(pendingTags.removeFirst()) }
            if green == nil { green = reusable }
            if target.alias != nil && green == nil {
                phase = .versioned
                return .perform(.publishStateMachineVersion(arn: target.arn, description: versionDescription))
            }
            phase = .smoke(0)
            return next(after: nil)
        case .versioned:
            if case .stateMachineVersion(let version)? = outcome?.result { green = version.stateMachineVersionArn }
            phase = .smoke(0)
            return next(after: nil)
        case .smoke(let index):
            return smoke(index)
        case .smokeJudged(let index):
            return judgeSmoke(index, outcome)
        case .shift(let index):
            return shift(index)
        case .shifted(let index):
            let percent = min(100, policy.steps[index].weight)
            phase = .advance(index)
            if policy.steps[index].pauseSeconds > 0 && percent < 100, let at = outcome?.at {
                pendingWait = at.addingTimeInterval(Double(policy.steps[index].pauseSeconds))
            }
            return .report(.traffic(alias: target.alias ?? "", version: ARNText.lastComponent(green ?? ""), percent: percent))
        case .advance(let index):
            if let until = pendingWait {
                pendingWait = nil
                return .perform(.wait(until: until))
            }
            if index + 1 < policy.steps.count {
                phase = .shift(index + 1)
                return next(after: nil)
            }
            phase = .done
            return .finished
        case .failing(let failure):
            return .failed(failure)
        case .done:
            return .finished
        }
    }

    var versionDescription: String? { target.versionDescription.isEmpty ? nil : target.versionDescription }

    /// CreateStateMachine or UpdateStateMachine, publishing when there is an alias (and no
    /// routed version to reuse).
    func write() -> CloudAction {
        let publish = target.alias != nil && (live == nil || reusable == nil)
        guard live != nil else {
            return .createStateMachine(CreateStateMachineRequest(
                name: target.name, definition: target.definition, roleArn: target.roleArn, type: target.type,
                publish: publish, versionDescription: publish ? versionDescription : nil, tags: target.tags))
        }
        return .updateStateMachine(UpdateStateMachineRequest(
            stateMachineArn: target.arn, definition: target.definition, roleArn: target.roleArn,
            publish: publish, versionDescription: publish ? versionDescription : nil))
    }
}
