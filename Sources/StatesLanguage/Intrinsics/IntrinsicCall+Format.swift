extension IntrinsicCall {
    /// `States.Format`: `{}` placeholders in the template take the other arguments in order;
    /// `\{` and `\}` in a literal template are plain braces.
    func format(_ values: [JSONValue]) throws -> JSONValue {
        let pieces: [FormatPiece]
        if case .text(_, let raw) = arguments[0] {
            pieces = Self.templatePieces(raw, escapes: true)
        } else {
            pieces = Self.templatePieces(try string(values[0], "the template"), escapes: false)
        }
        let placeholders = pieces.filter { if case .placeholder = $0 { return true } else { return false } }.count
        guard placeholders == values.count - 1 else {
            throw failure("the template has \(placeholders) placeholder\(placeholders == 1 ? "" : "s") but \(values.count - 1) value\(values.count == 2 ? " was" : "s were") given")
        }
        var output = ""
        var next = 1
        for piece in pieces {
            switch piece {
            case .text(let text): output += text
            case .placeholder:
                output += Self.formatted(values[next])
                next += 1
            }
        }
        return .string(output)
    }

    enum FormatPiece {
        case text(String)
        case placeholder
    }

    static func templatePieces(_ template: String, escapes: Bool) -> [FormatPiece] {
        var pieces: [FormatPiece] = []
        var current = ""
        var characters = template[...]
        while let character = characters.first {
            characters = characters.dropFirst()
            if escapes, character == "\\", let escaped = characters.first {
                current.append(escaped)
                characters = characters.dropFirst()
            } else if character == "{", characters.first == "}" {
                characters = characters.dropFirst()
                pieces.append(.text(current))
                pieces.append(.placeholder)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(.text(current))
        return pieces
    }

    /// How a value is written into a formatted string: strings as they are, numbers, booleans
    /// and null as JSON, arrays as `[a, b]` and objects as `{key=value, …}`.
    static func formatted(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text
        case .array(let elements): return "[" + elements.map(formatted).joined(separator: ", ") + "]"
        case .object(let object):
            return "{" + object.members.map { "\($0.key)=\(formatted($0.value))" }.joined(separator: ", ") + "}"
        default: return value.serialized()
        }
    }
}
