import CYAML

/// Builds node trees from libyaml events, one document at a time, without recursion.
struct TreeBuilder {
    /// An open collection.
    private struct Frame {
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLNode.Pair] = []
        var pendingKey: YAMLNode?
        var mark: Mark
        var tag: String?
        var anchor: String?
        /// Nodes in this collection so far, itself included, aliases expanded.
        var size = 1
    }

    /// A node defined with `&name`, and how many nodes it holds.
    private struct Anchored {
        var node: YAMLNode
        var size: Int
    }

    let file: String
    let options: YAMLParser.Options
    private var frames: [Frame] = []
    private var anchors: [String: Anchored] = [:]
    private var aliasNodes = 0
    private var root: YAMLNode?
    private var documentStart = Mark(line: 1, column: 1)
    private var documents: [YAMLDocument] = []

    init(file: String, options: YAMLParser.Options) {
        self.file = file
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
            let node = YAMLNode(.scalar(Scalar(text: text, style: Self.style(s.style))),
                                tag: tag, mark: mark(event.start_mark), file: file)
            if let tag { try TagCheck.scalar(node, tag: tag) }
            if let anchor = s.anchor { anchors[String(cString: anchor)] = Anchored(node: node, size: 1) }
            try add(node, size: 1)
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
            frames.append(Frame(isMapping: isMapping, mark: start, tag: tag,
                                anchor: anchorPointer.map { String(cString: $0) }))
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
            guard let frame = frames.popLast() else { break }
            let content: YAMLNode.Content
            if frame.isMapping {
                content = .mapping(try MappingCheck(file: file, mergeKeys: options.mergeKeys).finish(frame.pairs))
            } else {
                content = .sequence(frame.items)
            }
            let node = YAMLNode(content, tag: frame.tag, mark: frame.mark, file: file)
            if let anchor = frame.anchor { anchors[anchor] = Anchored(node: node, size: frame.size) }
            try add(node, size: frame.size)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            try alias(name, at: mark(event.start_mark))
        case YAML_DOCUMENT_START_EVENT:
            anchors.removeAll(keepingCapacity: true)
            aliasNodes = 0
            root = nil
            documentStart = mark(event.start_mark)
        case YAML_DOCUMENT_END_EVENT:
            let node = root ?? YAMLNode(scalar: "", mark: documentStart, file: file)
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

    private mutating func add(_ node: YAMLNode, size: Int) throws {
        let last = frames.count - 1
        guard last >= 0 else {
            root = node
            return
        }
        frames[last].size += size
        if !frames[last].isMapping {
            frames[last].items.append(node)
        } else if let key = frames[last].pendingKey {
            frames[last].pairs.append(YAMLNode.Pair(key: key, value: node))
            frames[last].pendingKey = nil
        } else {
            frames[last].pendingKey = node
        }
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
