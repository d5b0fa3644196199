import DesiredState
import Foundation

/// The cache file: `PLUMBVC4`, the basis (one byte), the entry count (UInt32), the entries —
/// resource (kind: its index in `ResourceKind.allCases`, name length (UInt16) and UTF-8 name),
/// desired fingerprint, live token and verification time (three 64-bit words) —, the snapshot
/// (a byte: 0 for none, or 1 followed by the watermark (64 bits), the count of other tokens
/// (UInt32) and each one's resource and token (64 bits)), and a checksum (a `Fingerprint` of
/// everything before it). All numbers little-endian. A file that does not parse whole counts as
/// empty: the cache is only a hint.
extension VerificationCache {
    static let magic = Array("PLUMBVC4".utf8)
    /// The kinds, numbered by their place.
    private static let kinds = ResourceKind.allCases

    /// Writes the file (a temporary file renamed over the old one).
    public func save() throws {
        var bytes = VerificationCache.magic
        bytes.reserveCapacity(16 + entries.count * 48)
        bytes.append(basis.rawValue)
        Self.append(UInt32(entries.count), to: &bytes)
        for (id, entry) in entries where Self.append(id, to: &bytes) {
            Self.append(entry.desired, to: &bytes)
            Self.append(entry.listed, to: &bytes)
            Self.append(entry.verifiedAt.bitPattern, to: &bytes)
        }
        if let snapshot {
            bytes.append(1)
            Self.append(snapshot.watermark, to: &bytes)
            Self.append(UInt32(snapshot.others.count), to: &bytes)
            for (id, token) in snapshot.others where Self.append(id, to: &bytes) {
                Self.append(token, to: &bytes)
            }
        } else {
            bytes.append(0)
        }
        Self.append(bytes.withUnsafeBufferPointer(Self.checksum), to: &bytes)
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        try Data(bytes).write(to: URL(fileURLWithPath: temporary))
        if rename(temporary, path) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// The basis, entries and snapshot of the file at `path` (none when it is missing or damaged).
    static func load(_ path: String) -> (Basis, [ResourceID: Entry], TokenSnapshot?) {
        guard let data = FileManager.default.contents(atPath: path) else { return (.listed, [:], nil) }
        return data.withUnsafeBytes { raw in parse(raw.bindMemory(to: UInt8.self)) } ?? (.listed, [:], nil)
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (Basis, [ResourceID: Entry], TokenSnapshot?)? {
        guard bytes.count >= magic.count + 13, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        let end = bytes.count - 8
        var reader = Reader(bytes: bytes, position: magic.count, end: end)
        guard let checked = Reader.word(bytes, at: end, 8),
              checked == checksum(UnsafeBufferPointer(rebasing: bytes[..<end])),
              let basisByte = reader.byte(), let basis = Basis(rawValue: basisByte), let count = reader.word(4) else { return nil }
        var entries: [ResourceID: Entry] = [:]
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let id = reader.resource(), let desired = reader.word(8), let listed = reader.word(8),
                  let time = reader.word(8) else { return nil }
            entries[id] = Entry(desired: desired, listed: listed, verifiedAt: Double(bitPattern: time))
        }
        var snapshot: TokenSnapshot?
        switch reader.byte() {
        case 0: break
        case 1:
            guard let watermark = reader.word(8), let count = reader.word(4) else { return nil }
            var others: [ResourceID: UInt64] = [:]
            for _ in 0..<count {
                guard let id = reader.resource(), let token = reader.word(8) else { return nil }
                others[id] = token
            }
            snapshot = TokenSnapshot(watermark: watermark, others: others)
        default: return nil
        }
        return reader.position == end ? (basis, entries, snapshot) : nil
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Appends a resource (kind index, name length and name); false, appending nothing, for a
    /// name too long to store.
    private static func append(_ id: ResourceID, to bytes: inout [UInt8]) -> Bool {
        guard let kind = kinds.firstIndex(of: id.kind), id.name.utf8.count <= Int(UInt16.max) else { return false }
        bytes.append(UInt8(kind))
        append(UInt16(id.name.utf8.count), to: &bytes)
        bytes.append(contentsOf: id.name.utf8)
        return true
    }

    /// The fingerprint of `bytes` as one item (taken a word at a time).
    private static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var builder = Fingerprint.Builder()
        builder.addBytes(bytes)
        builder.end()
        return builder.value
    }

    /// Reads little-endian numbers and strings from the file's bytes, bounded by `end`.
    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var position: Int
        let end: Int

        mutating func byte() -> UInt8? {
            guard position < end else { return nil }
            defer { position += 1 }
            return bytes[position]
        }

        mutating func word(_ size: Int) -> UInt64? {
            guard let value = Reader.word(bytes, at: position, size), position + size <= end else { return nil }
            position += size
            return value
        }

        mutating func resource() -> ResourceID? {
            let kinds = VerificationCache.kinds
            guard let kindIndex = byte(), Int(kindIndex) < kinds.count, let length = word(2),
                  let name = string(Int(length)) else { return nil }
            return ResourceID(kinds[Int(kindIndex)], name)
        }

        mutating func string(_ length: Int) -> String? {
            guard position + length <= end else { return nil }
            defer { position += length }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<position + length]), as: UTF8.self)
        }

        static func word(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, _ size: Int) -> UInt64? {
            guard position >= 0, position + size <= bytes.count else { return nil }
            var value: UInt64 = 0
            for offset in (0..<size).reversed() { value = value << 8 | UInt64(bytes[position + offset]) }
            return value
        }
    }
}
