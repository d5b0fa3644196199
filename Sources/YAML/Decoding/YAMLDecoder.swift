/// Decodes `Decodable` values from YAML (or JSON) node trees.
///
/// Errors are `YAMLError`s that name `file:line:column`, the key path
/// (`spec.rollout.healthGates.maxErrorRate`) and what was expected against what was found.
/// Typing follows the YAML 1.2 core schema with no coercion: numbers decode only from int or
/// float scalars (a quoted `"512"` is a string, and decoding it as `Int` is an error), bools only
/// from `true`/`false`, strings only from scalars that are strings (`port: 80` is not a string;
/// write `port: "80"`). `null`, `~` and empty values decode as `nil` for optionals.
/// A `YAMLNode` property receives the node itself, untyped, for callers that read it later.
public struct YAMLDecoder: Sendable {
    /// Values passed to `Decoder.userInfo` of every decoder.
    public var userInfo: [CodingUserInfoKey: any Sendable]

    /// Creates a decoder.
    public init(userInfo: [CodingUserInfoKey: any Sendable] = [:]) {
        self.userInfo = userInfo
    }

    /// Decodes a value of type `T` from `node`.
    public func decode<T: Decodable>(_ type: T.Type = T.self, from node: YAMLNode) throws -> T {
        try run(type, node: node, reportUnknownKeys: false).value
    }

    /// Decodes a value of type `T` from `node`, and lists every mapping key that `T` did not read.
    ///
    /// Keys under a key that is itself unknown are not listed separately.
    public func decodeReportingUnknownKeys<T: Decodable>(_ type: T.Type = T.self, from node: YAMLNode) throws -> (value: T, unknownKeys: [UnknownKey]) {
        try run(type, node: node, reportUnknownKeys: true)
    }

    /// Parses `bytes` as a single YAML document and decodes a value of type `T` from it.
    public func decode<T: Decodable>(_ type: T.Type = T.self, from bytes: [UInt8], file: String) throws -> T {
        try decode(type, from: try YAMLParser.parseSingle(bytes, file: file))
    }

    private func run<T: Decodable>(_ type: T.Type, node: YAMLNode, reportUnknownKeys: Bool) throws -> (value: T, unknownKeys: [UnknownKey]) {
        let state = DecodingState(userInfo: userInfo, reportUnknownKeys: reportUnknownKeys)
        let decoder = NodeDecoder(node: node, path: nil, state: state)
        do {
            let value = try decoder.decodeValue(type)
            return (value, reportUnknownKeys ? state.unknownKeys() : [])
        } catch let error as DecodingError {
            throw DecodingState.convert(error, root: node)
        }
    }
}

/// A mapping key present in the document that the decoded type did not read.
public struct UnknownKey: Sendable, Hashable, CustomStringConvertible {
    /// The key as written.
    public var key: String
    /// The key path of the key itself (`spec.memroyMB`).
    public var path: String
    /// The file the key is in.
    public var file: String
    /// Where the key is (1-based).
    public var mark: Mark
    /// The keys the decoded type looked for in the same mapping, sorted.
    public var knownKeys: [String]

    /// Creates an unknown-key report.
    public init(key: String, path: String, file: String, mark: Mark, knownKeys: [String]) {
        self.key = key
        self.path = path
        self.file = file
        self.mark = mark
        self.knownKeys = knownKeys
    }

    /// The known key closest to `key`, if one is close enough to be a likely typo.
    public var suggestion: String? { YAML.suggestion(for: key, among: knownKeys) }

    /// `file:line:column: unknown field 'memroyMB' (did you mean 'memoryMB'?) at spec.memroyMB`.
    public var description: String {
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        return "\(file):\(mark.line):\(mark.column): unknown field '\(key)'\(hint) at \(path)"
    }
}
