import Foundation

/// A JSON syntax error with the place it was found.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// Byte offset from the start of the text (0-based).
    public var offset: Int
    /// Line number (1-based).
    public var line: Int
    /// Column in characters (1-based).
    public var column: Int

    /// "line L, column C: message".
    public var description: String { "line \(line), column \(column): \(message)" }
}

extension JSONValue {
    /// Deepest nesting of arrays and objects the parser accepts.
    public static let maximumNestingDepth = 512

    /// Parses JSON text (RFC 8259). Throws `JSONParseError`.
    public init(parsing text: String) throws {
        var text = text
        self = try text.withUTF8 { try JSONValue.parse(utf8: $0, validated: true) }
    }

    /// Parses UTF-8 encoded JSON. Throws `JSONParseError`, also for invalid UTF-8.
    public init(parsing bytes: some Collection<UInt8>) throws {
        let parsed = try bytes.withContiguousStorageIfAvailable { try JSONValue.parse(utf8: $0, validated: false) }
        if let parsed {
            self = parsed
        } else {
            let copy = Array(bytes)
            self = try copy.withUnsafeBufferPointer { try JSONValue.parse(utf8: $0, validated: false) }
        }
    }

    /// Parses UTF-8 encoded JSON held in `data`. Throws `JSONParseError`.
    public init(parsing data: Data) throws {
        self = try data.withUnsafeBytes { raw in
            try JSONValue.parse(utf8: raw.bindMemory(to: UInt8.self), validated: false)
        }
    }

    static func parse(utf8: UnsafeBufferPointer<UInt8>, validated: Bool) throws -> JSONValue {
        var parser = JSONParser(bytes: utf8)
        if !validated, let bad = UTF8Validation.firstInvalidOffset(utf8) {
            throw parser.error("invalid UTF-8 byte", at: bad)
        }
        return try parser.parseDocument()
    }
}

/// Recursive-descent parser over a UTF-8 buffer.
struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws -> JSONValue {
        skipWhitespace()
        guard position < bytes.count else { throw error("empty input: expected a JSON value") }
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count { throw error("unexpected text after the JSON value") }
        return value
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input: expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character \(describeByte(bytes[position])): expected a value")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        let start = word.utf8Start
        guard position + count <= bytes.count else { throw error("invalid literal: expected '\(word)'") }
        for offset in 0..<count where bytes[position + offset] != start[offset] {
            throw error("invalid literal: expected '\(word)'", at: position + offset)
        }
        position += count
    }

    mutating func enterContainer() throws {
        depth += 1
        if depth > JSONValue.maximumNestingDepth {
            throw error("nesting deeper than \(JSONValue.maximumNestingDepth) levels")
        }
    }

    mutating func parseObject() throws -> JSONValue {
        try enterContainer()
        position += 1
        var object = JSONObject()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(object)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an object") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error("expected a string key in double quotes, found \(describeByte(bytes[position]))")
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after object key \"\(key)\"")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            if object.position(of: key) == nil { object.appendNew(key, value) } else { object[key] = value }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an object") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(object)
            default: throw error("expected ',' or '}' in object, found \(describeByte(bytes[position]))")
            }
        }
    }

    mutating func parseArray() throws -> JSONValue {
        try enterContainer()
        position += 1
        var array: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(array)
        }
        while true {
            skipWhitespace()
            array.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of input inside an array") }
            switch bytes[position] {
            case UInt8(ascii: ","): position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(array)
            default: throw error("expected ',' or ']' in array, found \(describeByte(bytes[position]))")
            }
        }
    }

    func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<offset]), as: UTF8.self)
        return JSONParseError(message: message, offset: offset, line: line, column: prefix.count + 1)
    }
}
