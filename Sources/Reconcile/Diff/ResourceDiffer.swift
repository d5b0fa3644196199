import DesiredState

/// Compares any desired resource with its live counterpart (or its absence).
public enum ResourceDiffer {
    /// The comparison of `desired` with `live`; a missing live resource compares as "create
    /// everything". `shutdown` applies emergency-shutdown settings to the desired side.
    public static func compare(_ desired: DesiredResource, _ live: LiveResource?, shutdown: Bool = false) -> ResourceComparison {
        switch (desired, live) {
        case (.function(let function), .function(let other)?):
            return FunctionDiffer.compare(function, other, shutdown: shutdown)
        case (.stateMachine(let machine), .stateMachine(let other)?):
            return StateMachineDiffer.compare(machine, other, shutdown: shutdown)
        case (.role(let role), .role(let other)?):
            return IAMDiffer.compare(role, other)
        case (.policy(let policy), .policy(let other)?):
            return IAMDiffer.compare(policy, other)
        default:
            return ResourceComparison(diffs: FieldComparer.diffs(desired: DesiredFields.of(desired, shutdown: shutdown), live: []),
                                      newVersion: desired.id.kind != .role)
        }
    }
}

/// Every comparable field of a desired resource, as a create would set it.
enum DesiredFields {
    static func of(_ resource: DesiredResource, shutdown: Bool) -> [Field] {
        switch resource {
        case .function(let function):
            var fields = FunctionFields.desiredVersioned(function) + FunctionFields.desiredResource(function, shutdown: shutdown)
            if let alias = function.spec.alias { fields.append(Field("alias", .string(alias), .alias)) }
            return fields
        case .stateMachine(let machine):
            var fields = StateMachineDiffer.desiredVersioned(machine) + StateMachineDiffer.desiredSettings(machine)
            fields += Field.map("tags", StateMachineDiffer.desiredTags(machine, shutdown: shutdown), .resource)
            if let alias = machine.spec.alias { fields.append(Field("alias", .string(alias), .alias)) }
            return fields
        case .role(let role):
            return IAMDiffer.roleFields(role)
        case .policy(let policy):
            return [Field("document", policy.document, .version, .policy)] + Field.map("tags", ResourceTags.desired([:]), .resource)
        }
    }
}

extension DesiredState {
    /// The deployable resource with identity `id`.
    public func resource(_ id: ResourceID) -> DesiredResource? {
        switch id.kind {
        case .function: return function(named: id.name).map(DesiredResource.function)
        case .stateMachine: return stateMachine(named: id.name).map(DesiredResource.stateMachine)
        case .role: return role(named: id.name).map(DesiredResource.role)
        case .policy: return policy(named: id.name).map(DesiredResource.policy)
        case .maintenance, .environment: return nil
        }
    }
}
