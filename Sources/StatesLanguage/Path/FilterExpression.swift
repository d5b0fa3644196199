/// A JSONPath filter `[?( … )]`: existence tests, comparisons, `=~` regular expressions,
/// `!`, `&&`, `||` and parentheses.
indirect enum FilterExpression: Sendable, Hashable {
    case exists(FilterOperand)
    case compare(FilterOperand, FilterComparison, FilterOperand)
    case not(FilterExpression)
    case and(FilterExpression, FilterExpression)
    case or(FilterExpression, FilterExpression)
}

/// A value in a filter.
enum FilterOperand: Sendable, Hashable {
    /// `@…`: relative to the element being filtered.
    case current([PathSegment])
    /// `$…`: relative to the document root.
    case root([PathSegment])
    case literal(JSONValue)
    case regex(pattern: String, ignoreCase: Bool)
}

/// A comparison operator in a filter.
enum FilterComparison: String, Sendable, Hashable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case matches = "=~"
}

extension PathParser {
    mutating func parseFilterOr() throws -> FilterExpression {
        var left = try parseFilterAnd()
        while true {
            skipSpaces()
            guard consume("||") else { return left }
            left = .or(left, try parseFilterAnd())
        }
    }

    mutating func parseFilterAnd() throws -> FilterExpression {
        var left = try parseFilterUnary()
        while true {
            skipSpaces()
            guard consume("&&") else { return left }
            left = .and(left, try parseFilterUnary())
        }
    }

    mutating func parseFilterUnary() throws -> FilterExpression {
        skipSpaces()
        if peek() == UInt8(ascii: "!"), position + 1 < bytes.count, bytes[position + 1] != UInt8(ascii: "=") {
            position += 1
            return .not(try parseFilterUnary())
        }
        if peek() == UInt8(ascii: "(") {
            position += 1
            let inner = try parseFilterOr()
            skipSpaces()
            guard peek() == UInt8(ascii: ")") else { throw error("expected ')' in filter") }
            position += 1
            return inner
        }
        let left = try parseOperand()
        skipSpaces()
        for comparison in [FilterComparison.equal, .notEqual, .lessOrEqual, .greaterOrEqual, .matches, .less, .greater]
        where consume(comparison.rawValue) {
            skipSpaces()
            let right = try parseOperand()
            return .compare(left, comparison, right)
        }
        return .exists(left)
    }

    mutating func parseOperand() throws -> FilterOperand {
        skipSpaces()
        guard let byte = peek() else { throw error("expected a value in filter") }
        switch byte {
        case UInt8(ascii: "@"):
            position += 1
            return .current(try parseSegments(inFilter: true))
        case UInt8(ascii: "$"):
            position += 1
            return .root(try parseSegments(inFilter: true))
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .literal(.string(try parseQuoted()))
        case UInt8(ascii: "/"):
            position += 1
            var pattern: [UInt8] = []
            while let next = peek(), next != UInt8(ascii: "/") {
                pattern.append(next)
                position += 1
                if next == UInt8(ascii: "\\"), let escaped = peek() {
                    pattern.append(escaped)
                    position += 1
                }
            }
            guard peek() == UInt8(ascii: "/") else { throw error("unterminated regular expression") }
            position += 1
            let ignoreCase = peek() == UInt8(ascii: "i")
            if ignoreCase { position += 1 }
            return .regex(pattern: String(decoding: pattern, as: UTF8.self), ignoreCase: ignoreCase)
        default:
            let start = position
            while let next = peek(), !Self.filterStops.contains(next) { position += 1 }
            let word = String(decoding: bytes[start..<position], as: UTF8.self)
            switch word {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "null": return .literal(.null)
            default:
                if let number = try? JSONValue(parsing: word), number.isNumber { return .literal(number) }
                position = start
                throw error("expected a path, string, number, true, false or null in filter")
            }
        }
    }

    mutating func consume(_ token: String) -> Bool {
        let tokenBytes = Array(token.utf8)
        guard position + tokenBytes.count <= bytes.count,
              Array(bytes[position..<position + tokenBytes.count]) == tokenBytes else { return false }
        position += tokenBytes.count
        return true
    }
}
