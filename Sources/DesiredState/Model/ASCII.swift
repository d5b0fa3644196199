/// Fast checks on the bytes of ASCII-only rules (names, keys), without Unicode property lookups.
enum ASCII {
    /// Whether every byte of `text` is accepted by `allowed` (over the contiguous bytes: a
    /// string's UTF-8 view steps through them one index at a time).
    static func all(_ text: String, _ allowed: (UInt8) -> Bool) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.allSatisfy(allowed) } ?? text.utf8.allSatisfy(allowed)
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isAlphanumeric(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) }

    /// Whether `needle` occurs in `haystack` (byte comparison).
    static func contains(_ haystack: String, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return true }
        let first = needle.utf8Start.pointee
        var text = haystack
        return text.withUTF8 { bytes in
            guard bytes.count >= count else { return false }
            var index = 0
            let last = bytes.count - count
            while index <= last {
                if bytes[index] == first {
                    var offset = 1
                    while offset < count, bytes[index + offset] == needle.utf8Start[offset] { offset += 1 }
                    if offset == count { return true }
                }
                index += 1
            }
            return false
        }
    }
}
