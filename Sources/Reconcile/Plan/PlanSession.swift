import Cloud
import DesiredState
import Foundation

/// Reads what a plan needs from the environment and plans: the I/O around the pure `Planner`.
///
/// Lists everything (four calls), then reads per-resource details only where needed: resources
/// the verification cache cannot vouch for (desired fields or listed live state changed since
/// they were last found in sync), live resources not in desired state (to see whether plumb
/// manages them), the oldest verified entries (`refreshBudget`), and every resource that the
/// plan would change (so each change carries a fresh before image). Without a cache, or in
/// emergency shutdown, everything is read.
public struct PlanSession: Sendable {
    /// Reads the environment.
    public var reader: LiveStateReader
    /// What was found in sync last time, or nil to read everything.
    public var cache: VerificationCache?
    /// Plan options.
    public var options: PlanOptions
    /// How many of the oldest verified entries are read again on each plan.
    public var refreshBudget: Int

    /// Creates a session.
    public init(provider: any CloudProvider, cache: VerificationCache? = nil, options: PlanOptions = PlanOptions(), refreshBudget: Int = 50) {
        self.reader = LiveStateReader(provider: provider)
        self.cache = cache
        self.options = options
        self.refreshBudget = refreshBudget
    }

    /// What a plan run produced.
    public struct Outcome: Sendable {
        /// The plan.
        public var plan: Plan
        /// The live state it was planned against (details where they were read).
        public var live: LiveState
        /// How many resources were listed, read in detail, and trusted from the cache.
        public var listed: Int, detailed: Int, trusted: Int
    }

    /// Plans `desired` against the environment, and updates the cache file when there is one.
    public func run(_ desired: DesiredState) async throws -> Outcome {
        var live = try await reader.list()
        let shutdown = desired.maintenance?.spec.mode == .emergencyShutdown
        let index = DesiredIndex(desired)
        let liveIDs = live.resourceIDs
        var fingerprints: [ResourceID: (desired: String, listed: String)] = [:]
        var toDetail = Set<ResourceID>()
        for id in liveIDs {
            guard let resource = live.resource(id) else { continue }
            guard let wanted = index.resources[id] else {
                toDetail.insert(id)
                continue
            }
            let pair = (Fingerprint.desired(wanted, shutdown: shutdown), Fingerprint.listed(resource))
            fingerprints[id] = pair
            if cache == nil || shutdown || !(cache?.trusts(id, desired: pair.0, listed: pair.1) ?? false) {
                toDetail.insert(id)
            }
        }
        if let cache {
            toDetail.formUnion(cache.oldest(refreshBudget).filter { fingerprints[$0] != nil })
        }
        try await reader.detail(toDetail, in: &live)
        var plan = Planner.plan(desired: desired, live: live, now: live.readAt, options: options)
        let undetailed = Set((plan.changes.map(\.resource) + plan.held.map(\.change.resource)).filter { !live.isDetailed($0) })
        if !undetailed.isEmpty {
            try await reader.detail(undetailed, in: &live)
            toDetail.formUnion(undetailed)
            plan = Planner.plan(desired: desired, live: live, now: live.readAt, options: options)
        }
        if var cache {
            record(plan, live: live, fingerprints: fingerprints, in: &cache)
            try? cache.save()
        }
        return Outcome(plan: plan, live: live, listed: liveIDs.count, detailed: toDetail.count,
                       trusted: fingerprints.count - toDetail.intersection(fingerprints.keys).count)
    }

    /// Marks detailed resources without a change as verified now; forgets resources with one.
    func record(_ plan: Plan, live: LiveState, fingerprints: [ResourceID: (desired: String, listed: String)], in cache: inout VerificationCache) {
        let changed = Set(plan.changes.map(\.resource) + plan.held.map(\.change.resource))
        let now = live.readAt.timeIntervalSince1970
        for (id, pair) in fingerprints {
            if changed.contains(id) {
                cache.entries[id] = nil
            } else if live.isDetailed(id) {
                cache.entries[id] = VerificationCache.Entry(desired: pair.desired, listed: pair.listed, verifiedAt: now)
            }
        }
        let known = Set(fingerprints.keys)
        for id in cache.entries.keys where !known.contains(id) { cache.entries[id] = nil }
    }
}
