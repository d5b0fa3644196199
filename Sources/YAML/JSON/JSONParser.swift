/// Parses JSON (RFC 8259) into the same `YAMLNode` tree the YAML parser builds, with positions.
///
/// Accepts exactly RFC 8259 JSON: any value at the top, whitespace of space, tab, CR and LF only,
/// no comments, no trailing commas, no `NaN` or `Infinity`, no leading zeros, UTF-8 only.
/// Strings become scalars with style `.doubleQuoted` (so their type is always string); numbers,
/// `true`, `false` and `null` become `.plain` scalars holding their exact text (typed by the core
/// schema: int, float, bool, null; large numbers keep every digit). Deliberate limits, each an
/// error with its position: a duplicate key in an object (RFC 8259 leaves the meaning open), an
/// unpaired surrogate escape such as `\ud800` (it cannot be held in a Swift string), nesting
/// deeper than `maxDepth`. A UTF-8 byte order mark at the start is skipped.
public enum JSONParser {
    /// Limits for parsing.
    public struct Options: Sendable {
        /// The deepest nesting of arrays and objects allowed.
        public var maxDepth: Int

        /// Creates options.
        public init(maxDepth: Int = 512) {
            self.maxDepth = maxDepth
        }
    }

    /// Parses the JSON text in `bytes`.
    public static func parse(_ bytes: [UInt8], file: String, options: Options = Options()) throws -> YAMLNode {
        try bytes.withUnsafeBytes { try parse(buffer: $0, file: file, options: options) }
    }

    /// Parses the JSON text in `text`.
    public static func parse(_ text: String, file: String, options: Options = Options()) throws -> YAMLNode {
        var text = text
        return try text.withUTF8 { try parse(buffer: UnsafeRawBufferPointer($0), file: file, options: options) }
    }

    /// Parses JSON text in memory the caller owns for the whole call.
    public static func parse(buffer: UnsafeRawBufferPointer, file: String, options: Options = Options()) throws -> YAMLNode {
        let input = try InputCheck.stripBOM(buffer, file: file)
        var reader = JSONReader(input.bindMemory(to: UInt8.self), file: file, maxDepth: options.maxDepth)
        return try reader.parseDocument()
    }
}

/// An iterative JSON reader over UTF-8 bytes.
struct JSONReader {
    /// An open array or object; its items (keys and values, alternating) sit on `nodes` above `start`.
    struct Frame {
        var isObject: Bool
        var mark: Mark
        var start: Int
        var keyStart: Int
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    /// `file`, numbered once for every node of the document.
    let fileName: FileName
    let maxDepth: Int
    var pos = 0
    var line = 1
    var lineStart = 0
    /// UTF-8 continuation bytes between `lineStart` and `pos`, so columns count characters.
    var continuationBytes = 0
    private var frames: [Frame] = []
    let nodes = NodeStack()
    private var keyHashes: [UInt64] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, file: String, maxDepth: Int) {
        self.bytes = bytes
        self.file = file
        fileName = FileName(file)
        self.maxDepth = maxDepth
    }

    var mark: Mark { Mark(line: line, column: pos - lineStart - continuationBytes + 1) }

    func fail(_ message: String, at where: Mark? = nil) -> YAMLError {
        YAMLError(.syntax, file: file, mark: `where` ?? mark, message: message)
    }

    mutating func parseDocument() throws -> YAMLNode {
        parsing: while true {
            skipWhitespace()
            guard pos < bytes.count else { throw fail(endMessage("a value")) }
            switch bytes[pos] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let isObject = bytes[pos] == UInt8(ascii: "{")
                guard frames.count < maxDepth else {
                    throw YAMLError(.depthLimit, file: file, mark: mark,
                                    message: "arrays and objects are nested more than \(maxDepth) levels deep")
                }
                frames.append(Frame(isObject: isObject, mark: mark, start: nodes.count, keyStart: keyHashes.count))
                pos += 1
                skipWhitespace()
                let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if pos < bytes.count, bytes[pos] == close {
                    pos += 1
                    try closeFrame()
                } else {
                    if isObject { try readKey() }
                    continue parsing
                }
            case UInt8(ascii: "\""):
                try readString()
            default:
                try readLiteralOrNumber()
            }
            // A value is complete: close every collection that ends here.
            while let top = frames.last {
                skipWhitespace()
                let close = top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard pos < bytes.count else { throw fail(endMessage("',' or '\(Character(Unicode.Scalar(close)))'")) }
                if bytes[pos] == UInt8(ascii: ",") {
                    pos += 1
                    if top.isObject { try readKey() }
                    continue parsing
                }
                guard bytes[pos] == close else {
                    let what = top.isObject ? "object" : "array"
                    throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' after an item of the \(what) that starts at \(top.mark), found \(describeCurrent())")
                }
                pos += 1
                try closeFrame()
            }
            break
        }
        skipWhitespace()
        if pos < bytes.count {
            throw fail("unexpected \(describeCurrent()) after the end of the JSON value")
        }
        guard let root = nodes.popItems(from: 0).first else { throw fail("no JSON value") }
        return root
    }

    /// Reads `"key"` and `:` of an object member.
    private mutating func readKey() throws {
        skipWhitespace()
        guard pos < bytes.count else { throw fail(endMessage("a key in double quotes")) }
        guard bytes[pos] == UInt8(ascii: "\"") else {
            let trailing = bytes[pos] == UInt8(ascii: "}") ? " (trailing commas are not allowed)" : ""
            throw fail("expected a key in double quotes, found \(describeCurrent())\(trailing)")
        }
        keyHashes.append(try readString())
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else {
            throw fail(pos < bytes.count ? "expected ':' after the key, found \(describeCurrent())" : endMessage("':'"))
        }
        pos += 1
    }

    /// Replaces the items of the innermost collection on the stack with the collection node.
    private mutating func closeFrame() throws {
        guard let frame = frames.popLast() else { throw fail("unbalanced brackets") }
        let node: YAMLNode
        if frame.isObject {
            var pairs = nodes.popPairs(from: frame.start)
            if KeyHashes.containsEqual(keyHashes[frame.keyStart...]) {
                pairs = try MappingCheck(file: file, mergeKeys: false).finish(pairs)
            }
            keyHashes.removeSubrange(frame.keyStart...)
            node = YAMLNode(.mapping(pairs), mark: frame.mark, fileName: fileName)
        } else {
            node = YAMLNode(.sequence(nodes.popItems(from: frame.start)), mark: frame.mark, fileName: fileName)
        }
        nodes.push(node)
    }

    func endMessage(_ expected: String) -> String {
        if let open = frames.last {
            return "unexpected end of input: expected \(expected); the \(open.isObject ? "object" : "array") that starts at \(open.mark) is not closed"
        }
        return "unexpected end of input: expected \(expected)"
    }
}
