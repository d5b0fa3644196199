import Cloud
import DesiredState
import Foundation

extension LiveStateReader {
    /// The change tokens, or `.unchanged` when the provider's watermark is still `watermark` (one call).
    public func counters(unlessAt watermark: UInt64?) async throws -> ChangeCountersReading {
        try await call("ChangeCounters") { try await provider.changeCounters(unlessAt: watermark) }
    }

    /// Reads `ids` one by one, with their details, without listing everything first: functions
    /// by their detail calls alone, state machines by a describe call and then their details,
    /// roles and policies from one list call of their kind (made only when one is wanted) and
    /// then their details. Resources that do not exist (any more) are left out.
    public func fetch(_ ids: Set<ResourceID>, readAt: Date) async throws -> LiveState {
        var state = LiveState(scope: provider.scope, readAt: readAt)
        let roles = Set(ids.filter { $0.kind == .role }.map(\.name))
        if !roles.isEmpty {
            for role in try await call("ListRoles", { try await provider.listRoles() }) where roles.contains(role.roleName) {
                state.roles[role.roleName] = LiveRole(role: role)
            }
        }
        let policies = Set(ids.filter { $0.kind == .policy }.map(\.name))
        if !policies.isEmpty {
            for policy in try await call("ListPolicies", { try await provider.listPolicies() }) where policies.contains(policy.policyName) {
                state.policies[policy.policyName] = LivePolicy(policy: policy)
            }
        }
        let singles = ids.filter { $0.kind == .function || $0.kind == .stateMachine }.sorted()
        for entry in try await readEach(singles, { try await self.listedEntry($0) }) { state.insert(entry) }
        try await detail(ids.filter { $0.kind != .function }, in: &state)
        return state
    }

    /// One function with its details, or what a list call would show of one state machine; nil
    /// when it does not exist.
    func listedEntry(_ id: ResourceID) async throws -> LiveResource? {
        do {
            switch id.kind {
            case .function:
                return .function(try await detailFunction(named: id.name))
            case .stateMachine:
                let arn = ARN.stateMachine(id.name, in: provider.scope).description
                let machine = try await call("DescribeStateMachine") { try await provider.describeStateMachine(arn) }
                return machine.status == .active ? .stateMachine(LiveStateMachine(name: id.name, machine: machine)) : nil
            case .role, .policy, .maintenance, .environment:
                return nil
            }
        } catch let error as CloudError where error.isNotFound {
            return nil
        }
    }
}
