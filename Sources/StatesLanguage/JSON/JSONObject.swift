/// The members of a JSON object in insertion order, with fast lookup by key.
///
/// Small objects (the common case in state data) are searched linearly; an index by key is
/// kept once an object grows past `indexThreshold` members.
public struct JSONObject: Sendable {
    /// One member of an object.
    public struct Member: Sendable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue
    }

    @usableFromInline var members: [Member]
    @usableFromInline var index: [String: Int]?

    static let indexThreshold = 12

    /// An empty object.
    public init() {
        members = []
        index = nil
    }

    /// An object with the given members; a repeated key keeps its first position and last value.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        self.init()
        for (key, value) in pairs { self[key] = value }
    }

    /// Number of members.
    public var count: Int { members.count }

    /// True when the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// Member names in order.
    public var keys: [String] { members.map(\.key) }

    /// Member values in order.
    public var values: [JSONValue] { members.map(\.value) }

    /// Position of `key`, if present.
    @inlinable
    func position(of key: String) -> Int? {
        if let index { return index[key] }
        for position in members.indices where members[position].key == key { return position }
        return nil
    }

    /// The value for `key`; setting nil removes the member, setting a new key appends it.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return members[position].value
        }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    rebuildIndex()
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
                if index != nil {
                    index?[key] = members.count - 1
                } else if members.count > Self.indexThreshold {
                    rebuildIndex()
                }
            }
        }
    }

    /// Appends a member known not to be present yet (parsers that refuse repeated keys use it:
    /// it skips the lookup a subscript makes). A repeated key would make a malformed object.
    public mutating func appendNew(_ key: String, _ value: JSONValue) {
        members.append(Member(key: key, value: value))
        if index != nil {
            index?[key] = members.count - 1
        } else if members.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// Changes the value of `key` in place through `body` (no copy of the value when the object
    /// holds the only reference to it); false, and `body` not called, when there is no such member.
    @discardableResult
    public mutating func modifyValue(forKey key: String, _ body: (inout JSONValue) -> Void) -> Bool {
        guard let position = position(of: key) else { return false }
        body(&members[position].value)
        return true
    }

    /// Calls `body` with each member in order of key (`String`'s `<`), without copying the
    /// members: small objects sort their positions in stack memory.
    public func forEachSortedByKey(_ body: (String, JSONValue) throws -> Void) rethrows {
        try withUnsafeTemporaryAllocation(of: Int.self, capacity: members.count) { buffer in
            var positions = buffer
            for index in positions.indices { positions.initializeElement(at: index, to: index) }
            positions.sort { members[$0].key < members[$1].key }
            for position in positions { try body(members[position].key, members[position].value) }
        }
    }

    /// A copy whose members are sorted by key (Unicode code point order).
    public func sortedByKey() -> JSONObject {
        var copy = self
        copy.members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        copy.rebuildIndex()
        return copy
    }

    private mutating func rebuildIndex() {
        guard members.count > Self.indexThreshold else {
            index = nil
            return
        }
        var built = [String: Int](minimumCapacity: members.count)
        for (position, member) in members.enumerated() { built[member.key] = position }
        index = built
    }
}

extension JSONObject: Sequence {
    /// Iterates `(key, value)` pairs in order.
    public func makeIterator() -> some IteratorProtocol<(key: String, value: JSONValue)> {
        members.lazy.map { (key: $0.key, value: $0.value) }.makeIterator()
    }
}

extension JSONObject: Hashable {
    /// Objects are equal when they have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }

    /// Hashes independently of member order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            combined = combined &+ memberHasher.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object literal; keys keep the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }
}
