import Foundation
import Synchronization

/// JSON text of stored function configurations, both ways, remembering recent conversions.
///
/// Every Lambda call reads a function row whose configuration is JSON; Foundation's coders
/// would dominate the cost of a call, while the same few configurations come back again and
/// again. Values are immutable, so a cache keyed by text (or by value) is always right.
enum StoredConfigCodec {
    private static let limit = 4096
    private static let decoded = Mutex<[String: StoredFunctionConfig]>([:])
    private static let encoded = Mutex<[StoredFunctionConfig: String]>([:])

    /// The configuration stored as `text`.
    static func decode(_ text: String) throws -> StoredFunctionConfig {
        if let hit = decoded.withLock({ $0[text] }) { return hit }
        let value = try JSONDecoder().decode(StoredFunctionConfig.self, from: Data(text.utf8))
        decoded.withLock { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            cache[text] = value
        }
        return value
    }

    /// The JSON text stored for `value` (sorted keys, so equal values store equal text).
    static func encode(_ value: StoredFunctionConfig) throws -> String {
        if let hit = encoded.withLock({ $0[value] }) { return hit }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        encoded.withLock { cache in
            if cache.count >= limit { cache.removeAll(keepingCapacity: true) }
            cache[value] = text
        }
        return text
    }
}
