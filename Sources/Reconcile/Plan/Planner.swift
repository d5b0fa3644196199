import DesiredState
import Foundation

/// Options of a plan.
public struct PlanOptions: Sendable, Hashable {
    /// Delete managed resources that are no longer in desired state (default on, as for apply).
    public var prune: Bool
    /// Resources known to be in sync without comparing them again (the verification cache
    /// vouches that neither their desired fields nor their listed live state changed since they
    /// were last found in sync); they are left out of the comparison.
    public var inSync: Set<ResourceID>

    /// Creates options.
    public init(prune: Bool = true, inSync: Set<ResourceID> = []) {
        self.prune = prune
        self.inSync = inSync
    }
}

/// Plans the changes that make a live environment match desired state: a pure function.
public enum Planner {
    /// The plan for `desired` against `live` at environment time `now`.
    ///
    /// Creates and updates follow `desired.deploymentOrder` (IAM, functions, state machines,
    /// refined by `dependsOn`); deletions of managed resources no longer desired come last, in
    /// reverse. Maintenance decides what is held: `paused` and an open freeze window hold
    /// everything, `blocked` holds the named resources; `emergency-shutdown` plans only the
    /// shutdown (see `EmergencyShutdown`) and holds every other change.
    public static func plan(desired: DesiredState, live: LiveState, now: Date, options: PlanOptions = PlanOptions()) -> Plan {
        plan(desired: desired, index: DesiredIndex(desired), live: live, now: now, options: options)
    }

    /// `plan(desired:live:now:options:)` with the desired resources already indexed.
    static func plan(desired: DesiredState, index: DesiredIndex, live: LiveState, now: Date, options: PlanOptions) -> Plan {
        let mode = desired.maintenance?.spec.mode ?? .normal
        let shutdown = mode == .emergencyShutdown
        let compared = desired.deploymentOrder.filter { !options.inSync.contains($0) }
        var changes = changes(of: compared, index: index, live: live, shutdown: shutdown)
        var unmanaged: [ResourceID] = []
        var deletions: [PlannedChange] = []
        for id in live.resourceIDs(where: { index.resources[$0] == nil }).reversed() {
            guard let resource = live.resource(id) else { continue }
            guard resource.isManaged else {
                unmanaged.append(id)
                continue
            }
            if shutdown, let stop = EmergencyShutdown.change(forUndesired: resource, id: id) {
                changes.append(stop)
            }
            if options.prune {
                deletions.append(PlannedChange(resource: id, action: .delete, diffs: [], desired: nil, live: resource, rollout: .inPlace))
            }
        }
        changes += deletions
        var plan = Plan(revision: desired.revision, target: desired.target, mode: mode, plannedAt: now,
                        changes: [], held: [], prune: options.prune, unmanaged: unmanaged.sorted())
        hold(changes, in: &plan, desired: desired, now: now)
        return plan
    }

    /// The changes of the desired resources `ids`, in their order; large sets are compared on
    /// every processor (each comparison is independent of the others). Each chunk of `ids`
    /// collects its own changes (few: most resources are in sync), joined in chunk order. Chunks
    /// are small (threads take the next one as they free up), as resources of one kind are
    /// together and some kinds cost much more to compare than others.
    static func changes(of ids: [ResourceID], index: DesiredIndex, live: LiveState, shutdown: Bool) -> [PlannedChange] {
        let count = ids.count
        let chunks = count < 512 ? 1 : min(64, count / 32)
        let slots = DisjointSlots<[PlannedChange]>(count: chunks, initial: [])
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var found: [PlannedChange] = []
            for position in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                let id = ids[position]
                guard let resource = index.resources[id],
                      let change = change(for: resource, live: live.resource(id), shutdown: shutdown) else { continue }
                found.append(change)
            }
            slots[chunk] = found
        }
        return slots.values.flatMap { $0 }
    }

    /// The change for one desired resource, or nil when it is in sync.
    static func change(for desired: DesiredResource, live: LiveResource?, shutdown: Bool) -> PlannedChange? {
        let comparison = ResourceDiffer.compare(desired, live, shutdown: shutdown)
        guard !comparison.isInSync else { return nil }
        let action: ChangeAction = live == nil ? .create : .update
        return PlannedChange(resource: desired.id, action: action, diffs: comparison.diffs, desired: desired, live: live,
                             rollout: rollout(for: desired, comparison, creating: live == nil))
    }

    /// The rollout a change uses.
    static func rollout(for desired: DesiredResource, _ comparison: ResourceComparison, creating: Bool) -> PlannedRollout {
        let releases = creating || comparison.newVersion
            || comparison.diffs.contains { $0.scope == .alias || $0.scope == .latest }
        switch desired {
        case .function(let function) where releases:
            let rollout = function.spec.rollout
            return .function(FunctionRelease(alias: function.spec.alias, newVersion: creating || comparison.newVersion,
                                             strategy: rollout.strategy, healthGates: rollout.healthGates,
                                             preTraffic: rollout.preTraffic, keepVersions: function.spec.keepVersions,
                                             matchingVersion: comparison.matchingVersion))
        case .stateMachine(let machine) where releases:
            return .stateMachine(StateMachineRelease(alias: machine.spec.alias, newVersion: creating || comparison.newVersion,
                                                     strategy: machine.spec.rollout.strategy, smokeTests: machine.spec.rollout.smokeTests))
        default:
            return .inPlace
        }
    }

    /// Sorts `changes` into `plan.changes` and `plan.held` by maintenance.
    static func hold(_ changes: [PlannedChange], in plan: inout Plan, desired: DesiredState, now: Date) {
        if plan.mode == .emergencyShutdown {
            let split = EmergencyShutdown.split(changes)
            plan.changes = split.shutdown
            plan.held = split.held.map { HeldChange(change: $0, reason: .emergencyShutdown) }
            return
        }
        let blocked = desired.blockedResources
        let freeze = FreezeWindows.open(desired.maintenance?.spec.freezeWindows ?? [], at: now)
        for change in changes {
            if plan.mode == .paused {
                plan.held.append(HeldChange(change: change, reason: .paused))
            } else if let freeze {
                plan.held.append(HeldChange(change: change, reason: .freezeWindow(freeze.window, closesAt: freeze.closesAt)))
            } else if blocked.contains(change.resource) {
                plan.held.append(HeldChange(change: change, reason: .blocked))
            } else {
                plan.changes.append(change)
            }
        }
    }
}

/// The deployable resources of a desired state by identity (name lookups in constant time).
struct DesiredIndex {
    var resources: [ResourceID: DesiredResource] = [:]

    init(_ desired: DesiredState) {
        resources.reserveCapacity(desired.functions.count + desired.stateMachines.count + desired.roles.count + desired.policies.count)
        for function in desired.functions { resources[ResourceID(.function, function.name)] = .function(function) }
        for machine in desired.stateMachines { resources[ResourceID(.stateMachine, machine.name)] = .stateMachine(machine) }
        for role in desired.roles { resources[ResourceID(.role, role.name)] = .role(role) }
        for policy in desired.policies { resources[ResourceID(.policy, policy.name)] = .policy(policy) }
    }
}
