import Cloud
import DesiredState
import Foundation

extension ChangeCounters {
    /// The token of `id`, or nil when the resource does not exist.
    func token(_ id: ResourceID) -> UInt64? {
        switch id.kind {
        case .function: return functions[id.name]
        case .stateMachine: return stateMachines[id.name]
        case .role: return roles[id.name]
        case .policy: return policies[id.name]
        case .maintenance, .environment: return nil
        }
    }

    /// Sets the token of `id` (kinds without tokens have none to set).
    mutating func setToken(_ token: UInt64, of id: ResourceID) {
        switch id.kind {
        case .function: functions[id.name] = token
        case .stateMachine: stateMachines[id.name] = token
        case .role: roles[id.name] = token
        case .policy: policies[id.name] = token
        case .maintenance, .environment: break
        }
    }

    /// Every resource that exists.
    var resourceIDs: [ResourceID] {
        var ids: [ResourceID] = []
        ids.reserveCapacity(functions.count + stateMachines.count + roles.count + policies.count)
        for name in policies.keys { ids.append(ResourceID(.policy, name)) }
        for name in roles.keys { ids.append(ResourceID(.role, name)) }
        for name in functions.keys { ids.append(ResourceID(.function, name)) }
        for name in stateMachines.keys { ids.append(ResourceID(.stateMachine, name)) }
        return ids
    }
}

extension PlanSession {
    /// The plan when the provider keeps change tokens and the cache knows most resources: a
    /// resource whose desired fingerprint and change token both equal the cache's is in sync
    /// (nothing about it changed since it was found in sync: the token covers aliases,
    /// versions, concurrency and tags too, so no entry needs re-verifying); every other one is
    /// read one by one, except live resources not desired and known to be unmanaged (see
    /// `unmanagedMark`). `prints` holds the desired fingerprints of the desired resources the
    /// cache has entries for. Nil when more than `oneByOneLimit(of:)` resources would have to be
    /// read (then listing everything costs fewer calls); not called in emergency shutdown (every
    /// resource is read then).
    ///
    /// With `partial`, `desired` and `index` hold only some desired resources while `prints`
    /// holds every one (see `run(changes:)`): then nil too when a resource left out would have to
    /// be compared (its change token moved, or it does not exist).
    func runOnCounters(_ desired: DesiredState, index: DesiredIndex, prints: [ResourceID: UInt64], counters: ChangeCounters,
                       cache: VerificationCache, timings: PhaseTimings, partial: Bool = false) async throws -> Outcome? {
        var timings = timings
        let live = counters.resourceIDs
        if partial, prints.keys.contains(where: { counters.token($0) == nil && index.resources[$0] == nil }) { return nil }
        var inSync = Set<ResourceID>()
        inSync.reserveCapacity(live.count)
        var toRead = Set<ResourceID>()
        var knownUnmanaged: [ResourceID] = []
        for id in live {
            if let print = prints[id], let token = counters.token(id), cache.trusts(id, desired: print, listed: token) {
                inSync.insert(id)
                continue
            }
            let isDesired = partial ? prints[id] != nil : index.resources[id] != nil
            if !isDesired, let token = counters.token(id), cache.trusts(id, desired: Self.unmanagedMark, listed: token) {
                knownUnmanaged.append(id)
            } else {
                guard !isDesired || index.resources[id] != nil else { return nil }
                toRead.insert(id)
                guard toRead.count <= oneByOneLimit(of: live.count) else { return nil }
            }
        }
        timings.end("change tokens and cache check")
        let readAt = try await reader.provider.clock.now()
        let state = try await reader.fetch(toRead, readAt: readAt)
        timings.end("live reads (\(toRead.count))")
        var options = self.options
        options.inSync = inSync
        var plan = Planner.plan(desired: desired, index: index, live: state, now: readAt, options: options)
        plan.unmanaged = (plan.unmanaged + knownUnmanaged).sorted()
        timings.end("diff and plan")
        var updated = cache
        var modified = false
        // While the watermark is the one of the cache's snapshot, the tokens are the snapshot's:
        // it is brought up to date entry by entry here (else made anew from every token).
        var snapshot = counters.watermark != nil && cache.snapshot?.watermark == counters.watermark ? cache.snapshot : nil
        func set(_ id: ResourceID, _ entry: VerificationCache.Entry?) {
            guard updated.entries[id] != entry else { return }
            updated.entries[id] = entry
            modified = true
            // (An entry set holds the resource's token.)
            snapshot?.others[id] = entry == nil ? counters.token(id) : nil
        }
        let changed = Set(plan.changes.map(\.resource) + plan.held.map(\.change.resource))
        let now = readAt.timeIntervalSince1970
        let unmanaged = Set(plan.unmanaged)
        var computed = prints
        for id in toRead {
            if !changed.contains(id), state.resource(id) != nil, let resource = index.resources[id], let token = counters.token(id) {
                let print = prints[id] ?? Fingerprint.desired(resource, shutdown: false)
                computed[id] = print
                set(id, VerificationCache.Entry(desired: print, listed: token, verifiedAt: now))
            } else if unmanaged.contains(id), let token = counters.token(id) {
                set(id, VerificationCache.Entry(desired: Self.unmanagedMark, listed: token, verifiedAt: now))
            } else {
                set(id, nil)
            }
        }
        for id in changed { set(id, nil) }
        // Entries of resources that no longer exist (the tokens name every one that does; at the
        // snapshot's watermark, every entry's resource is among them).
        if snapshot == nil {
            for id in cache.entries.keys where counters.token(id) == nil { set(id, nil) }
        }
        // The tokens, so that the next plan rebuilds them while the watermark stays the same
        // instead of reading them again.
        if let snapshot {
            if updated.snapshot != snapshot {
                updated.snapshot = snapshot
                modified = true
            }
        } else if updated.keep(counters) {
            modified = true
        }
        if modified { save(updated) }
        timings.end("cache update")
        return Outcome(plan: plan, live: state, listed: live.count, detailed: toRead.count, trusted: inSync.count, timings: timings,
                       desiredFingerprints: computed)
    }

    /// The desired fingerprint recorded for a live resource that is not desired and not managed
    /// by plumb (unmanaged): it stays unmanaged while its change token stays the same (its tags
    /// cannot change without moving the token), so it is not read again either.
    static let unmanagedMark: UInt64 = 0

    /// How many resources may be read one by one among `count`: `oneByOneLimit`, or by default a
    /// tenth of them, at least 50.
    func oneByOneLimit(of count: Int) -> Int { oneByOneLimit ?? max(50, count / 10) }
}
