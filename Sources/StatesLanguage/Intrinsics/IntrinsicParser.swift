/// Parses intrinsic function calls.
struct IntrinsicParser {
    let text: String
    let bytes: [UInt8]
    var position = 0
    var depth = 0

    init(text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
    }

    var atEnd: Bool { position >= bytes.count }

    func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipSpaces() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { position += 1 }
    }

    mutating func parseCall() throws -> IntrinsicCall {
        let start = position
        depth += 1
        guard depth <= 32 else { throw error("intrinsic calls nested deeper than 32 levels") }
        while let byte = peek(), byte != UInt8(ascii: "(") { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self).trimmingSpaces()
        guard let function = IntrinsicFunction(rawValue: name) else {
            position = start
            throw error("unknown intrinsic function '\(name)'")
        }
        guard peek() == UInt8(ascii: "(") else { throw error("expected '(' after \(name)") }
        position += 1
        var arguments: [IntrinsicArgument] = []
        skipSpaces()
        if peek() == UInt8(ascii: ")") {
            position += 1
        } else {
            while true {
                arguments.append(try parseArgument())
                skipSpaces()
                guard let byte = peek() else { throw error("missing ')' to close \(name)") }
                position += 1
                if byte == UInt8(ascii: ")") { break }
                guard byte == UInt8(ascii: ",") else {
                    position -= 1
                    throw error("expected ',' or ')' in the arguments of \(name)")
                }
            }
        }
        guard function.arity.contains(arguments.count) else {
            let expected = function.arity.lowerBound == function.arity.upperBound
                ? "\(function.arity.lowerBound)"
                : function.arity.upperBound == Int.max ? "at least \(function.arity.lowerBound)"
                : "\(function.arity.lowerBound) to \(function.arity.upperBound)"
            throw error("\(name) takes \(expected) argument\(expected == "1" ? "" : "s"), got \(arguments.count)")
        }
        depth -= 1
        let callText = String(decoding: bytes[start..<position], as: UTF8.self)
        return IntrinsicCall(function: function, arguments: arguments, text: callText)
    }

    mutating func parseArgument() throws -> IntrinsicArgument {
        skipSpaces()
        guard let byte = peek() else { throw error("expected an argument") }
        switch byte {
        case UInt8(ascii: "'"):
            return try parseString()
        case UInt8(ascii: "$"):
            let token = scanPathToken()
            do {
                return .path(try JSONPath(token))
            } catch let failure as JSONPathSyntaxError {
                throw error("invalid path argument: \(failure.message)")
            }
        case UInt8(ascii: "S"):
            return .call(try parseCall())
        default:
            let start = position
            while let next = peek(), next != UInt8(ascii: ","), next != UInt8(ascii: ")") { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self).trimmingSpaces()
            switch word {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default:
                if let number = try? JSONValue(parsing: word), number.isNumber { return .literal(number) }
                position = start
                throw error("expected a string in single quotes, a number, true, false, null, a path or a call")
            }
        }
    }

    /// A path runs to the next ',' or ')' outside brackets, parentheses and quotes.
    mutating func scanPathToken() -> String {
        let start = position
        var nesting = 0
        var quote: UInt8?
        while let byte = peek() {
            if let open = quote {
                if byte == UInt8(ascii: "\\") { position += 1 } else if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "'") || byte == UInt8(ascii: "\"") {
                quote = byte
            } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") {
                nesting += 1
            } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: ")") {
                if nesting == 0 { break }
                nesting -= 1
            } else if byte == UInt8(ascii: ","), nesting == 0 {
                break
            }
            position += 1
        }
        return String(decoding: bytes[start..<min(position, bytes.count)], as: UTF8.self).trimmingSpaces()
    }

    /// `'…'` with the escapes `\'`, `\{`, `\}` and `\\`.
    mutating func parseString() throws -> IntrinsicArgument {
        let start = position
        position += 1
        var value: [UInt8] = []
        while let byte = peek() {
            position += 1
            if byte == UInt8(ascii: "'") {
                let raw = String(decoding: bytes[(start + 1)..<(position - 1)], as: UTF8.self)
                return .text(String(decoding: value, as: UTF8.self), raw: raw)
            }
            if byte == UInt8(ascii: "\\") {
                guard let escaped = peek() else { break }
                position += 1
                value.append(escaped)
            } else {
                value.append(byte)
            }
        }
        position = start
        throw error("unterminated string literal")
    }

    func error(_ message: String) -> IntrinsicSyntaxError {
        let offset = String(decoding: bytes[0..<min(position, bytes.count)], as: UTF8.self).count
        return IntrinsicSyntaxError(text: text, offset: offset, message: message)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
