/// Dictionaries keyed by `String` decode straight from a mapping: the standard library's generic
/// `Dictionary.init(from:)` spends most of its time in generic-metadata lookups.
protocol StringKeyedDictionary {
    static func decodeMapping(_ decoder: NodeDecoder) throws -> Self
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Decodable {
    static func decodeMapping(_ decoder: NodeDecoder) throws -> Self {
        guard case .mapping(let pairs) = decoder.node.content else { throw decoder.mismatch("a mapping") }
        if let usage = decoder.state.usage(for: pairs, path: decoder.path) {
            for i in usage.used.indices { usage.used[i] = true }
        }
        var result = Self(minimumCapacity: pairs.count)
        for pair in pairs {
            guard case .scalar(let key) = pair.key.content else {
                throw YAMLError(.typeMismatch, file: pair.key.file, mark: pair.key.mark,
                                path: decoder.path?.description ?? "",
                                message: "expected a text key, found \(pair.key.summary)")
            }
            result[key.text] = try decoder.child(pair.value, key: NameKey(key.text)).decodeValue(Value.self)
        }
        return result
    }
}
