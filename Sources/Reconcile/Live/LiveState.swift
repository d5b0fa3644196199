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
        resourceIDs { _ in true }
    }

    /// The live resource identities `include` accepts, in deployment order (only those are
    /// sorted: a plan looks for the few live resources nothing desired names among 10,000).
    public func resourceIDs(where include: (ResourceID) -> Bool) -> [ResourceID] {
        var result: [ResourceID] = []
        func collect(_ kind: ResourceKind, _ names: some Sequence<String>) {
            result.append(contentsOf: names.lazy.map { ResourceID(kind, $0) }.filter(include).sorted { $0.name < $1.name })
        }
        collect(.policy, policies.keys)
        collect(.role, roles.keys)
        collect(.function, functions.keys)
        collect(.stateMachine, stateMachines.keys)
        return result
    }

    /// Every live resource identity, in no particular order.
    public var unorderedResourceIDs: [ResourceID] {
        var result: [ResourceID] = []
        result.reserveCapacity(policies.count + roles.count + functions.count + stateMachines.count)
        result.append(contentsOf: policies.keys.lazy.map { ResourceID(.policy, $0) })
        result.append(contentsOf: roles.keys.lazy.map { ResourceID(.role, $0) })
        result.append(contentsOf: functions.keys.lazy.map { ResourceID(.function, $0) })
        result.append(contentsOf: stateMachines.keys.lazy.map { ResourceID(.stateMachine, $0) })
        return result
    }
}
