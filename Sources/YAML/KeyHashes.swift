/// Hashes of mapping keys for a cheap duplicate check: equal keys always have equal hashes,
/// so only mappings with two equal hashes need the exact (slower) comparison.
enum KeyHashes {
    /// FNV-1a over a key's UTF-8 bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// FNV-1a over a string's UTF-8 bytes.
    static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return h
    }

    /// Whether two of the hashes are equal.
    static func containsEqual(_ hashes: ArraySlice<UInt64>) -> Bool {
        if hashes.count < 2 { return false }
        if hashes.count <= 24 {
            var i = hashes.startIndex + 1
            while i < hashes.endIndex {
                var j = hashes.startIndex
                while j < i {
                    if hashes[i] == hashes[j] { return true }
                    j += 1
                }
                i += 1
            }
            return false
        }
        var seen = Set<UInt64>(minimumCapacity: hashes.count)
        for h in hashes where !seen.insert(h).inserted { return true }
        return false
    }
}
