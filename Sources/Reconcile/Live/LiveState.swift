import Cloud
import DesiredState
import Foundation

/// Everything relevant read from one environment (one account and region), by name.
///
/// Every resource listed is present; per-resource details (function aliases and versions, state
/// machine versions and aliases, role policies, policy versions, tags) are present for the
/// resources the read was asked to detail (see `LiveReadScope`). Planning and drift compare a
/// resource's details only when they were read.
public struct LiveState: Sendable, Hashable, Codable {
    /// The account and region read.
    public var scope: CloudScope
    /// The environment's time when the read began.
    public var readAt: Date
    /// Functions, by name.
    public var functions: [String: LiveFunction]
    /// State machines, by name.
    public var stateMachines: [String: LiveStateMachine]
    /// Roles, by name.
    public var roles: [String: LiveRole]
    /// Customer managed policies, by name.
    public var policies: [String: LivePolicy]

    /// Creates the value.
    public init(scope: CloudScope, readAt: Date, functions: [String: LiveFunction] = [:],
                stateMachines: [String: LiveStateMachine] = [:], roles: [String: LiveRole] = [:],
                policies: [String: LivePolicy] = [:]) {
        self.scope = scope
        self.readAt = readAt
        self.functions = functions
        self.stateMachines = stateMachines
        self.roles = roles
        self.policies = policies
    }

    /// The live resource with identity `id`, if it exists.
    public func resource(_ id: ResourceID) -> LiveResource? {
        switch id.kind {
        case .function: return functions[id.name].map(LiveResource.function)
        case .stateMachine: return stateMachines[id.name].map(LiveResource.stateMachine)
        case .role: return roles[id.name].map(LiveResource.role)
        case .policy: return policies[id.name].map(LiveResource.policy)
        case .maintenance, .environment: return nil
        }
    }

    /// Whether `id`'s per-resource details were read (true for resources that do not exist).
    public func isDetailed(_ id: ResourceID) -> Bool {
        switch id.kind {
        case .function: return functions[id.name].map { $0.details != nil } ?? true
        case .stateMachine: return stateMachines[id.name].map { $0.details != nil } ?? true
        case .role: return roles[id.name].map(\.isDetailed) ?? true
        case .policy: return policies[id.name].map(\.isDetailed) ?? true
        case .maintenance, .environment: return true
        }
    }

    /// Puts `resource` in its place (replacing what was there under its name).
    public mutating func insert(_ resource: LiveResource) {
        switch resource {
        case .function(let value): functions[value.name] = value
        case .stateMachine(let value): stateMachines[value.name] = value
        case .role(let value): roles[value.name] = value
        case .policy(let value): policies[value.name] = value
        }
    }

    /// Every live resource identity, in deployment order (kinds in that order, names sorted
    /// within each kind: the order of `ResourceID`, without comparing kinds).
    public var resourceIDs: [ResourceID] {
        var result: [ResourceID] = []
        result.reserveCapacity(policies.count + roles.count + functions.count + stateMachines.count)
        for (kind, names) in [(ResourceKind.policy, policies.keys.sorted()), (.role, roles.keys.sorted()),
                              (.function, functions.keys.sorted()), (.stateMachine, stateMachines.keys.sorted())] {
            result.append(contentsOf: names.lazy.map { ResourceID(kind, $0) })
        }
        return result
    }
}
