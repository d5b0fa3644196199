import Cloud
import DesiredState
import Foundation

/// A managed policy brought to its target: created, or given a new default version (making room
/// under IAM's limit of 5 by deleting the oldest non-default version first, and reusing a stored
/// version whose document already matches), and tagged.
public struct PolicyRollout: Rollout {
    /// The policy.
    public let resource: ResourceID
    let target: PolicyTarget
    let live: LivePolicy?

    /// IAM's limit of stored versions per managed policy.
    public static let maximumVersions = 5

    enum Phase: Sendable, Hashable { case start, listed, made, tags, done }
    var phase: Phase = .start
    var pending: [CloudAction] = []

    /// A rollout of `target` from `live` (nil: the policy does not exist yet).
    public init(target: PolicyTarget, live: LivePolicy?) {
        self.resource = ResourceID(.policy, target.name)
        self.target = target
        self.live = live
        if let live {
            let delta = TagDelta.between(live: live.policy.tags, desired: target.tags)
            if !delta.set.isEmpty { pending.append(.tag(arn: live.policy.arn, tags: delta.set)) }
            if !delta.remove.isEmpty { pending.append(.untag(arn: live.policy.arn, keys: delta.remove)) }
        }
    }

    /// The next step.
    public mutating func next(after outcome: ActionOutcome?) -> RolloutStep {
        switch phase {
        case .start:
            guard let live else {
                phase = .done
                return .perform(.createPolicy(CreatePolicyRequest(policyName: target.name, policyDocument: target.document,
                                                                  description: target.description, tags: target.tags)))
            }
            if let current = live.defaultDocument, JSONText.equivalent(current, target.document) {
                phase = .tags
                return next(after: nil)
            }
            phase = .listed
            return .perform(.listPolicyVersions(arn: live.policy.arn))
        case .listed:
            guard case .policyVersions(let versions)? = outcome?.result else {
                return .failed(RolloutFailure(.unsupported, resource, "the versions of policy \(target.name) could not be read"))
            }
            phase = .made
            if let stored = versions.first(where: { !$0.isDefaultVersion && JSONText.equivalent($0.document, target.document) }) {
                return .perform(.setDefaultPolicyVersion(arn: target.arn, versionId: stored.versionId))
            }
            if versions.count >= PolicyRollout.maximumVersions, let oldest = PolicyRollout.oldestNonDefault(versions) {
                pending.insert(.createPolicyVersion(arn: target.arn, document: target.document, setAsDefault: true), at: 0)
                return .perform(.deletePolicyVersion(arn: target.arn, versionId: oldest.versionId))
            }
            return .perform(.createPolicyVersion(arn: target.arn, document: target.document, setAsDefault: true))
        case .made, .tags:
            phase = .tags
            if !pending.isEmpty { return .perform(pending.removeFirst()) }
            phase = .done
            return .finished
        case .done:
            return .finished
        }
    }

    /// The oldest version that is not the default (the one to delete to make room).
    static func oldestNonDefault(_ versions: [PolicyVersion]) -> PolicyVersion? {
        versions.filter { !$0.isDefaultVersion }.min { lhs, rhs in
            (lhs.createDate, versionNumber(lhs.versionId)) < (rhs.createDate, versionNumber(rhs.versionId))
        }
    }

    /// `v12` → 12.
    static func versionNumber(_ id: String) -> Int { Int(id.drop { !$0.isNumber }) ?? 0 }
}
