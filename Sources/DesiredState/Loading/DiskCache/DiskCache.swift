import Foundation
import Git

/// Parsed manifest files and ASL definition analyses kept in one file of a folder between
/// processes, keyed by path and git blob id, so that a new process loading a commit close to
/// the previous one parses only the files that changed.
///
/// The file holds the entries of the latest load that wrote it. It starts with a magic word, the
/// format version and a checksum of the rest: a file from another version, a damaged file or one
/// that cannot be read is ignored (and replaced by the next load); an entry that cannot be read
/// back is parsed again. Writes go to a temporary file renamed over the old one, so readers in
/// other processes see either file whole. Thread-safe.
final class DiskCache: @unchecked Sendable {
    /// Raised whenever the encoding of any cached type changes.
    static let formatVersion: UInt32 = 1
    /// The file's name inside the folder.
    static let fileName = "desired-state.bin"
    private static let magic: [UInt8] = Array("PLUMBDSC".utf8)

    /// Which kind of parse result an entry holds.
    enum Table: UInt8 {
        case manifest = 0
        case definition = 1
    }

    struct Key: Hashable {
        var table: Table
        var path: String
        var id: ObjectID
    }

    /// The folder holding the file.
    let folder: String
    private let lock = NSLock()
    private var opened = false
    private var contents: [UInt8] = []
    private var index: [Key: Range<Int>] = [:]

    init(folder: String) {
        self.folder = folder
    }

    var path: String { (folder as NSString).appendingPathComponent(Self.fileName) }

    /// The entry's value, decoded by `decode`; nil when absent or unreadable.
    func value<T>(_ key: Key, _ decode: (inout ByteReader) throws -> T) -> T? {
        let (bytes, range): ([UInt8], Range<Int>?) = lock.withLock {
            openIfNeeded()
            return (contents, index[key])
        }
        guard let range else { return nil }
        return bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: buffer[range]))
            guard let value = try? decode(&reader), reader.isAtEnd else { return nil }
            return value
        }
    }

    /// Replaces the file by one holding exactly these entries (read from the current file when it
    /// has them, encoded otherwise); does nothing when the file already holds exactly them.
    /// Failures to write are ignored: the cache only saves time.
    func save(manifests: [DesiredStateCache.Key: ManifestFile], definitions: [DesiredStateCache.Key: DefinitionAnalysis]) {
        let (old, oldIndex): ([UInt8], [Key: Range<Int>]) = lock.withLock {
            openIfNeeded()
            return (contents, index)
        }
        var body = ByteWriter()
        body.reserveCapacity(old.count)
        body.write(raw: repeatElement(0, count: Self.headerSize))
        var newIndex: [Key: Range<Int>] = [:]
        newIndex.reserveCapacity(manifests.count + definitions.count)
        var unchanged = true
        func add(_ key: Key, _ encode: (inout ByteWriter) -> Bool) {
            let mark = body.bytes.count
            body.write(UInt64(key.table.rawValue))
            body.write(key.path)
            body.write(raw: key.id.bytes)
            let length: Int
            if let range = oldIndex[key] {
                length = range.count
                body.write(UInt64(length))
                body.write(raw: old[range])
            } else {
                var payload = ByteWriter()
                guard encode(&payload) else {
                    body.truncate(to: mark)
                    return
                }
                unchanged = false
                length = payload.bytes.count
                body.write(UInt64(length))
                body.write(raw: payload.bytes)
            }
            let start = body.bytes.count - length
            newIndex[key] = start..<start + length
        }
        func byPath<T>(_ a: (key: DesiredStateCache.Key, value: T), _ b: (key: DesiredStateCache.Key, value: T)) -> Bool {
            a.key.path.utf8.lexicographicallyPrecedes(b.key.path.utf8)
        }
        for (key, file) in manifests.sorted(by: byPath) {
            add(Key(table: .manifest, path: key.path, id: key.id)) { $0.write(manifestFile: file) }
        }
        for (key, analysis) in definitions.sorted(by: byPath) {
            add(Key(table: .definition, path: key.path, id: key.id)) { writer in
                writer.write(analysis)
                return true
            }
        }
        if unchanged && newIndex.count == oldIndex.count { return }
        var header = Self.magic
        withUnsafeBytes(of: Self.formatVersion.littleEndian) { header.append(contentsOf: $0) }
        withUnsafeBytes(of: Self.checksum(body.bytes[Self.headerSize...]).littleEndian) { header.append(contentsOf: $0) }
        body.overwrite(at: 0, with: header)
        let file = body.bytes
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil,
              Self.write(file, to: temporary), rename(temporary, path) == 0 else {
            unlink(temporary)
            return
        }
        lock.withLock {
            contents = file
            index = newIndex
        }
    }

    private static let headerSize = 8 + 4 + 8

    /// Writes `bytes` to a new file at `path`; false on any failure.
    private static func write(_ bytes: [UInt8], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        return bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// Reads the file once; leaves the cache empty when it is missing, damaged or of another version.
    private func openIfNeeded() {
        guard !opened else { return }
        opened = true
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let bytes = [UInt8](data)
        guard let entries = Self.entries(of: bytes) else { return }
        contents = bytes
        index = entries
    }

    /// The index of a file's entries, or nil when the file is not one this version wrote whole.
    static func entries(of bytes: [UInt8]) -> [Key: Range<Int>]? {
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else { return nil }
        let version = bytes[8..<12].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let stored = bytes[12..<20].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard version == formatVersion, stored == checksum(bytes[headerSize...]) else { return nil }
        return bytes.withUnsafeBytes { buffer -> [Key: Range<Int>]? in
            var reader = ByteReader(buffer, offset: headerSize)
            var index: [Key: Range<Int>] = [:]
            do {
                while !reader.isAtEnd {
                    guard let table = Table(rawValue: UInt8(truncatingIfNeeded: try reader.uint64())) else { return nil }
                    let path = try reader.string()
                    guard let id = ObjectID(bytes: Array(try reader.raw(20))) else { return nil }
                    let length = try reader.count()
                    let start = reader.offset
                    _ = try reader.raw(length)
                    index[Key(table: table, path: path, id: id)] = start..<start + length
                }
            } catch {
                return nil
            }
            return index
        }
    }

    /// A 64-bit FNV-1a checksum of `bytes`, eight bytes at a time.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset + 8 <= buffer.count {
                hash = (hash ^ buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
                hash ^= hash >> 29
                offset += 8
            }
            while offset < buffer.count {
                hash = (hash ^ UInt64(buffer[offset])) &* 0x100_0000_01b3
                offset += 1
            }
        }
        return hash
    }
}
