import Cloud
import DesiredState
import Foundation

/// A role brought to its target: created, or its trust policy, settings, inline policies,
/// attachments and tags changed in place.
public struct RoleRollout: Rollout {
    /// The role.
    public let resource: ResourceID
    var pending: [CloudAction]

    /// A rollout of `target` from `live` (nil: the role does not exist yet).
    public init(target: RoleTarget, live: LiveRole?) {
        self.resource = ResourceID(.role, target.name)
        self.pending = RoleRollout.actions(target, live)
    }

    /// The next step.
    public mutating func next(after outcome: ActionOutcome?) -> RolloutStep {
        pending.isEmpty ? .finished : .perform(pending.removeFirst())
    }

    /// Every call that brings `live` to `target`, new attachments before old ones go.
    static func actions(_ target: RoleTarget, _ live: LiveRole?) -> [CloudAction] {
        var actions: [CloudAction] = []
        guard let live else {
            actions.append(.createRole(CreateRoleRequest(roleName: target.name, assumeRolePolicyDocument: target.trust,
                                                         description: target.description,
                                                         maxSessionDuration: target.maxSessionDuration, tags: target.tags)))
            for name in target.inline.keys.sorted() {
                actions.append(.putRolePolicy(role: target.name, policy: name, document: target.inline[name] ?? "{}"))
            }
            for arn in target.attached { actions.append(.attachRolePolicy(role: target.name, policyArn: arn)) }
            return actions
        }
        let role = live.role
        if !JSONText.equivalent(role.assumeRolePolicyDocument, target.trust) {
            actions.append(.updateTrust(role: target.name, document: target.trust))
        }
        if role.description != target.description || role.maxSessionDuration != target.maxSessionDuration {
            actions.append(.updateRole(role: target.name, description: target.description, maxSessionDuration: target.maxSessionDuration))
        }
        let liveInline = live.inlinePolicies ?? [:]
        for name in target.inline.keys.sorted() {
            let document = target.inline[name] ?? "{}"
            if let current = liveInline[name], JSONText.equivalent(current, document) { continue }
            actions.append(.putRolePolicy(role: target.name, policy: name, document: document))
        }
        let liveAttached = Set((live.attachedPolicies ?? []).map(\.policyArn))
        for arn in target.attached where !liveAttached.contains(arn) {
            actions.append(.attachRolePolicy(role: target.name, policyArn: arn))
        }
        for name in liveInline.keys.sorted() where target.inline[name] == nil {
            actions.append(.deleteRolePolicy(role: target.name, policy: name))
        }
        for arn in liveAttached.sorted() where !target.attached.contains(arn) {
            actions.append(.detachRolePolicy(role: target.name, policyArn: arn))
        }
        let delta = TagDelta.between(live: role.tags, desired: target.tags)
        if !delta.set.isEmpty { actions.append(.tag(arn: role.arn, tags: delta.set)) }
        if !delta.remove.isEmpty { actions.append(.untag(arn: role.arn, keys: delta.remove)) }
        return actions
    }
}
