/// The most recent bytes a worker wrote to its log (stderr), bounded in size.
struct LogTail: Sendable {
    /// Bytes kept at most (more are read, the oldest dropped).
    let limit: Int
    private(set) var bytes: [UInt8] = []
    /// Everything received, kept or not.
    private(set) var totalBytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds what was read; drops the oldest bytes once twice the limit is held.
    mutating func append(_ chunk: UnsafeBufferPointer<UInt8>) {
        totalBytes += chunk.count
        guard limit > 0 else { return }
        if chunk.count >= limit {
            bytes = Array(chunk.suffix(limit))
            return
        }
        bytes.append(contentsOf: chunk)
        if bytes.count > 2 * limit { bytes.removeFirst(bytes.count - limit) }
    }

    /// Whether any of the kept bytes contain `marker`.
    func contains(_ marker: String) -> Bool {
        let needle = Array(marker.utf8)
        guard !needle.isEmpty, bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if Array(bytes[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }

    /// The last `limit` bytes of `text` as text, starting at a whole UTF-8 character.
    static func tail(of text: [UInt8], limit: Int) -> String {
        guard text.count > limit else { return String(decoding: text, as: UTF8.self) }
        var start = text.count - limit
        while start < text.count && text[start] & 0xC0 == 0x80 { start += 1 }
        return String(decoding: text[start...], as: UTF8.self)
    }
}
