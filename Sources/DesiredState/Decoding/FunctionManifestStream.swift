import YAML

/// Decodes a file holding one Function manifest straight from the parser's events, without
/// building the document's node tree (functions are most of the manifests of a large repository).
///
/// Only a plain, valid manifest is decoded this way: one document, `apiVersion`, `kind` (before
/// `spec`), `metadata` and `spec` each once, no anchors, aliases or tags, no repeated keys, and
/// nothing to report. For anything else `decode` gives nil and `ManifestFile.parse` reads the file
/// through node trees, which report every problem. Every field goes through the same `FieldReader`
/// methods as there, so both ways decode a manifest to the same result.
enum FunctionManifestStream {
    /// The decoded file, or nil when it must be read through node trees.
    static func decode(path: String, bytes: UnsafeRawBufferPointer) -> ManifestFile? {
        guard mentionsFunction(bytes), let events = YAMLEventReader(buffer: bytes, file: path) else { return nil }
        var decoder = Decoder(events: events, file: path)
        guard let manifest = try? decoder.manifest() else { return nil }
        return ManifestFile(manifests: [manifest], diagnostics: [], foreignDocuments: [])
    }

    /// Whether the bytes hold `Function` at all: other files skip straight to the node trees.
    static func mentionsFunction(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let word: StaticString = "Function"
        let letters = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count >= letters.count else { return false }
        for start in 0...(bytes.count - letters.count) where bytes[start] == letters[0] {
            if (1..<letters.count).allSatisfy({ bytes[start + $0] == letters[$0] }) { return true }
        }
        return false
    }

    /// The file is not one for this decoder.
    private struct Fallback: Error {}

    private struct Decoder {
        let events: YAMLEventReader
        let file: String
        var reader = FieldReader(resource: nil)

        /// Collections deeper than this inside a field fall back (the node trees enforce the limit).
        static let maxDepth = 32

        init(events: YAMLEventReader, file: String) {
            self.events = events
            self.file = file
        }

        mutating func next() throws -> YAMLEventReader.Event {
            guard let event = events.next() else { throw Fallback() }
            return event
        }

        /// The string key of a mapping entry; anything else (the end of the mapping included)
        /// falls back.
        mutating func key(_ event: YAMLEventReader.Event) throws -> (text: String, node: YAMLNode) {
            guard case .scalar(let node) = event, let text = node.string, text != "<<" else { throw Fallback() }
            return (text, node)
        }

        mutating func manifest() throws -> DecodedManifest {
            guard case .documentStart = try next(), case .mappingStart = try next() else { throw Fallback() }
            let envelope = ["apiVersion", "kind", "metadata", "spec"]
            var seen: UInt32 = 0
            var name: (text: String, node: YAMLNode)?
            var labels: [String: String] = [:]
            var spec: FunctionSpec?
            while true {
                let event = try next()
                if case .mappingEnd = event { break }
                let key = try key(event)
                guard let position = envelope.firstIndex(of: key.text), seen & (1 << position) == 0 else { throw Fallback() }
                seen |= 1 << position
                switch key.text {
                case "apiVersion":
                    guard try string(at: "apiVersion") == ManifestEnvelope.apiVersion else { throw Fallback() }
                case "kind":
                    guard try string(at: "kind") == ResourceKind.function.rawValue else { throw Fallback() }
                case "metadata":
                    (name, labels) = try metadata()
                case "spec":
                    guard seen & 0b10 != 0, case .mappingStart(let mark) = try next() else { throw Fallback() }
                    spec = try functionSpec(at: mark)
                default:
                    throw Fallback()
                }
            }
            guard seen == 0b1111, let name, let spec, case .documentEnd = try next(), case .streamEnd = try next(),
                  NameRules.check(kind: .function, name.text) == nil, reader.diagnostics.items.isEmpty else { throw Fallback() }
            let id = ResourceID(.function, name.text)
            let parsed = ParsedManifest(id: id, labels: labels, spec: nil, documentIndex: 0,
                                        location: FieldReader.location(name.node), file: file)
            return DecodedManifest(parsed: parsed, spec: .function(spec), diagnostics: [], references: reader.references)
        }

        /// A scalar value read with `FieldReader.string`.
        mutating func string(at path: String) throws -> String {
            guard case .scalar(let node) = try next(), let text = reader.string(node, at: path) else { throw Fallback() }
            return text
        }

        /// `metadata`: `name` and optional `labels`.
        mutating func metadata() throws -> (name: (text: String, node: YAMLNode), labels: [String: String]) {
            guard case .mappingStart = try next() else { throw Fallback() }
            var name: (text: String, node: YAMLNode)?
            var labels: [String: String]?
            while true {
                let event = try next()
                if case .mappingEnd = event { break }
                switch try key(event).text {
                case "name" where name == nil:
                    guard case .scalar(let node) = try next(), let text = reader.string(node, at: "metadata.name") else { throw Fallback() }
                    name = (text, node)
                case "labels" where labels == nil:
                    labels = reader.stringMap(try node(from: next(), depth: 0), at: "metadata.labels")
                    guard labels != nil else { throw Fallback() }
                default:
                    throw Fallback()
                }
            }
            guard let name else { throw Fallback() }
            return (name, labels ?? [:])
        }

        /// The fields of `spec` (the mapping at `mark` has started), each decoded as
        /// `FieldReader.functionSpec` decodes it.
        mutating func functionSpec(at mark: Mark) throws -> FunctionSpec {
            var decoding = FieldReader.FunctionDecoding()
            var seen: UInt32 = 0
            while true {
                let event = try next()
                if case .mappingEnd = event { break }
                let key = try key(event)
                guard let position = FieldReader.functionFields.firstIndex(of: key.text), seen & (1 << position) == 0 else { throw Fallback() }
                seen |= 1 << position
                reader.functionField(key.text, key.node, try node(from: next(), depth: 0), into: &decoding)
            }
            guard decoding.hasRequired else { throw Fallback() }
            reader.finishFunction(&decoding, spec: YAMLNode(.mapping([]), mark: mark, file: file))
            return decoding.result
        }

        /// The node starting with `event` (a field's value), built as `YAMLParser` builds it.
        mutating func node(from event: YAMLEventReader.Event, depth: Int) throws -> YAMLNode {
            switch event {
            case .scalar(let node):
                return node
            case .mappingStart(let mark):
                guard depth < Self.maxDepth else { throw Fallback() }
                var pairs: [YAMLNode.Pair] = []
                while true {
                    let event = try next()
                    if case .mappingEnd = event { break }
                    let key = try key(event)
                    guard !pairs.contains(where: { $0.key.text == key.text }) else { throw Fallback() }
                    pairs.append(YAMLNode.Pair(key: key.node, value: try node(from: next(), depth: depth + 1)))
                }
                return YAMLNode(.mapping(pairs), mark: mark, file: file)
            case .sequenceStart(let mark):
                guard depth < Self.maxDepth else { throw Fallback() }
                var items: [YAMLNode] = []
                while true {
                    let event = try next()
                    if case .sequenceEnd = event { break }
                    items.append(try node(from: event, depth: depth + 1))
                }
                return YAMLNode(.sequence(items), mark: mark, file: file)
            default:
                throw Fallback()
            }
        }
    }
}
