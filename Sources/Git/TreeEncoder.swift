import CGit2

/// Builds git tree objects in memory and hashes them with libgit2 (`git_odb_hash`).
///
/// A tree object is the concatenation, for each entry, of `<octal mode> <name>\0<20-byte id>`,
/// with entries sorted by name bytes where a folder's name compares as if it ended with `/`.
struct TreeEncoder {
    /// One entry of a tree being built.
    struct Item {
        var name: [UInt8]
        var mode: UInt32
        var id: ObjectID
        var isTree: Bool { mode == 0o040000 }
    }

    var items: [Item] = []

    /// Hashes the tree made of `items` (in any order) and returns its id.
    func hash() throws -> ObjectID {
        let sorted = items.sorted { TreeEncoder.precedes($0.name, $0.isTree, $1.name, $1.isTree) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(sorted.reduce(0) { $0 + $1.name.count + 28 })
        for item in sorted {
            buffer.append(contentsOf: String(item.mode, radix: 8).utf8)
            buffer.append(UInt8(ascii: " "))
            buffer.append(contentsOf: item.name)
            buffer.append(0)
            buffer.append(contentsOf: item.id.bytes)
        }
        return try TreeEncoder.hash(buffer, type: GIT_OBJECT_TREE, subject: "a tree")
    }

    /// The id git gives `bytes` stored as an object of `type` (`git_odb_hash` adds the `"<type> <size>\0"` header).
    static func hash(_ bytes: [UInt8], type: git_object_t, subject: @autoclosure () -> String) throws -> ObjectID {
        try bytes.withUnsafeBytes { raw in try hash(raw, type: type, subject: subject()) }
    }

    /// The id git gives the bytes in `raw` stored as an object of `type`.
    static func hash(_ raw: UnsafeRawBufferPointer, type: git_object_t, subject: @autoclosure () -> String) throws -> ObjectID {
        var oid = git_oid()
        var empty: UInt8 = 0
        let code = withUnsafePointer(to: &empty) { fallback in
            git_odb_hash(&oid, raw.baseAddress ?? UnsafeRawPointer(fallback), raw.count, type)
        }
        try check(code, "git_odb_hash", subject: "cannot hash \(subject())")
        return ObjectID(oid)
    }

    /// git's tree order: compares names byte by byte, a folder's name followed by an implicit `/`.
    static func precedes(_ left: [UInt8], _ leftIsTree: Bool, _ right: [UInt8], _ rightIsTree: Bool) -> Bool {
        left.withUnsafeBufferPointer { l in
            right.withUnsafeBufferPointer { r in
                compareNames(l, leftIsTree, r, rightIsTree) < 0
            }
        }
    }

    /// Three-way comparison in git's tree order (negative, zero, positive).
    static func compareNames(_ left: UnsafeBufferPointer<UInt8>, _ leftIsTree: Bool,
                             _ right: UnsafeBufferPointer<UInt8>, _ rightIsTree: Bool) -> Int {
        let common = min(left.count, right.count)
        for index in 0..<common where left[index] != right[index] {
            return Int(left[index]) - Int(right[index])
        }
        let leftNext: Int = left.count > common ? Int(left[common]) : (leftIsTree ? 0x2f : 0)
        let rightNext: Int = right.count > common ? Int(right[common]) : (rightIsTree ? 0x2f : 0)
        return leftNext - rightNext
    }
}
