/// Appends values to a compact binary buffer (the on-disk cache's payloads): integers as
/// zig-zag varints, strings as a length and UTF-8 bytes, doubles as their 8 bit-pattern bytes.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []

    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(count)
    }

    /// Replaces the bytes at `offset` with `value`'s, little-endian, in place.
    mutating func overwrite<T: FixedWidthInteger>(at offset: Int, littleEndian value: T) {
        withUnsafeBytes(of: value.littleEndian) { source in
            bytes.withUnsafeMutableBytes { target in
                UnsafeMutableRawBufferPointer(rebasing: target[offset..<offset + source.count]).copyMemory(from: source)
            }
        }
    }

    /// Drops what was written after the first `count` bytes.
    mutating func truncate(to count: Int) {
        bytes.removeSubrange(count...)
    }

    mutating func write(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func write(_ value: Int) {
        let wide = Int64(value)
        write(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
    }

    mutating func write(_ value: Int64) {
        write(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func write(_ value: Bool) {
        bytes.append(value ? 1 : 0)
    }

    mutating func write(_ value: Double) {
        var bits = value.bitPattern
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: bits))
            bits >>= 8
        }
    }

    mutating func write(_ value: String) {
        var text = value
        text.withUTF8 { utf8 in
            write(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func write(raw: some Collection<UInt8>) {
        bytes.append(contentsOf: raw)
    }

    mutating func write(_ value: String?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write(_ value: Int?) {
        write(value != nil)
        if let value { write(value) }
    }

    mutating func write(_ value: Double?) {
        write(value != nil)
        if let value { write(value) }
    }

    /// A count, then each element written by `element`.
    mutating func write<T>(_ values: [T], _ element: (inout ByteWriter, T) -> Void) {
        write(UInt64(values.count))
        for value in values { element(&self, value) }
    }

    /// A string map, sorted by key so that equal maps give equal bytes.
    mutating func write(_ map: [String: String]) {
        write(UInt64(map.count))
        map.forEachSortedByKey { key, value in
            write(key)
            write(value)
        }
    }
}

/// The payload could not be read back: the cache entry is ignored and the file parsed again.
struct CacheFormatError: Error {
    var message: String
}

/// Reads what `ByteWriter` wrote, checking every length against the buffer.
struct ByteReader {
    private let bytes: UnsafeRawBufferPointer
    private(set) var offset: Int

    init(_ bytes: UnsafeRawBufferPointer, offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func byte() throws -> UInt8 {
        guard offset < bytes.count else { throw CacheFormatError(message: "unexpected end of the cache data") }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func uint64() throws -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw CacheFormatError(message: "integer too long") }
            value |= UInt64(next & 0x7F) << shift
            if next < 0x80 { return value }
            shift += 7
        }
    }

    mutating func int64() throws -> Int64 {
        let raw = try uint64()
        return Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1)
    }

    mutating func int() throws -> Int {
        let value = try int64()
        guard let narrow = Int(exactly: value) else { throw CacheFormatError(message: "integer out of range") }
        return narrow
    }

    mutating func count() throws -> Int {
        let value = try uint64()
        guard value <= UInt64(bytes.count - offset) else { throw CacheFormatError(message: "count \(value) beyond the data") }
        return Int(value)
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        case let other: throw CacheFormatError(message: "invalid flag \(other)")
        }
    }

    mutating func double() throws -> Double {
        var bits: UInt64 = 0
        for shift in stride(from: 0, to: 64, by: 8) { bits |= UInt64(try byte()) << UInt64(shift) }
        return Double(bitPattern: bits)
    }

    mutating func string() throws -> String {
        let length = try count()
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        offset += length
        // The file's checksum was verified when it was opened: the bytes are what was written,
        // valid UTF-8 (decoding would replace invalid bytes rather than fail).
        return String(decoding: slice.assumingMemoryBound(to: UInt8.self), as: UTF8.self)
    }

    mutating func raw(_ length: Int) throws -> UnsafeRawBufferPointer {
        guard length >= 0, length <= bytes.count - offset else { throw CacheFormatError(message: "length \(length) beyond the data") }
        defer { offset += length }
        return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
    }

    mutating func optionalString() throws -> String? {
        try bool() ? try string() : nil
    }

    mutating func optionalInt() throws -> Int? {
        try bool() ? try int() : nil
    }

    mutating func optionalDouble() throws -> Double? {
        try bool() ? try double() : nil
    }

    mutating func array<T>(_ element: (inout ByteReader) throws -> T) throws -> [T] {
        let total = try count()
        var values: [T] = []
        values.reserveCapacity(total)
        for _ in 0..<total { values.append(try element(&self)) }
        return values
    }

    mutating func stringMap() throws -> [String: String] {
        let total = try count()
        var map: [String: String] = [:]
        map.reserveCapacity(total)
        for _ in 0..<total {
            let key = try string()
            map[key] = try string()
        }
        return map
    }
}
