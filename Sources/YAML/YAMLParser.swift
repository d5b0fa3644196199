/// Parses YAML streams into `YAMLNode` trees with libyaml's event parser.
///
/// Every node carries its 1-based line and column and the file name given here. Scalars are
/// typed by the YAML 1.2 core schema (see `ScalarKind`). Aliases are expanded, up to
/// `Options.maxAliasNodes` nodes in total per document; duplicate keys, unknown aliases,
/// nesting deeper than `Options.maxDepth` and bytes that are not UTF-8 are errors.
/// Merge keys (`<<: *defaults`, `<<: [*a, *b]`) are supported unless `Options.mergeKeys` is off:
/// keys written in the mapping win over merged ones, and earlier merged mappings win over later.
public enum YAMLParser {
    /// Limits and switches for parsing.
    public struct Options: Sendable {
        /// The most nodes that aliases may produce in one document (each use of an alias counts
        /// every node of the anchored value).
        public var maxAliasNodes: Int
        /// The deepest nesting of collections allowed.
        public var maxDepth: Int
        /// Whether `<<` keys merge mappings (YAML 1.1 merge keys); when false `<<` is a plain key.
        public var mergeKeys: Bool

        /// Creates options; the defaults suit configuration files.
        public init(maxAliasNodes: Int = 100_000, maxDepth: Int = 512, mergeKeys: Bool = true) {
            self.maxAliasNodes = maxAliasNodes
            self.maxDepth = maxDepth
            self.mergeKeys = mergeKeys
        }
    }

    /// Parses every document of a YAML stream held in `bytes`.
    public static func parse(_ bytes: [UInt8], file: String, options: Options = Options()) throws -> [YAMLDocument] {
        try bytes.withUnsafeBytes { try parse(buffer: $0, file: file, options: options) }
    }

    /// Parses every document of a YAML stream held in `text`.
    public static func parse(_ text: String, file: String, options: Options = Options()) throws -> [YAMLDocument] {
        var text = text
        return try text.withUTF8 { try parse(buffer: UnsafeRawBufferPointer($0), file: file, options: options) }
    }

    /// Parses every document of a YAML stream in memory the caller owns for the whole call.
    public static func parse(buffer: UnsafeRawBufferPointer, file: String, options: Options = Options()) throws -> [YAMLDocument] {
        let input = try InputCheck.stripBOM(buffer, file: file)
        guard let base = input.baseAddress, input.count > 0 else { return [] }
        let parser = EventParser(input: base.assumingMemoryBound(to: UInt8.self), count: input.count)
        var builder = TreeBuilder(file: file, options: options)
        return try builder.run(parser, source: input)
    }

    /// Parses a file by its name: JSON (with `JSONParser`, one document) when `file` ends in
    /// `.json`, YAML otherwise.
    public static func parseFile(_ bytes: [UInt8], file: String, options: Options = Options()) throws -> [YAMLDocument] {
        try bytes.withUnsafeBytes { try parseFile(buffer: $0, file: file, options: options) }
    }

    /// Parses a file held in memory the caller owns for the whole call: JSON when `file` ends in
    /// `.json`, YAML otherwise.
    public static func parseFile(buffer: UnsafeRawBufferPointer, file: String, options: Options = Options()) throws -> [YAMLDocument] {
        if file.hasSuffix(".json") {
            let root = try JSONParser.parse(buffer: buffer, file: file, options: JSONParser.Options(maxDepth: options.maxDepth))
            return [YAMLDocument(root: root, index: 0)]
        }
        return try parse(buffer: buffer, file: file, options: options)
    }

    /// Parses a stream that must hold exactly one document; an empty stream gives a null node.
    public static func parseSingle(_ bytes: [UInt8], file: String, options: Options = Options()) throws -> YAMLNode {
        let documents = try parse(bytes, file: file, options: options)
        if documents.count > 1 {
            throw YAMLError(.documentCount, file: file, mark: documents[1].root.mark,
                            message: "expected one document but found \(documents.count); remove the extra '---' documents")
        }
        return documents.first?.root ?? YAMLNode(scalar: "", mark: Mark(line: 1, column: 1), file: file)
    }

    /// Parses a stream held in `text` that must hold exactly one document.
    public static func parseSingle(_ text: String, file: String, options: Options = Options()) throws -> YAMLNode {
        try parseSingle(Array(text.utf8), file: file, options: options)
    }
}

/// Checks on raw input before libyaml sees it.
enum InputCheck {
    /// Drops a UTF-8 byte order mark; rejects UTF-16 and UTF-32 input with a clear error.
    static func stripBOM(_ buffer: UnsafeRawBufferPointer, file: String) throws -> UnsafeRawBufferPointer {
        let b = buffer
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF {
            return UnsafeRawBufferPointer(rebasing: b[3...])
        }
        let utf16 = b.count >= 2 && ((b[0] == 0xFE && b[1] == 0xFF) || (b[0] == 0xFF && b[1] == 0xFE))
        let utf32 = b.count >= 4 && b[0] == 0 && b[1] == 0 && b[2] == 0xFE && b[3] == 0xFF
        if utf16 || utf32 {
            throw YAMLError(.encoding, file: file, mark: Mark(line: 1, column: 1),
                            message: "the file is encoded as UTF-\(utf32 ? 32 : 16); save it as UTF-8")
        }
        return b
    }

    /// The 1-based line and column of a byte offset, counting columns in characters.
    static func mark(ofByteOffset offset: Int, in b: UnsafeRawBufferPointer) -> Mark {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, b.count)
        while i < end {
            let c = b[i]
            if c == 0x0A {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return Mark(line: line, column: column)
    }

    /// The byte offset of a 1-based line and column (columns in characters), clamped to the input.
    static func byteOffset(of mark: Mark, in b: UnsafeRawBufferPointer) -> Int {
        var i = 0
        var line = 1
        while i < b.count, line < mark.line {
            if b[i] == 0x0A { line += 1 }
            i += 1
        }
        var column = 1
        while i < b.count, column < mark.column, b[i] != 0x0A {
            i += 1
            while i < b.count, b[i] & 0xC0 == 0x80 { i += 1 }
            column += 1
        }
        return i
    }
}
