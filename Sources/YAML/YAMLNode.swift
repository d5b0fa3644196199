/// One node of a parsed YAML (or JSON) document: a scalar, a sequence or a mapping, with the
/// place it came from.
///
/// Nodes are values. Aliases are expanded into copies of the anchored node (copies share storage,
/// and the parser limits how many nodes aliases may produce). Equality (`==`) compares content
/// and explicit tags only, never positions or file names.
public struct YAMLNode: Sendable {
    /// What a node holds.
    public enum Content: Sendable {
        /// A scalar: its text exactly as written (after unescaping and folding) and its style.
        case scalar(Scalar)
        /// A sequence of nodes, in document order.
        case sequence([YAMLNode])
        /// A mapping: key/value pairs in document order (keys are unique).
        case mapping([Pair])
    }

    /// One key/value entry of a mapping.
    public struct Pair: Sendable, Equatable {
        /// The key node (usually a scalar).
        public var key: YAMLNode
        /// The value node.
        public var value: YAMLNode

        /// Creates a pair.
        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    /// The node's content.
    public var content: Content
    /// The explicit tag in full form (`tag:yaml.org,2002:str` for `!!str`, `!Ref`, `!`), or nil.
    public var tag: String?
    /// Where the node starts (1-based line and column).
    public var mark: Mark
    /// The name of the file the node came from, as given to the parser.
    public var file: String {
        get { fileName.name }
        set { fileName = FileName(newValue) }
    }
    /// `file`, kept as its number in the process's table of names (see `FileName`).
    var fileName: FileName

    /// Creates a node.
    public init(_ content: Content, tag: String? = nil, mark: Mark, file: String) {
        self.init(content, tag: tag, mark: mark, fileName: FileName(file))
    }

    /// Creates a node of a file already numbered.
    init(_ content: Content, tag: String? = nil, mark: Mark, fileName: FileName) {
        self.content = content
        self.tag = tag
        self.mark = mark
        self.fileName = fileName
    }

    /// Creates a scalar node with the given text and style.
    public init(scalar text: String, style: ScalarStyle = .plain, tag: String? = nil, mark: Mark, file: String) {
        self.init(.scalar(Scalar(text: text, style: style)), tag: tag, mark: mark, file: file)
    }
}

/// The text of a scalar and how it was written.
public struct Scalar: Sendable, Hashable {
    /// The scalar's text after unescaping, line folding and chomping.
    public var text: String
    /// How the scalar was written.
    public var style: ScalarStyle

    /// Creates a scalar.
    public init(text: String, style: ScalarStyle) {
        self.text = text
        self.style = style
    }
}

/// How a scalar was written in the source.
public enum ScalarStyle: Sendable, Hashable {
    /// Unquoted (`memoryMB: 512`); in JSON: a number, `true`, `false` or `null`.
    case plain
    /// Single-quoted (`'text'`).
    case singleQuoted
    /// Double-quoted (`"text"`); in JSON: every string.
    case doubleQuoted
    /// A literal block (`|`), line breaks kept.
    case literal
    /// A folded block (`>`), line breaks folded into spaces.
    case folded

    /// True for every style except `plain`: such scalars are always strings unless tagged.
    public var isQuotedOrBlock: Bool { self != .plain }
}

/// A parsed document of a multi-document stream.
public struct YAMLDocument: Sendable {
    /// The document's root node (a null scalar for an empty document).
    public var root: YAMLNode
    /// The 0-based position of the document in its stream.
    public var index: Int

    /// Creates a document.
    public init(root: YAMLNode, index: Int) {
        self.root = root
        self.index = index
    }
}
