import CYAML

/// Builds node trees from libyaml events, one document at a time, without recursion.
struct TreeBuilder {
    /// An open collection; its children sit on the node stack above `start`.
    private struct Frame {
        var isMapping: Bool
        var start: Int
        var mark: Mark
        var tag: String?
        var anchor: String?
        /// Nodes in this collection so far, itself included, aliases expanded.
        var size = 1
        /// Where this mapping's key hashes start on `keyHashes`.
        var keyStart = 0
        /// Set when a key is not a plain string (typed, tagged, a collection, an alias or `<<`):
        /// the full key check runs instead of the hash comparison.
        var needsFullCheck = false
    }

    /// A node defined with `&name`, and how many nodes it holds.
    private struct Anchored {
        var node: YAMLNode
        var size: Int
    }

    let file: String
    /// `file`, numbered once for every node of the stream.
    private let fileName: FileName
    let options: YAMLParser.Options
    private var frames: [Frame] = []
    private let nodes = NodeStack()
    /// Hashes of the string keys of the open mappings, for a cheap duplicate check.
    private var keyHashes: [UInt64] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasNodes = 0
    private var root: YAMLNode?
    private var documentStart = Mark(line: 1, column: 1)
    private var documents: [YAMLDocument] = []

    init(file: String, options: YAMLParser.Options) {
        self.file = file
        fileName = FileName(file)
        self.options = options
    }

    /// Runs the parser to the end of the stream and returns its documents.
    mutating func run(_ parser: EventParser, source: UnsafeRawBufferPointer) throws -> [YAMLDocument] {
        while true {
            guard let finished = try parser.next({ try handle(&$0) }) else {
                throw LibYAMLErrors.error(parser.failure(), file: file, source: source)
            }
            if finished { return documents }
        }
    }

    private func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: m.line + 1, column: m.column + 1)
    }

    /// Handles one event; returns true at the end of the stream.
    private mutating func handle(_ event: inout yaml_event_t) throws -> Bool {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            let tag = s.tag.map { String(cString: $0) }
            if isAtKey {
                let bytes = UnsafeBufferPointer(start: s.value, count: s.value == nil ? 0 : s.length)
                let plainString = tag == nil && (s.style != YAML_PLAIN_SCALAR_STYLE
                    || (ScalarKind.ofPlain(bytes: bytes) == .string && !(bytes.count == 2 && bytes[0] == 0x3C && bytes[1] == 0x3C)))
                try noteKey(hash: plainString ? KeyHashes.hash(bytes) : nil)
            }
            let start = mark(event.start_mark)
            if let tag { try TagCheck.scalar(text, tag: tag, file: file, mark: start) }
            if let anchor = s.anchor {
                anchors[String(cString: anchor)] = Anchored(
                    node: YAMLNode(.scalar(Scalar(text: text, style: Self.style(s.style))), tag: tag, mark: start, fileName: fileName),
                    size: 1)
            }
            addScalar(text, style: Self.style(s.style), tag: tag, mark: start)
        case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let start = mark(event.start_mark)
            guard frames.count < options.maxDepth else {
                throw YAMLError(.depthLimit, file: file, mark: start,
                                message: "collections are nested more than \(options.maxDepth) levels deep")
            }
            let (tagPointer, anchorPointer) = isMapping
                ? (event.data.mapping_start.tag, event.data.mapping_start.anchor)
                : (event.data.sequence_start.tag, event.data.sequence_start.anchor)
            let tag = tagPointer.map { String(cString: $0) }
            if let tag { try TagCheck.collection(isMapping: isMapping, tag: tag, file: file, mark: start) }
            try noteKey(hash: nil)
            frames.append(Frame(isMapping: isMapping, start: nodes.count, mark: start, tag: tag,
                                anchor: anchorPointer.map { String(cString: $0) }, keyStart: keyHashes.count))
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let frame = frames.popLast() else { break }
            let content: YAMLNode.Content
            if frame.isMapping {
                let pairs = nodes.popPairs(from: frame.start)
                let suspect = frame.needsFullCheck || KeyHashes.containsEqual(keyHashes[frame.keyStart...])
                keyHashes.removeSubrange(frame.keyStart...)
                content = .mapping(suspect ? try MappingCheck(file: file, mergeKeys: options.mergeKeys).finish(pairs) : pairs)
            } else {
                content = .sequence(nodes.popItems(from: frame.start))
            }
            let node = YAMLNode(content, tag: frame.tag, mark: frame.mark, fileName: fileName)
            if let anchor = frame.anchor { anchors[anchor] = Anchored(node: node, size: frame.size) }
            try add(consume node, size: frame.size)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            try noteKey(hash: nil)
            try alias(name, at: mark(event.start_mark))
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            aliasNodes = 0
            root = nil
            documentStart = mark(event.start_mark)
        case YAML_DOCUMENT_END_EVENT:
            let node = root ?? YAMLNode(.scalar(Scalar(text: "", style: .plain)), mark: documentStart, fileName: fileName)
            documents.append(YAMLDocument(root: node, index: documents.count))
        case YAML_STREAM_END_EVENT:
            return true
        default:
            break
        }
        return false
    }

    private mutating func alias(_ name: String, at where: Mark) throws {
        guard let anchored = anchors[name] else {
            if frames.contains(where: { $0.anchor == name }) {
                throw YAMLError(.unknownAlias, file: file, mark: `where`,
                                message: "alias '*\(name)' refers to a collection that contains it; recursive aliases are not allowed")
            }
            throw YAMLError(.unknownAlias, file: file, mark: `where`,
                            message: "unknown alias '*\(name)': no anchor '&\(name)' is defined before it in this document")
        }
        aliasNodes += anchored.size
        if aliasNodes > options.maxAliasNodes {
            throw YAMLError(.aliasExpansionLimit, file: file, mark: `where`,
                            message: "aliases expand to more than \(options.maxAliasNodes) nodes in this document (at alias '*\(name)'); this looks like an alias bomb — reduce the use of aliases")
        }
        try add(anchored.node, size: anchored.size)
    }

    /// True when the next node completes a key of the innermost mapping.
    private var isAtKey: Bool {
        let last = frames.count - 1
        guard last >= 0, frames[last].isMapping else { return false }
        return (nodes.count - frames[last].start) & 1 == 0
    }

    /// Records a key of the innermost mapping: its hash, or nil when it needs the full check.
    private mutating func noteKey(hash: UInt64?) throws {
        guard isAtKey else { return }
        if let hash {
            keyHashes.append(hash)
        } else {
            frames[frames.count - 1].needsFullCheck = true
        }
    }

    private mutating func addScalar(_ text: consuming String, style: ScalarStyle, tag: consuming String?, mark: Mark) {
        let last = frames.count - 1
        guard last >= 0 else {
            root = YAMLNode(.scalar(Scalar(text: text, style: style)), tag: tag, mark: mark, fileName: fileName)
            return
        }
        frames[last].size += 1
        nodes.pushScalar(text, style: style, tag: tag, mark: mark, file: fileName)
    }

    private mutating func add(_ node: consuming YAMLNode, size: Int) throws {
        let last = frames.count - 1
        guard last >= 0 else {
            root = node
            return
        }
        frames[last].size += size
        nodes.push(node)
    }

    private static func style(_ style: yaml_scalar_style_t) -> ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }
}
