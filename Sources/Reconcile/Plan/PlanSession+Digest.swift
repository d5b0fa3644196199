import DesiredState
import Foundation

extension PlanSession {
    /// Plans a commit loaded from the digest of an earlier one (`DesiredStateLoader.loadChanges`),
    /// with the commit's digest for the next plan.
    ///
    /// A resource the commit did not change is trusted on the digest's fingerprint and its change
    /// token, as `runOnCounters` trusts any resource; the changed ones are fingerprinted and
    /// compared as usual. Nil when that is not enough, and then the commit must be loaded whole
    /// and planned with `run`: no cache file or no change tokens, emergency shutdown, or a resource
    /// left out of the load has to be compared (its change token moved, or it does not exist).
    public func run(changes load: DesiredStateLoader.ChangedLoad) async throws -> (outcome: Outcome, digest: DesiredDigest)? {
        guard readsOneByOne, var cache, load.state.maintenance?.spec.mode != .emergencyShutdown else { return nil }
        var timings = PhaseTimings()
        let index = DesiredIndex(load.state)
        var prints = load.digest.resources.mapValues(\.fingerprint)
        for (id, resource) in index.resources { prints[id] = Fingerprint.desired(resource, shutdown: false) }
        guard let counters = try await readCounters(usablePrefetch) else { return nil }
        timings.end("change counters")
        cache.use(.counters)
        guard var outcome = try await runOnCounters(load.state, index: index, prints: prints, counters: counters, cache: cache,
                                                    timings: timings, partial: true) else { return nil }
        var digest = load.digest
        for id in index.resources.keys { digest.resources[id]?.fingerprint = prints[id] ?? 0 }
        outcome.desiredFingerprints = prints
        return (outcome, digest)
    }

    /// The fingerprint of every deployable resource of a whole load that was planned, for its
    /// `DesiredDigest`: those the plan computed (`Outcome.desiredFingerprints`), and the others
    /// computed here.
    public static func digestFingerprints(of desired: DesiredState, outcome: Outcome) -> [ResourceID: UInt64] {
        digestFingerprints(of: desired, known: outcome.desiredFingerprints)
    }

    /// The fingerprint of every deployable resource of `desired`: those in `known`, and the
    /// others computed here.
    public static func digestFingerprints(of desired: DesiredState, known: [ResourceID: UInt64]) -> [ResourceID: UInt64] {
        var missing: [(id: ResourceID, wanted: DesiredResource, old: DesiredResource?)] = []
        func check(_ id: ResourceID, _ resource: @autoclosure () -> DesiredResource) {
            if known[id] == nil { missing.append((id, resource(), nil)) }
        }
        for function in desired.functions { check(ResourceID(.function, function.name), .function(function)) }
        for machine in desired.stateMachines { check(ResourceID(.stateMachine, machine.name), .stateMachine(machine)) }
        for role in desired.roles { check(ResourceID(.role, role.name), .role(role)) }
        for policy in desired.policies { check(ResourceID(.policy, policy.name), .policy(policy)) }
        guard !missing.isEmpty else { return known }
        return known.merging(fingerprints(of: missing, shutdown: false, baselineShutdown: false).mapValues(\.desired)) { own, _ in own }
    }
}
