import DesiredState
import StatesLanguage

/// The change set of `emergency-shutdown`: every managed function to reserved concurrency 0,
/// every managed state machine tagged `plumb:emergency-shutdown` (the executor also stops its
/// running executions). Every other change is held until the mode is back to normal; reverting
/// the commit that set the mode plans the way back (concurrency and tags as desired).
enum EmergencyShutdown {
    /// The diff paths the shutdown sets.
    static let concurrencyPath = "reservedConcurrency"
    static let tagPath = JSONDiff.member("tags", ManagedTag.shutdownKey)

    /// Splits changes planned with shutdown settings into the shutdown itself and the rest (held).
    static func split(_ changes: [PlannedChange]) -> (shutdown: [PlannedChange], held: [PlannedChange]) {
        var shutdownMachines: [PlannedChange] = []
        var shutdownFunctions: [PlannedChange] = []
        var held: [PlannedChange] = []
        for change in changes {
            guard change.action == .update else {
                held.append(change)
                continue
            }
            let isShutdownField: (FieldDiff) -> Bool = { diff in
                switch change.resource.kind {
                case .function: return diff.path == concurrencyPath
                case .stateMachine: return diff.path == tagPath
                default: return false
                }
            }
            let stop = change.diffs.filter(isShutdownField)
            let rest = change.diffs.filter { !isShutdownField($0) }
            if !stop.isEmpty {
                var shutdownChange = change
                shutdownChange.diffs = stop
                shutdownChange.rollout = .emergencyShutdown
                if change.resource.kind == .stateMachine {
                    shutdownMachines.append(shutdownChange)
                } else {
                    shutdownFunctions.append(shutdownChange)
                }
            }
            if !rest.isEmpty {
                var remaining = change
                remaining.diffs = rest
                held.append(remaining)
            }
        }
        return (shutdownMachines + shutdownFunctions, held)
    }

    /// The shutdown of a managed resource that is no longer in desired state, or nil when it is
    /// already shut down (or is not a function or state machine).
    static func change(forUndesired live: LiveResource, id: ResourceID) -> PlannedChange? {
        switch live {
        case .function(let function):
            guard let details = function.details, details.reservedConcurrency != 0 else { return nil }
            let diff = FieldDiff(path: concurrencyPath, desired: .int(0),
                                 live: details.reservedConcurrency.map { .int(Int64($0)) }, scope: .resource)
            return PlannedChange(resource: id, action: .update, diffs: [diff], desired: nil, live: live, rollout: .emergencyShutdown)
        case .stateMachine(let machine):
            guard let details = machine.details, details.tags[ManagedTag.shutdownKey] != "true" else { return nil }
            let diff = FieldDiff(path: tagPath, desired: "true", live: details.tags[ManagedTag.shutdownKey].map(JSONValue.string), scope: .resource)
            return PlannedChange(resource: id, action: .update, diffs: [diff], desired: nil, live: live, rollout: .emergencyShutdown)
        case .role, .policy:
            return nil
        }
    }
}
