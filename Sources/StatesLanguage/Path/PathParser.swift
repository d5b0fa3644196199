/// Parses JSONPath text into segments.
struct PathParser {
    let text: String
    let bytes: [UInt8]
    var position = 0

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    mutating func parsePath() throws -> (JSONPath.Root, [PathSegment]) {
        guard peek() == UInt8(ascii: "$") else { throw error("a path must start with '$'") }
        position += 1
        var root = JSONPath.Root.input
        if peek() == UInt8(ascii: "$") {
            root = .context
            position += 1
        }
        let segments = try parseSegments(inFilter: false)
        if position < bytes.count { throw error("unexpected character '\(character(at: position))'") }
        return (root, segments)
    }

    /// Segments until the end (or, inside a filter, until a character that ends an operand).
    mutating func parseSegments(inFilter: Bool) throws -> [PathSegment] {
        var segments: [PathSegment] = []
        while let byte = peek() {
            if byte == UInt8(ascii: ".") {
                position += 1
                if peek() == UInt8(ascii: ".") {
                    position += 1
                    if peek() == UInt8(ascii: "[") {
                        segments.append(.descendant(try parseBracket()))
                    } else if peek() == UInt8(ascii: "*") {
                        position += 1
                        segments.append(.descendant(.wildcard))
                    } else {
                        segments.append(.descendant(.property(try parseName(inFilter: inFilter))))
                    }
                } else if peek() == UInt8(ascii: "*") {
                    position += 1
                    segments.append(.wildcard)
                } else {
                    segments.append(.property(try parseName(inFilter: inFilter)))
                }
            } else if byte == UInt8(ascii: "[") {
                segments.append(try parseBracket())
            } else if inFilter {
                break
            } else {
                throw error("expected '.' or '[', found '\(character(at: position))'")
            }
        }
        return segments
    }

    mutating func parseName(inFilter: Bool) throws -> String {
        let start = position
        while let byte = peek() {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "[") { break }
            if inFilter && Self.filterStops.contains(byte) { break }
            position += 1
        }
        guard position > start else { throw error("expected a field name") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    static let filterStops: Set<UInt8> = Set(" )=!<>&|,]".utf8)

    mutating func parseBracket() throws -> PathSegment {
        position += 1  // "["
        skipSpaces()
        guard let byte = peek() else { throw error("unterminated '['") }
        let segment: PathSegment
        switch byte {
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            var names = [try parseQuoted()]
            skipSpaces()
            while peek() == UInt8(ascii: ",") {
                position += 1
                skipSpaces()
                names.append(try parseQuoted())
                skipSpaces()
            }
            segment = names.count == 1 ? .property(names[0]) : .properties(names)
        case UInt8(ascii: "*"):
            position += 1
            segment = .wildcard
        case UInt8(ascii: "?"):
            position += 1
            skipSpaces()
            guard peek() == UInt8(ascii: "(") else { throw error("expected '(' after '?' in a filter") }
            position += 1
            let expression = try parseFilterOr()
            skipSpaces()
            guard peek() == UInt8(ascii: ")") else { throw error("expected ')' to close the filter") }
            position += 1
            segment = .filter(expression)
        default:
            segment = try parseIndexOrSlice()
        }
        skipSpaces()
        guard peek() == UInt8(ascii: "]") else { throw error("expected ']'") }
        position += 1
        return segment
    }

    mutating func parseIndexOrSlice() throws -> PathSegment {
        let first = try parseOptionalInt()
        skipSpaces()
        if peek() == UInt8(ascii: ":") {
            position += 1
            skipSpaces()
            let end = try parseOptionalInt()
            skipSpaces()
            var step = 1
            if peek() == UInt8(ascii: ":") {
                position += 1
                skipSpaces()
                step = try parseOptionalInt() ?? 1
                guard step > 0 else { throw error("a slice step must be positive") }
            }
            return .slice(start: first, end: end, step: step)
        }
        guard let first else { throw error("expected an index, a slice, '*', a quoted name or a filter") }
        var indices = [first]
        while peek() == UInt8(ascii: ",") {
            position += 1
            skipSpaces()
            guard let next = try parseOptionalInt() else { throw error("expected an index after ','") }
            indices.append(next)
            skipSpaces()
        }
        return indices.count == 1 ? .index(first) : .indices(indices)
    }

    mutating func parseOptionalInt() throws -> Int? {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { position += 1 }
        if position == start { return nil }
        guard let value = Int(String(decoding: bytes[start..<position], as: UTF8.self)) else {
            position = start
            throw error("invalid integer")
        }
        return value
    }

    mutating func parseQuoted() throws -> String {
        guard let quote = peek(), quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") else {
            throw error("expected a quoted name")
        }
        let start = position
        position += 1
        var buffer: [UInt8] = []
        while let byte = peek() {
            position += 1
            if byte == quote { return String(decoding: buffer, as: UTF8.self) }
            if byte == UInt8(ascii: "\\"), let escaped = peek() {
                position += 1
                buffer.append(escaped)
            } else {
                buffer.append(byte)
            }
        }
        position = start
        throw error("unterminated quoted name")
    }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipSpaces() {
        while peek() == UInt8(ascii: " ") { position += 1 }
    }

    func character(at offset: Int) -> String {
        String(decoding: bytes[offset..<min(offset + 1, bytes.count)], as: UTF8.self)
    }

    func error(_ message: String) -> JSONPathSyntaxError {
        let characterOffset = String(decoding: bytes[0..<min(position, bytes.count)], as: UTF8.self).count
        return JSONPathSyntaxError(path: text, offset: characterOffset, message: message)
    }
}
