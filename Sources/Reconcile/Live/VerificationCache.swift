import Cloud
import DesiredState
import Foundation

/// Which resources were last found in sync, with what desired fields and what listed live state,
/// so the next plan can skip their per-resource reads.
///
/// An entry is trusted while both fingerprints are unchanged: the desired fields are the same
/// and nothing a list call shows has changed (`$LATEST`'s revision, a state machine's revision
/// and definition, a role's trust and tags, a policy's default version and tags). What a list
/// call cannot show (an alias moved, reserved concurrency or tags changed out of band) is caught
/// by re-verifying the oldest entries on every plan (`refreshBudget`), by `plumb drift`, which
/// reads everything, and by any change planned for the resource, which re-reads it first.
///
/// Stored as one tab-separated text file per account and region under the state folder,
/// replaced atomically.
public struct VerificationCache: Sendable {
    /// One resource's verification.
    public struct Entry: Sendable, Hashable {
        /// The desired fingerprint (`Fingerprint.desired`).
        public var desired: UInt64
        /// The listed live fingerprint (`Fingerprint.listed`).
        public var listed: UInt64
        /// Environment time of the verification, seconds since 1970.
        public var verifiedAt: Double
    }

    /// The file.
    public let path: String
    /// Entries by resource.
    public var entries: [ResourceID: Entry]

    static let header = "plumb-verification-cache v1"

    /// The cache file for `scope` under `folder`, loaded when it exists (an unreadable or
    /// foreign file counts as empty: the cache is only a hint).
    public init(folder: String, scope: CloudScope) {
        self.path = (folder as NSString).appendingPathComponent("verified-\(scope.account)-\(scope.region).tsv")
        self.entries = VerificationCache.load(path)
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

    /// Writes the file (a temporary file renamed over the old one).
    public func save() throws {
        var text = VerificationCache.header + "\n"
        text.reserveCapacity(entries.count * 64)
        for (id, entry) in entries {
            text += "\(id.kind.rawValue)\t\(id.name)\t\(Fingerprint.hex(entry.desired))\t\(Fingerprint.hex(entry.listed))\t\(entry.verifiedAt)\n"
        }
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    private static func load(_ path: String) -> [ResourceID: Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)[...]
        guard let first = lines.first, Substring(first) == Substring(header) else { return [:] }
        lines = lines.dropFirst()
        var kinds: [Substring: ResourceKind] = [:]
        for kind in ResourceKind.allCases { kinds[Substring(kind.rawValue)] = kind }
        var entries: [ResourceID: Entry] = [:]
        entries.reserveCapacity(lines.count)
        for line in lines {
            let parts = line.split(separator: UInt8(ascii: "\t"), maxSplits: 4, omittingEmptySubsequences: false)
            guard parts.count == 5, let kind = kinds[Substring(parts[0])],
                  let desired = UInt64(Substring(parts[2]), radix: 16), let listed = UInt64(Substring(parts[3]), radix: 16),
                  let time = Double(Substring(parts[4])) else { continue }
            entries[ResourceID(kind, String(Substring(parts[1])))] = Entry(desired: desired, listed: listed, verifiedAt: time)
        }
        return entries
    }
}
