import DesiredState
import Foundation

/// When each change of a plan may start: a pure function of the changes.
///
/// Changes fall into phases run one after the other: policies, roles, functions, state machines,
/// then deletions in reverse (state machines first, policies last). Within a phase a change also
/// waits for the earlier changes its manifest names in `dependsOn`; the rest run in parallel.
struct ChangeSchedule: Sendable {
    /// Each change's phase.
    let phase: [Int]
    /// Each change's `dependsOn` predecessors (indices of earlier changes).
    let explicit: [[Int]]
    /// The changes of each phase, in plan order.
    let members: [[Int]]

    /// The schedule of `changes`.
    init(_ changes: [PlannedChange]) {
        func rank(_ kind: ResourceKind) -> Int {
            switch kind {
            case .policy: return 0
            case .role: return 1
            case .function: return 2
            case .stateMachine: return 3
            case .maintenance, .environment: return 4
            }
        }
        let phase = changes.map { change in
            change.action == .delete ? 9 - rank(change.resource.kind) : rank(change.resource.kind)
        }
        var byName: [String: [Int]] = [:]
        for (index, change) in changes.enumerated() where change.action != .delete {
            byName[change.resource.name, default: []].append(index)
        }
        // A `dependsOn` that points into a later phase is already met by the phase order.
        explicit = changes.enumerated().map { index, change in
            ChangeSchedule.explicitDependencies(change).flatMap { byName[$0] ?? [] }
                .filter { $0 < index && phase[$0] <= phase[index] }
        }
        var members = Array(repeating: [Int](), count: 10)
        for (index, value) in phase.enumerated() { members[value].append(index) }
        self.phase = phase
        self.members = members
    }

    /// Whether change `index` waits for change `other`.
    func waits(_ index: Int, for other: Int) -> Bool {
        phase[other] < phase[index] || explicit[index].contains(other)
    }

    /// The names a change's manifest lists in `dependsOn`.
    static func explicitDependencies(_ change: PlannedChange) -> [String] {
        switch change.desired {
        case .function(let function)?: return function.spec.dependsOn
        case .stateMachine(let machine)?: return machine.spec.dependsOn
        default: return []
        }
    }
}
