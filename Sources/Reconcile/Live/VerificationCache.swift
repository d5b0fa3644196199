import Cloud
import DesiredState
import Foundation

/// Which resources were last found in sync, with what desired fields and what live state, so the
/// next plan can skip reading them.
///
/// An entry is trusted while both its desired fingerprint and its live token are unchanged. With
/// a provider that keeps change tokens (`ChangeCounters`: the simulated cloud), the live token is
/// the resource's change token, which moves on any change to it, aliases, concurrency and tags
/// included. Otherwise it is a fingerprint of what a list call shows (`$LATEST`'s revision, a
/// state machine's revision and definition, a role's trust and tags, a policy's default version
/// and tags); what a list call cannot show (an alias moved, reserved concurrency or tags changed
/// out of band) is then caught by re-verifying the oldest entries on every plan
/// (`refreshBudget`), by `plumb drift`, which reads everything, and by any change planned for the
/// resource, which re-reads it first.
///
/// Stored as one binary file per account and region under the state folder (see
/// `VerificationCache+File.swift`), replaced atomically.
public struct VerificationCache: Sendable {
    /// One resource's verification.
    public struct Entry: Sendable, Hashable {
        /// The desired fingerprint (`Fingerprint.desired`).
        public var desired: UInt64
        /// The live token: the provider's change token (`ChangeCounters`) when it keeps them,
        /// else the listed live fingerprint (`Fingerprint.listed`); `basis` says which.
        public var listed: UInt64
        /// Environment time of the verification, seconds since 1970.
        public var verifiedAt: Double
    }

    /// What the live tokens of the entries are.
    public enum Basis: UInt8, Sendable {
        /// The provider's change tokens.
        case counters = 1
        /// Fingerprints of what the list calls show.
        case listed = 2
    }

    /// Every change token the provider answered at one watermark, kept so that while the
    /// watermark stays the same the next plan need not list them again
    /// (`ChangeCountersReading.unchanged`): the entries' live tokens, and `others`.
    public struct TokenSnapshot: Sendable, Hashable {
        /// The provider's watermark (`ChangeCounters.watermark`).
        public var watermark: UInt64
        /// The tokens of the live resources that have no entry.
        public var others: [ResourceID: UInt64]

        /// Creates the value.
        public init(watermark: UInt64, others: [ResourceID: UInt64]) {
            self.watermark = watermark
            self.others = others
        }
    }

    /// The file.
    public let path: String
    /// What the entries' live tokens are.
    public var basis: Basis
    /// Entries by resource. Any change to them drops `snapshot` (set it again after).
    public var entries: [ResourceID: Entry] {
        didSet { snapshot = nil }
    }
    /// The change tokens of every live resource at a watermark, when they are the entries'
    /// live tokens and `others` (see `counters(at:)`).
    public var snapshot: TokenSnapshot?


    /// The cache file for `scope` under `folder`, loaded when it exists (an unreadable or
    /// foreign file counts as empty: the cache is only a hint).
    public init(folder: String, scope: CloudScope) {
        self.path = (folder as NSString).appendingPathComponent("verified-\(scope.account)-\(scope.region).bin")
        (basis, entries, snapshot) = VerificationCache.load(path)
    }

    /// Keeps `counters` as the snapshot when every entry's live token is its resource's token
    /// there (else drops the snapshot); the tokens of resources without an entry go to `others`.
    /// Answers whether the snapshot changed.
    @discardableResult
    public mutating func keep(_ counters: ChangeCounters) -> Bool {
        let before = snapshot
        snapshot = nil
        if basis == .counters, let watermark = counters.watermark {
            if before?.watermark == watermark {
                // (Still the snapshot of these entries: any change to them drops it.)
                snapshot = before
                return false
            }
            var others: [ResourceID: UInt64] = [:]
            var matched = 0
            var consistent = true
            func check(_ kind: ResourceKind, _ tokens: [String: UInt64]) {
                for (name, token) in tokens where consistent {
                    let id = ResourceID(kind, name)
                    if let entry = entries[id] {
                        consistent = entry.listed == token
                        matched += 1
                    } else {
                        others[id] = token
                    }
                }
            }
            check(.function, counters.functions)
            check(.stateMachine, counters.stateMachines)
            check(.role, counters.roles)
            check(.policy, counters.policies)
            if consistent, matched == entries.count { snapshot = TokenSnapshot(watermark: watermark, others: others) }
        }
        return snapshot != before
    }

    /// The change tokens as the provider answered them at `watermark`, rebuilt from the entries
    /// and the snapshot; nil when the snapshot is of another watermark (or there is none).
    public func counters(at watermark: UInt64) -> ChangeCounters? {
        guard basis == .counters, let snapshot, snapshot.watermark == watermark else { return nil }
        var counters = ChangeCounters(watermark: watermark)
        for (id, entry) in entries { counters.setToken(entry.listed, of: id) }
        for (id, token) in snapshot.others { counters.setToken(token, of: id) }
        return counters
    }

    /// Forgets every entry when they were made on another basis than `basis` (tokens of one kind
    /// say nothing about tokens of the other).
    public mutating func use(_ basis: Basis) {
        guard basis != self.basis else { return }
        self.basis = basis
        entries = [:]
        snapshot = nil
    }

    /// Whether `id` can be trusted with these fingerprints.
    public func trusts(_ id: ResourceID, desired: UInt64, listed: UInt64) -> Bool {
        guard let entry = entries[id] else { return false }
        return entry.desired == desired && entry.listed == listed
    }

    /// `count` of the entries verified longest ago (among entries verified at the same time,
    /// any of them: each is re-verified in turn, as re-verifying makes it the newest).
    public func oldest(_ count: Int) -> [ResourceID] {
        guard count > 0, !entries.isEmpty else { return [] }
        var byTime: [Double: [ResourceID]] = [:]
        for (id, entry) in entries { byTime[entry.verifiedAt, default: []].append(id) }
        var result: [ResourceID] = []
        for time in byTime.keys.sorted() {
            for id in byTime[time] ?? [] {
                guard result.count < count else { return result }
                result.append(id)
            }
        }
        return result
    }
}
