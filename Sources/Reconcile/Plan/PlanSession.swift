import Cloud
import DesiredState
import Foundation

/// Reads what a plan needs from the environment and plans: the I/O around the pure `Planner`.
///
/// Lists everything (four calls), then reads per-resource details (aliases, versions, reserved
/// concurrency, tags, role policies, policy versions) only where needed:
/// - resources whose desired fields changed: compared with the verification cache (what was
///   last found in sync, see `VerificationCache`), or, without a cache entry, with `baseline`
///   (the commit the environment was last converged to, from the ledger);
/// - live resources not in desired state (to see whether plumb manages them);
/// - the oldest verified cache entries (`refreshBudget`), so no entry stays unchecked for long;
/// - every resource the plan would change, so each change carries a fresh before image.
/// Everything else is compared on what the list calls show (code, configuration, definitions,
/// trust policies); resources the cache vouches for (desired fields and listed live state both
/// unchanged) are not compared again. With neither a cache nor a baseline, or in emergency
/// shutdown, everything is read.
public struct PlanSession: Sendable {
    /// Reads the environment.
    public var reader: LiveStateReader
    /// What was found in sync last time, or nil.
    public var cache: VerificationCache?
    /// The desired state the environment was last converged to, or nil.
    public var baseline: DesiredState?
    /// Plan options.
    public var options: PlanOptions
    /// How many of the oldest verified entries are read again on each plan (default 5: at two
    /// Lambda control-plane calls each, that stays within Lambda's burst of 15 such calls) when
    /// everything is listed; not when resources are read one by one on change tokens (see
    /// `runOnCounters`: a token moves on any change, so nothing needs re-verifying).
    public var refreshBudget: Int
    /// Whether, with change tokens and a cache, resources may be read one by one instead of
    /// listing everything (default true; drift, which reports on every resource, lists).
    public var readsOneByOne = true
    /// The most resources read one by one before listing everything instead (nil: a tenth of
    /// the resources, at least 50).
    public var oneByOneLimit: Int?
    /// Reads of the environment already started (used when they read the same account and region).
    public var prefetch: LivePrefetch?
    /// Called, when the whole desired state is compared, with the desired fingerprints as soon as
    /// they are computed (before the comparison), so that what needs them (the commit's digest)
    /// can be made while the plan goes on; not in emergency shutdown.
    public var onDesiredFingerprints: (@Sendable ([ResourceID: UInt64]) -> Void)?
    /// When set, the cache file is written on another thread, in this group (the caller waits
    /// for it before the process exits), while the plan is returned and printed.
    public var cacheSaves: DispatchGroup?

    /// Creates a session; with neither `cache` nor `baseline` every resource is read.
    public init(provider: any CloudProvider, cache: VerificationCache? = nil, baseline: DesiredState? = nil,
                options: PlanOptions = PlanOptions(), refreshBudget: Int = 5) {
        self.reader = LiveStateReader(provider: provider)
        self.cache = cache
        self.baseline = baseline
        self.options = options
        self.refreshBudget = refreshBudget
    }

    /// What a plan run produced.
    public struct Outcome: Sendable {
        /// The plan.
        public var plan: Plan
        /// The live state it was planned against (details where they were read).
        public var live: LiveState
        /// How many resources were listed, read in detail, and left unread (trusted).
        public var listed: Int, detailed: Int, trusted: Int
        /// Time spent in each phase (listing, comparing fingerprints, details, planning, cache).
        public var timings = PhaseTimings()
        /// The fingerprints of desired resources computed on the way (not in emergency shutdown),
        /// for a `DesiredDigest`; not necessarily every resource's.
        public var desiredFingerprints: [ResourceID: UInt64] = [:]
    }

    /// Plans `desired` against the environment, and updates the cache file when there is one.
    public func run(_ desired: DesiredState) async throws -> Outcome {
        var timings = PhaseTimings()
        let shutdown = desired.maintenance?.spec.mode == .emergencyShutdown
        let index = DesiredIndex(desired)
        // The desired side does not depend on the environment: the fingerprints the change
        // tokens are checked against are computed while the tokens are read.
        let prefetch = usablePrefetch
        async let tokens = readCounters(prefetch)
        var known: [ResourceID: UInt64] = [:]
        if readsOneByOne, !shutdown, let cache, !cache.entries.isEmpty {
            let items = index.resources.compactMap { id, resource in
                cache.entries[id] == nil ? nil : (id: id, wanted: resource, old: DesiredResource?.none)
            }
            known = PlanSession.fingerprints(of: items, shutdown: false, baselineShutdown: false).mapValues(\.desired)
        }
        let counters = try await tokens
        timings.end("change counters (desired fingerprints alongside)")
        var cache = self.cache
        cache?.use(counters == nil ? .listed : .counters)
        if readsOneByOne, !shutdown, let counters, let cache, !cache.entries.isEmpty,
           let outcome = try await runOnCounters(desired, index: index, prints: known, counters: counters, cache: cache, timings: timings) {
            return outcome
        }
        let before = baseline.map(DesiredIndex.init)
        let baselineShutdown = baseline?.maintenance?.spec.mode == .emergencyShutdown
        let compares = cache != nil || before != nil
        let candidates = compares ? index.resources.map { id, resource in
            (id: id, wanted: resource, old: cache?.entries[id] == nil ? before?.resources[id] : nil)
        } : []
        // Fingerprinted while the environment is listed (reusing those computed above).
        async let desiredPrints = PlanSession.fingerprints(of: candidates, shutdown: shutdown, baselineShutdown: baselineShutdown,
                                                           known: shutdown ? [:] : known)
        var live: LiveState
        if let listed = try await prefetch?.takeList() {
            live = listed
        } else {
            live = try await reader.list()
        }
        timings.end("live list (desired side fingerprinted alongside)")
        let prints = await desiredPrints
        // Every desired fingerprint known now (none in emergency shutdown, which compares all).
        let desiredFingerprints = shutdown ? [:] : prints.mapValues(\.desired).merging(known) { new, _ in new }
        if !shutdown, let onDesiredFingerprints { onDesiredFingerprints(desiredFingerprints) }
        timings.end("desired fingerprints")
        // (Only sets and maps are made from these: their order does not matter.)
        let liveIDs = live.unorderedResourceIDs
        let listedPrints = compares && counters == nil ? PlanSession.listedFingerprints(of: liveIDs, in: live) : []
        var toDetail = Set<ResourceID>()
        var inSync = Set<ResourceID>()
        var fingerprints: [ResourceID: (desired: UInt64, listed: UInt64)] = [:]
        fingerprints.reserveCapacity(prints.count)
        for (position, id) in liveIDs.enumerated() {
            guard compares, let wanted = prints[id] else {
                toDetail.insert(id)
                continue
            }
            let listedPrint = counters.map { $0.token(id) } ?? listedPrints[position]
            guard let listed = listedPrint else {
                toDetail.insert(id)
                continue
            }
            fingerprints[id] = (wanted.desired, listed)
            if shutdown {
                toDetail.insert(id)
            } else if let cache, cache.trusts(id, desired: wanted.desired, listed: listed) {
                inSync.insert(id)
            } else if cache?.entries[id] == nil, let old = wanted.baseline, old == wanted.desired {
                continue
            } else {
                toDetail.insert(id)
            }
        }
        if let cache {
            let refresh = cache.oldest(refreshBudget).filter { inSync.contains($0) }
            toDetail.formUnion(refresh)
            inSync.subtract(refresh)
        }
        timings.end("listed fingerprints and cache check")
        try await reader.detail(toDetail, in: &live)
        timings.end("live details (\(toDetail.count))")
        var planOptions = options
        planOptions.inSync = inSync
        var plan = Planner.plan(desired: desired, index: index, live: live, now: live.readAt, options: planOptions)
        let undetailed = Set((plan.changes.map(\.resource) + plan.held.map(\.change.resource)).filter { !live.isDetailed($0) })
        if !undetailed.isEmpty {
            try await reader.detail(undetailed, in: &live)
            toDetail.formUnion(undetailed)
            plan = Planner.plan(desired: desired, index: index, live: live, now: live.readAt, options: planOptions)
        }
        timings.end("diff and plan")
        if var cache {
            record(plan, live: live, fingerprints: fingerprints, in: &cache)
            if let counters { cache.keep(counters) }
            save(cache)
            timings.end("cache update")
        }
        return Outcome(plan: plan, live: live, listed: liveIDs.count, detailed: toDetail.count, trusted: liveIDs.count - toDetail.count,
                       timings: timings, desiredFingerprints: desiredFingerprints)
    }

    /// The desired and (when `old` is given) baseline fingerprints of each resource, computed on
    /// every processor (a region of 10,000 functions takes a while on one).
    /// `known` holds desired fingerprints already computed (not in shutdown).
    static func fingerprints(of items: [(id: ResourceID, wanted: DesiredResource, old: DesiredResource?)],
                             shutdown: Bool, baselineShutdown: Bool,
                             known: [ResourceID: UInt64] = [:]) -> [ResourceID: (desired: UInt64, baseline: UInt64?)] {
        let count = items.count
        // Small chunks, taken by threads as they free up: state machines (together at the end)
        // cost much more than functions.
        let chunks = count < 256 ? 1 : min(64, count / 32)
        let output = DisjointSlots<(desired: UInt64, baseline: UInt64?)>(count: count, initial: (0, nil))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for position in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                let item = items[position]
                let desired = known[item.id] ?? Fingerprint.desired(item.wanted, shutdown: shutdown)
                // A resource the commit did not touch is usually the same value (even the same
                // storage) in both states: comparing is much cheaper than fingerprinting again.
                let old = item.old.map { old in
                    shutdown == baselineShutdown && old == item.wanted ? desired : Fingerprint.desired(old, shutdown: baselineShutdown)
                }
                output[position] = (desired, old)
            }
        }
        var result: [ResourceID: (desired: UInt64, baseline: UInt64?)] = [:]
        result.reserveCapacity(count)
        for (item, prints) in zip(items, output.values) { result[item.id] = prints }
        return result
    }

    /// The fingerprint of what the list calls showed of each resource (nil for one not listed),
    /// computed on every processor: the definitions of 1,000 state machines alone are megabytes.
    static func listedFingerprints(of ids: [ResourceID], in live: LiveState) -> [UInt64?] {
        let count = ids.count
        let chunks = count < 256 ? 1 : min(64, count / 32)
        let output = DisjointSlots<UInt64?>(count: count, initial: nil)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            for position in (chunk * count / chunks)..<((chunk + 1) * count / chunks) {
                output[position] = live.resource(ids[position]).map(Fingerprint.listed)
            }
        }
        return output.values
    }

    /// `prefetch` when it reads this session's account and region.
    var usablePrefetch: LivePrefetch? {
        prefetch?.scope == reader.provider.scope ? prefetch : nil
    }

    /// The environment's change tokens, when there is a cache to check them against (those
    /// `prefetch` read, when it read them): rebuilt from the cache when the provider's watermark
    /// is still the one of the tokens the cache kept (`VerificationCache.snapshot`).
    func readCounters(_ prefetch: LivePrefetch? = nil) async throws -> ChangeCounters? {
        guard let cache else { return nil }
        var reading: ChangeCountersReading
        if let prefetch, let read = try await prefetch.counters {
            reading = read
        } else {
            reading = try await reader.counters(unlessAt: cache.snapshot?.watermark)
        }
        if case .unchanged(let watermark) = reading {
            if let counters = cache.counters(at: watermark) { return counters }
            // (Asked at another cache's watermark: read them all.)
            reading = try await reader.counters(unlessAt: nil)
        }
        switch reading {
        case .read(let counters): return counters
        case .unchanged, .unsupported: return nil
        }
    }

    /// Writes the cache file, on another thread when `cacheSaves` is set (failures are ignored:
    /// the cache only saves time).
    func save(_ cache: VerificationCache) {
        guard let cacheSaves else {
            try? cache.save()
            return
        }
        DispatchQueue.global().async(group: cacheSaves) { try? cache.save() }
    }

    /// Marks detailed resources without a change as verified now; forgets resources with one.
    func record(_ plan: Plan, live: LiveState, fingerprints: [ResourceID: (desired: UInt64, listed: UInt64)], in cache: inout VerificationCache) {
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
