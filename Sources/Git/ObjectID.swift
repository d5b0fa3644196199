import CGit2

/// A git object id (SHA-1, 20 bytes): a commit, tree or blob id.
///
/// A plain value: `Sendable`, `Hashable`, cheap to copy and compare.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible, Comparable {
    // The 20 bytes as three words, in memory order (so equality and hashing are three compares).
    private var head: UInt64
    private var middle: UInt64
    private var tail: UInt32

    /// Copies the id out of a libgit2 `git_oid`.
    init(_ oid: git_oid) {
        var copy = oid
        (head, middle, tail) = withUnsafeBytes(of: &copy) { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
    }

    /// Copies the id out of a libgit2 `git_oid` pointer.
    init(_ pointer: UnsafePointer<git_oid>) {
        self.init(pointer.pointee)
    }

    /// Parses a full 40-character hexadecimal id; nil if `hex` is anything else.
    public init?(hex: String) {
        let utf8 = Array(hex.utf8)
        guard utf8.count == 40 else { return nil }
        var bytes = [UInt8](repeating: 0, count: 20)
        for index in 0..<20 {
            guard let high = ObjectID.nibble(utf8[2 * index]), let low = ObjectID.nibble(utf8[2 * index + 1]) else {
                return nil
            }
            bytes[index] = high << 4 | low
        }
        self.init(bytes: bytes)
    }

    /// Builds an id from exactly 20 raw bytes; nil for any other count.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 20 else { return nil }
        (head, middle, tail) = bytes.withUnsafeBytes { raw in
            (raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
             raw.loadUnaligned(fromByteOffset: 16, as: UInt32.self))
        }
    }

    /// The 20 raw bytes.
    public var bytes: [UInt8] {
        var copy = self
        return withUnsafeBytes(of: &copy) { Array($0) }
    }

    /// The id as a libgit2 `git_oid`.
    var oid: git_oid {
        var result = git_oid()
        withUnsafeMutableBytes(of: &result) { raw in
            raw.storeBytes(of: head, toByteOffset: 0, as: UInt64.self)
            raw.storeBytes(of: middle, toByteOffset: 8, as: UInt64.self)
            raw.storeBytes(of: tail, toByteOffset: 16, as: UInt32.self)
        }
        return result
    }

    /// The 40-character lowercase hexadecimal form.
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var copy = self
        return withUnsafeBytes(of: &copy) { raw in
            String(unsafeUninitializedCapacity: 40) { buffer in
                for (index, byte) in raw.enumerated() {
                    buffer[2 * index] = digits[Int(byte >> 4)]
                    buffer[2 * index + 1] = digits[Int(byte & 0x0f)]
                }
                return 40
            }
        }
    }

    /// The first `length` hexadecimal characters (7 by default), as `git log --oneline` shows.
    public func short(_ length: Int = 7) -> String {
        String(hex.prefix(max(4, min(40, length))))
    }

    /// The full hexadecimal form.
    public var description: String { hex }

    /// Orders ids by their bytes, as git sorts them.
    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }

    /// The id git gives the empty tree.
    public static let emptyTree = ObjectID(hex: "4b825dc642cb6eb9a060e54bf8d69288fbee4904") ?? ObjectID(git_oid())

    private static func nibble(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return character - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
