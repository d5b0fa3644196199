extension YAMLNode {
    /// The scalar, or nil for a collection.
    public var scalar: Scalar? {
        if case .scalar(let scalar) = content { return scalar }
        return nil
    }

    /// The text of a scalar of any type (`"512"` for `512`), or nil for a collection.
    public var text: String? { scalar?.text }

    /// The text of a scalar whose core-schema type is string, or nil (numbers, bools and nulls give nil).
    public var string: String? {
        guard scalarKind == .string else { return nil }
        return scalar?.text
    }

    /// The items of a sequence, or nil.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// The key/value pairs of a mapping in document order, or nil.
    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// True for a null scalar (`null`, `~`, empty, or `!!null`).
    public var isNull: Bool { scalarKind == .null }

    /// The value of a bool scalar, or nil.
    public var bool: Bool? {
        guard scalarKind == .bool, let text else { return nil }
        switch text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default: return nil
        }
    }

    /// The value of an int scalar if it fits in `Int`, or nil.
    public var int: Int? {
        guard scalarKind == .int, let text else { return nil }
        return CoreValues.int(text)
    }

    /// The value of a float or int scalar as a `Double`, or nil.
    public var double: Double? {
        guard let kind = scalarKind, kind == .float || kind == .int, let text else { return nil }
        return CoreValues.double(text)
    }

    /// The value for `key` in a mapping whose key is a scalar with that text, or nil.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        // By position: a pair is read in place, not copied (with its nodes' strings) to be looked at.
        for index in pairs.indices {
            if case .scalar(let scalar) = pairs[index].key.content, scalar.text == key { return pairs[index].value }
        }
        return nil
    }

    /// The item at `index` of a sequence, or nil when out of range or not a sequence.
    public subscript(index: Int) -> YAMLNode? {
        guard case .sequence(let items) = content, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// `file:line:column` of the node, for diagnostics.
    public var location: String { "\(file):\(mark.line):\(mark.column)" }

    /// A short description of the node for messages: `a mapping`, `the integer 512`, `the string "512"`.
    public var summary: String {
        switch content {
        case .sequence: return "a sequence"
        case .mapping: return "a mapping"
        case .scalar(let scalar):
            let shown = scalar.text.count > 40 ? String(scalar.text.prefix(37)) + "..." : scalar.text
            switch scalarKind ?? .string {
            case .null: return "null"
            case .bool: return "the bool \(shown)"
            case .int: return "the integer \(shown)"
            case .float: return "the number \(shown)"
            case .string:
                return scalar.style == .plain ? "the string '\(shown)'" : "the quoted string \"\(shown)\""
            }
        }
    }
}

/// Converts core-schema scalar texts to values.
enum CoreValues {
    /// The value of an int-kind text, or nil on overflow.
    static func int(_ text: String) -> Int? {
        if text.hasPrefix("0o") { return Int(text.dropFirst(2), radix: 8) }
        if text.hasPrefix("0x") { return Int(text.dropFirst(2), radix: 16) }
        return Int(text)
    }

    /// The value of a float-kind or int-kind text.
    static func double(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        if text.hasPrefix("0o") || text.hasPrefix("0x") { return int(text).map(Double.init) }
        return Double(text)
    }
}

extension YAMLNode: Equatable {
    /// Compares content and explicit tags; positions and file names are ignored.
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool {
        guard lhs.tag == rhs.tag else { return false }
        switch (lhs.content, rhs.content) {
        case (.scalar(let a), .scalar(let b)): return a == b
        case (.sequence(let a), .sequence(let b)): return a == b
        case (.mapping(let a), .mapping(let b)): return a == b
        default: return false
        }
    }
}
