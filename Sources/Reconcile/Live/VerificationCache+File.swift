import DesiredState
import Foundation

/// The cache file: `PLUMBVC3`, the basis (one byte), the entry count (UInt32), the entries —
/// kind (its index in `ResourceKind.allCases`), name length (UInt16) and UTF-8 name, desired
/// fingerprint, live token and verification time (three 64-bit words) — and a checksum (a
/// `Fingerprint` of everything before it). All numbers little-endian. A file that does not parse whole counts as
/// empty: the cache is only a hint.
extension VerificationCache {
    static let magic = Array("PLUMBVC3".utf8)

    /// Writes the file (a temporary file renamed over the old one).
    public func save() throws {
        var bytes = VerificationCache.magic
        bytes.reserveCapacity(16 + entries.count * 48)
        bytes.append(basis.rawValue)
        Self.append(UInt32(entries.count), to: &bytes)
        let kinds = ResourceKind.allCases
        for (id, entry) in entries {
            guard let kind = kinds.firstIndex(of: id.kind), id.name.utf8.count <= Int(UInt16.max) else { continue }
            bytes.append(UInt8(kind))
            Self.append(UInt16(id.name.utf8.count), to: &bytes)
            bytes.append(contentsOf: id.name.utf8)
            Self.append(entry.desired, to: &bytes)
            Self.append(entry.listed, to: &bytes)
            Self.append(entry.verifiedAt.bitPattern, to: &bytes)
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

    /// The basis and entries of the file at `path` (none when it is missing or damaged).
    static func load(_ path: String) -> (Basis, [ResourceID: Entry]) {
        guard let data = FileManager.default.contents(atPath: path) else { return (.listed, [:]) }
        return data.withUnsafeBytes { raw in parse(raw.bindMemory(to: UInt8.self)) } ?? (.listed, [:])
    }

    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (Basis, [ResourceID: Entry])? {
        guard bytes.count >= magic.count + 13, bytes.prefix(magic.count).elementsEqual(magic) else { return nil }
        let end = bytes.count - 8
        var reader = Reader(bytes: bytes, position: magic.count, end: end)
        guard let checked = Reader.word(bytes, at: end, 8),
              checked == checksum(UnsafeBufferPointer(rebasing: bytes[..<end])),
              let basisByte = reader.byte(), let basis = Basis(rawValue: basisByte), let count = reader.word(4) else { return nil }
        let kinds = ResourceKind.allCases
        var entries: [ResourceID: Entry] = [:]
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let kindIndex = reader.byte(), Int(kindIndex) < kinds.count, let length = reader.word(2),
                  let name = reader.string(Int(length)), let desired = reader.word(8), let listed = reader.word(8),
                  let time = reader.word(8) else { return nil }
            entries[ResourceID(kinds[Int(kindIndex)], name)] = Entry(desired: desired, listed: listed, verifiedAt: Double(bitPattern: time))
        }
        return reader.position == end ? (basis, entries) : nil
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
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
