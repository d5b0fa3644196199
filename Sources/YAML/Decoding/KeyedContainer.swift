/// Reads a mapping by key, recording which keys were read.
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoder
    let pairs: [YAMLNode.Pair]
    /// Key text to pair index, built only for larger mappings.
    private let index: [String: Int]?
    private let usage: DecodingState.Usage?

    init(decoder: NodeDecoder, pairs: [YAMLNode.Pair]) {
        self.decoder = decoder
        self.pairs = pairs
        if pairs.count > 16 {
            var index: [String: Int] = [:]
            for (i, pair) in pairs.enumerated() {
                if let text = pair.key.text, index[text] == nil { index[text] = i }
            }
            self.index = index
        } else {
            self.index = nil
        }
        usage = decoder.state.usage(for: pairs, path: decoder.path)
    }

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        if let usage { for i in usage.used.indices { usage.used[i] = true } }
        return pairs.compactMap { pair in pair.key.text.flatMap { Key(stringValue: $0) } }
    }

    private func find(_ key: Key) -> Int? {
        usage?.asked.append(key.stringValue)
        let name = key.stringValue
        if let index { return index[name] }
        return pairs.firstIndex { pair in
            if case .scalar(let scalar) = pair.key.content { return scalar.text == name }
            return false
        }
    }

    /// The decoder for the value at `key`; a missing key is an error at the mapping.
    private func child(_ key: Key) throws -> NodeDecoder {
        guard let i = find(key) else {
            let path = CodingPath(key, parent: decoder.path).description
            throw YAMLError(.missingKey, file: decoder.node.file, mark: decoder.node.mark, path: path,
                            message: "missing required field '\(key.stringValue)'")
        }
        usage?.used[i] = true
        return decoder.child(pairs[i].value, key: key)
    }

    /// The decoder for the value at `key`, marking the key read, or nil when the key is absent.
    func optionalChild(_ key: Key) -> NodeDecoder? {
        guard let i = find(key) else { return nil }
        usage?.used[i] = true
        return decoder.child(pairs[i].value, key: key)
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try child(key).node.isNull }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try child(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try child(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try child(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try child(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try child(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try child(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try child(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try child(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try child(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try child(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try child(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try child(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try child(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try child(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try child(key).decodeValue(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        guard let key = Key(stringValue: "super") else { return decoder.child(nullNode, key: NameKey("super")) }
        return try superDecoder(forKey: key)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        if let i = find(key) {
            usage?.used[i] = true
            return decoder.child(pairs[i].value, key: key)
        }
        return decoder.child(nullNode, key: key)
    }

    /// A null node at the mapping, for a super decoder of a missing key.
    private var nullNode: YAMLNode { YAMLNode(scalar: "", mark: decoder.node.mark, file: decoder.node.file) }
}
