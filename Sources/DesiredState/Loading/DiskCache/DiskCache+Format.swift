import Foundation
import Git

// The file's layout: a header (magic word, format version), then records one after another.
// A record is its body's length (4 bytes, little-endian), a checksum of the body (8 bytes), and
// the body: the table, the path, the blob id and the encoded value. Records are only ever added
// at the end (one `write` of whole records, in append mode) or the file is replaced whole (a
// temporary file renamed over it), so a reader sees whole records, and at worst a torn last one.

extension DiskCache {
    static let magic: [UInt8] = Array("PLUMBDSC".utf8)
    static let headerSize = 8 + 4
    static let recordHeaderSize = 4 + 8

    /// What reading a cache file found.
    struct Scan {
        /// The value of each key (the last record wins), as ranges of the file's bytes.
        var index: [Key: Entry] = [:]
        /// Where the last whole record ends.
        var validEnd = 0
        /// Whether bytes after `validEnd` were not a whole record whose checksum matches (damage, or
        /// a record still being appended by another process).
        var damagedTail = false
    }

    /// A record's place in the file.
    struct Entry {
        /// The whole record, header included.
        var record: Range<Int>
        /// The encoded value inside it.
        var payload: Range<Int>
    }

    /// The header every file of this version starts with.
    static var header: [UInt8] { fileHeader(magic: magic, version: formatVersion) }

    /// A file header: the magic word, then the format version (4 bytes, little-endian).
    static func fileHeader(magic: [UInt8], version: UInt32) -> [UInt8] {
        var bytes = magic
        withUnsafeBytes(of: version.littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Whether `bytes` starts with this version's header.
    static func hasHeader(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.count >= headerSize && header.withUnsafeBytes { expected in
            expected.elementsEqual(UnsafeRawBufferPointer(rebasing: bytes[0..<headerSize]))
        }
    }

    /// The records of a file, or nil when it is not a file of this version. Reading stops at the
    /// first record that is cut short or whose checksum does not match.
    static func scan(_ bytes: [UInt8]) -> Scan? {
        bytes.withUnsafeBytes { buffer -> Scan? in
            guard hasHeader(buffer) else { return nil }
            var scan = Scan()
            var offset = headerSize
            scan.validEnd = offset
            while offset < buffer.count {
                guard let entry = record(at: offset, in: buffer) else {
                    scan.damagedTail = true
                    break
                }
                if let key = entry.key { scan.index[key] = entry.entry }
                offset = entry.entry.record.upperBound
                scan.validEnd = offset
            }
            return scan
        }
    }

    /// The record starting at `offset` (its key nil when it names a table this version does not
    /// know), or nil when it is cut short or damaged.
    private static func record(at offset: Int, in buffer: UnsafeRawBufferPointer) -> (key: Key?, entry: Entry)? {
        guard buffer.count - offset >= recordHeaderSize else { return nil }
        let length = Int(UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        let stored = UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt64.self))
        let bodyStart = offset + recordHeaderSize
        guard length <= buffer.count - bodyStart else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: buffer[bodyStart..<bodyStart + length])
        guard checksum(body) == stored else { return nil }
        var reader = ByteReader(buffer, offset: bodyStart)
        guard let tableCode = try? reader.byte(), let path = try? reader.string(), let idBytes = try? reader.raw(20),
              let id = ObjectID(bytes: Array(idBytes)), reader.offset <= bodyStart + length else { return nil }
        let entry = Entry(record: offset..<bodyStart + length, payload: reader.offset..<bodyStart + length)
        return (Table(rawValue: tableCode).map { Key(table: $0, path: path, id: id) }, entry)
    }

    /// Appends one record holding `key` and the value `encode` writes; false (nothing added) when
    /// `encode` declines the value.
    static func appendRecord(_ key: Key, to writer: inout ByteWriter, _ encode: (inout ByteWriter) -> Bool) -> Bool {
        let start = writer.bytes.count
        writer.write(raw: repeatElement(0, count: recordHeaderSize))
        writer.write(raw: CollectionOfOne(key.table.rawValue))
        writer.write(key.path)
        writer.write(raw: key.id.bytes)
        guard encode(&writer) else {
            writer.truncate(to: start)
            return false
        }
        let bodyStart = start + recordHeaderSize
        let length = writer.bytes.count - bodyStart
        guard length <= Int(UInt32.max) else {
            writer.truncate(to: start)
            return false
        }
        let sum = writer.bytes.withUnsafeBytes { checksum(UnsafeRawBufferPointer(rebasing: $0[bodyStart...])) }
        writer.overwrite(at: start, littleEndian: UInt32(length))
        writer.overwrite(at: start + 4, littleEndian: sum)
        return true
    }

    /// A 64-bit FNV-1a checksum of `bytes`, eight bytes at a time.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var offset = 0
        while offset + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
            hash ^= hash >> 29
            offset += 8
        }
        while offset < bytes.count {
            hash = (hash ^ UInt64(bytes[offset])) &* 0x100_0000_01b3
            offset += 1
        }
        return hash
    }

    /// The whole contents of the file at `path`, or nil when it cannot be read.
    static func readFile(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(status.st_size))
        var filled = 0
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            while filled < buffer.count {
                let count = read(descriptor, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { return count == 0 }
                filled += count
            }
            return true
        }
        guard complete else { return nil }
        bytes.removeSubrange(filled...)
        return bytes
    }

    /// Writes all of `bytes` to `descriptor`; false on any failure.
    static func writeAll(_ bytes: some ContiguousBytes, to descriptor: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }

    /// Replaces the file at `path` by `bytes` (a temporary file renamed over it); false on failure.
    static func replaceFile(_ path: String, in folder: String, with bytes: [UInt8]) -> Bool {
        let temporary = path + ".\(ProcessInfo.processInfo.processIdentifier).tmp"
        guard (try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)) != nil else { return false }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        let written = writeAll(bytes, to: descriptor)
        close(descriptor)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Adds `records` at the end of the file at `path` in one write, when that file still starts
    /// with this version's header; false otherwise.
    static func appendToFile(_ path: String, _ records: [UInt8]) -> Bool {
        let descriptor = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var start = [UInt8](repeating: 0, count: headerSize)
        let count = start.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, headerSize, 0) }
        guard count == headerSize, start.withUnsafeBytes(hasHeader) else { return false }
        return writeAll(records, to: descriptor)
    }
}
