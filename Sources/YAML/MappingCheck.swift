/// Finishes a mapping: rejects duplicate keys and applies merge keys (`<<`).
struct MappingCheck {
    let file: String
    let mergeKeys: Bool

    /// The identity of a key for duplicate detection: equal identities are the same key.
    enum KeyIdentity: Hashable {
        case string(String)
        case null
        case bool(Bool)
        case int(Int)
        case number(String)
        case tagged(String, String)
        /// A collection key; compared structurally, never hashed together.
        case collection(Int)
    }

    /// The pairs of the finished mapping, in document order, merge keys replaced by merged pairs.
    func finish(_ pairs: [YAMLNode.Pair]) throws -> [YAMLNode.Pair] {
        if mergeKeys, pairs.contains(where: { Self.isMergeKey($0.key) }) {
            return try merge(pairs)
        }
        try checkDuplicates(pairs)
        return pairs
    }

    static func isMergeKey(_ key: YAMLNode) -> Bool {
        guard case .scalar(let scalar) = key.content, scalar.text == "<<" else { return false }
        if let tag = key.tag { return tag == CoreTag.merge }
        return scalar.style == .plain
    }

    static func identity(_ key: YAMLNode, index: Int) -> KeyIdentity {
        guard case .scalar(let scalar) = key.content else { return .collection(index) }
        if let tag = key.tag, tag != CoreTag.string, tag != "!" {
            switch key.scalarKind {
            case .string?: return .tagged(tag, scalar.text)
            default: break
            }
        }
        switch key.scalarKind ?? .string {
        case .string: return .string(scalar.text)
        case .null: return .null
        case .bool: return .bool(key.bool ?? false)
        case .int: return CoreValues.int(scalar.text).map { .int($0) } ?? .number(scalar.text)
        case .float: return .number(CoreValues.double(scalar.text).map { "\($0)" } ?? scalar.text)
        }
    }

    private func duplicateError(_ key: YAMLNode, first: YAMLNode) -> YAMLError {
        let name = key.text.map { "'\($0)'" } ?? "(\(key.summary))"
        return YAMLError(.duplicateKey, file: file, mark: key.mark,
                         message: "duplicate key \(name): already defined at \(first.mark.line):\(first.mark.column); a key may appear only once in a mapping")
    }

    private func checkDuplicates(_ pairs: [YAMLNode.Pair]) throws {
        if pairs.count < 2 { return }
        if pairs.count <= 12 {
            // Keys are nearly always untagged strings: compare texts, and compute typed
            // identities only for keys that may be numbers, bools or nulls, or are collections.
            var typed: [Int] = []
            for i in pairs.indices {
                let key = pairs[i].key
                guard case .scalar(let scalar) = key.content, key.tag == nil,
                      scalar.style != .plain || !Self.mayBeTyped(scalar.text) else {
                    typed.append(i)
                    continue
                }
                for j in 0..<i {
                    if case .scalar(let other) = pairs[j].key.content, other.text == scalar.text,
                       Self.identity(pairs[j].key, index: j) == .string(scalar.text) {
                        throw duplicateError(key, first: pairs[j].key)
                    }
                }
            }
            guard typed.count > 1 else { return }
            let ids = typed.map { Self.identity(pairs[$0].key, index: $0) }
            for a in 1..<typed.count {
                for b in 0..<a where same(ids[a], ids[b], pairs[typed[a]].key, pairs[typed[b]].key) {
                    throw duplicateError(pairs[typed[a]].key, first: pairs[typed[b]].key)
                }
            }
            return
        }
        let ids = pairs.indices.map { Self.identity(pairs[$0].key, index: $0) }
        var seen: [KeyIdentity: Int] = [:]
        seen.reserveCapacity(pairs.count)
        var collections: [Int] = []
        for (i, id) in ids.enumerated() {
            if case .collection = id {
                if let j = collections.first(where: { pairs[$0].key == pairs[i].key }) {
                    throw duplicateError(pairs[i].key, first: pairs[j].key)
                }
                collections.append(i)
            } else if let j = seen.updateValue(i, forKey: id) {
                throw duplicateError(pairs[i].key, first: pairs[j].key)
            }
        }
    }

    /// Whether a plain scalar's text could resolve to something other than a string.
    static func mayBeTyped(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"),
             UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    private func same(_ a: KeyIdentity, _ b: KeyIdentity, _ keyA: YAMLNode, _ keyB: YAMLNode) -> Bool {
        if case .collection = a, case .collection = b { return keyA == keyB }
        return a == b
    }

    private func merge(_ pairs: [YAMLNode.Pair]) throws -> [YAMLNode.Pair] {
        let mergeIndices = pairs.indices.filter { Self.isMergeKey(pairs[$0].key) }
        if mergeIndices.count > 1 {
            let second = pairs[mergeIndices[1]].key
            throw YAMLError(.duplicateKey, file: file, mark: second.mark,
                            message: "duplicate merge key '<<': already used at \(pairs[mergeIndices[0]].key.mark); merge several mappings with one key: '<<: [*a, *b]'")
        }
        let explicit = pairs.filter { !Self.isMergeKey($0.key) }
        try checkDuplicates(explicit)
        var seen = Set(explicit.indices.map { Self.identity(explicit[$0].key, index: -1 - $0) })
        let value = pairs[mergeIndices[0]].value
        let sources: [YAMLNode]
        switch value.content {
        case .mapping: sources = [value]
        case .sequence(let items): sources = items
        case .scalar: sources = [value]
        }
        var merged: [YAMLNode.Pair] = []
        for source in sources {
            guard case .mapping(let sourcePairs) = source.content else {
                throw YAMLError(.invalidMerge, file: file, mark: source.mark,
                                message: "the merge key '<<' takes a mapping or a list of mappings, but found \(source.summary)")
            }
            for pair in sourcePairs where seen.insert(Self.identity(pair.key, index: merged.count)).inserted {
                merged.append(pair)
            }
        }
        var result: [YAMLNode.Pair] = []
        result.reserveCapacity(explicit.count + merged.count)
        for pair in pairs {
            if Self.isMergeKey(pair.key) { result.append(contentsOf: merged) } else { result.append(pair) }
        }
        return result
    }
}

/// Checks that explicit tags fit the nodes they are on.
enum TagCheck {
    static func scalar(_ text: String, tag: String, file: String, mark: Mark) throws {
        let fits: Bool
        var text = text
        switch tag {
        case CoreTag.int: fits = text.withUTF8 { !$0.isEmpty && ScalarKind.isInt($0) }
        case CoreTag.float: fits = text.withUTF8 { let k = ScalarKind.ofPlain(bytes: $0); return k == .int || k == .float }
        case CoreTag.bool: fits = ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text)
        case CoreTag.null: fits = ScalarKind.ofPlain(text) == .null
        case CoreTag.map, CoreTag.seq:
            throw YAMLError(.invalidTag, file: file, mark: mark,
                            message: "the tag \(shortName(tag)) is for collections, but the value is a scalar")
        default: fits = true
        }
        if !fits {
            throw YAMLError(.invalidTag, file: file, mark: mark,
                            message: "'\(text)' is not a valid \(shortName(tag)) value")
        }
    }

    static func collection(isMapping: Bool, tag: String, file: String, mark: Mark) throws {
        let scalarTags = [CoreTag.string, CoreTag.int, CoreTag.float, CoreTag.bool, CoreTag.null]
        let wrong = scalarTags.contains(tag) || (isMapping && tag == CoreTag.seq) || (!isMapping && tag == CoreTag.map)
        if wrong {
            throw YAMLError(.invalidTag, file: file, mark: mark,
                            message: "the tag \(shortName(tag)) does not fit a \(isMapping ? "mapping" : "sequence")")
        }
    }

    /// `!!int` for a core tag, the tag itself otherwise.
    static func shortName(_ tag: String) -> String {
        let prefix = "tag:yaml.org,2002:"
        return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}
