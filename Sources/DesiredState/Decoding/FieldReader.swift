import YAML

/// Reads typed values out of YAML nodes for one resource (or file), recording every problem as a
/// diagnostic instead of stopping at the first one.
///
/// Every reader method takes the node and the field path used in messages
/// (`spec.rollout.strategy`, `spec.dependsOn[1]`) and returns nil when the value is unusable.
struct FieldReader {
    /// The resource being read, named in every diagnostic.
    var resource: ResourceID?
    /// What was found so far.
    var diagnostics = DiagnosticList()
    /// References (`${function:x}`, `role: x`-style names) met while reading, checked once every
    /// manifest is known.
    var references: [ReferenceSite] = []

    init(resource: ResourceID?) {
        self.resource = resource
    }

    /// The location of a node.
    static func location(_ node: YAMLNode) -> FileLocation {
        FileLocation(file: node.file, line: node.mark.line, column: node.mark.column)
    }

    mutating func error(_ code: String, _ node: YAMLNode, _ path: String, _ message: String, hint: String = "") {
        diagnostics.error(code, at: Self.location(node), resource: resource, field: path, message, hint: hint)
    }

    mutating func warning(_ code: String, _ node: YAMLNode, _ path: String, _ message: String, hint: String = "") {
        diagnostics.warning(code, at: Self.location(node), resource: resource, field: path, message, hint: hint)
    }

    // MARK: Mappings

    /// Checks that `node` is a mapping with string keys from `allowed` and that the keys in
    /// `required` are present; returns the node when it is a mapping.
    @discardableResult
    mutating func mapping(_ node: YAMLNode, at path: @autoclosure () -> String, allowed: [String], required: [String] = []) -> YAMLNode? {
        guard let pairs = node.mapping else {
            typeMismatch(node, path(), expected: "a mapping")
            return nil
        }
        // Pairs are read in place (by position), not copied with their nodes' strings.
        for index in pairs.indices {
            guard let key = pairs[index].key.string else {
                error("schema.invalid-key", pairs[index].key, path(), "keys must be strings, but found \(pairs[index].key.summary)",
                      hint: "quote the key")
                continue
            }
            if !allowed.contains(key) {
                unknownField(key, node: pairs[index].key, in: path(), allowed: allowed)
            }
        }
        for key in required where node[key] == nil {
            error("schema.missing-field", node, path(), "missing required field '\(key)'\(path().isEmpty ? "" : " in \(path())")",
                  hint: "add '\(key):' to \(path().isEmpty ? "the document" : path())")
        }
        return node
    }

    /// Reports an unknown key, suggesting the closest allowed one.
    mutating func unknownField(_ key: String, node: YAMLNode, in path: String, allowed: [String]) {
        let field = path.isEmpty ? key : "\(path).\(key)"
        var hint = "allowed fields here: \(allowed.joined(separator: ", "))"
        if let guess = Self.synonyms[key.lowercased()].flatMap({ allowed.contains($0) ? $0 : nil })
            ?? suggestion(for: key, among: allowed) {
            hint = "did you mean '\(guess)'?"
        }
        error("schema.unknown-field", node, field, "unknown field '\(key)'\(path.isEmpty ? "" : " in \(path)")", hint: hint)
    }

    /// Names users bring from CloudFormation, SAM or the AWS CLI, mapped to plumb's.
    static let synonyms: [String: String] = [
        "memorysize": "memoryMB", "memory": "memoryMB", "memorymb": "memoryMB",
        "timeout": "timeoutSeconds", "environmentvariables": "environment", "variables": "environment",
        "env": "environment", "concurrency": "reservedConcurrency",
        "reservedconcurrentexecutions": "reservedConcurrency", "codeuri": "code", "codepath": "code",
        "assumerolepolicydocument": "trust", "managedpolicyarns": "policies", "policydocument": "document",
        "depends_on": "dependsOn", "dependson": "dependsOn", "deploymentpreference": "rollout",
        "definitionsubstitutions": "substitutions", "definitionuri": "definition", "freeze": "freezeWindows",
    ]

    // MARK: Scalars

    /// A string value; plain numbers, booleans and null are type errors (quote them).
    mutating func string(_ node: YAMLNode, at path: @autoclosure () -> String, nonEmpty: Bool = true) -> String? {
        guard let text = node.string else {
            typeMismatch(node, path(), expected: "a string")
            return nil
        }
        if nonEmpty && text.isEmpty {
            error("schema.empty", node, path(), "\(path()) must not be empty")
            return nil
        }
        return text
    }

    /// An integer in `range`.
    mutating func int(_ node: YAMLNode, at path: @autoclosure () -> String, in range: ClosedRange<Int>, unit: String = "") -> Int? {
        guard let value = node.int else {
            if let number = node.double, number.rounded() == number, !number.isInfinite {
                error("schema.type", node, path(), "\(path()) must be a whole number, but found \(node.summary)",
                      hint: "write \(Int(exactly: number).map(String.init) ?? "an integer") without a fraction")
            } else {
                typeMismatch(node, path(), expected: "an integer")
            }
            return nil
        }
        guard range.contains(value) else {
            outOfRange(node, path(), value: "\(value)", range: "\(range.lowerBound)–\(range.upperBound)", unit: unit)
            return nil
        }
        return value
    }

    /// A number (integer or decimal) in `range`.
    mutating func number(_ node: YAMLNode, at path: @autoclosure () -> String, in range: ClosedRange<Double>, unit: String = "") -> Double? {
        guard let value = node.double, value.isFinite else {
            typeMismatch(node, path(), expected: "a number")
            return nil
        }
        guard range.contains(value) else {
            outOfRange(node, path(), value: node.text ?? "\(value)", range: "\(Self.format(range.lowerBound))–\(Self.format(range.upperBound))", unit: unit)
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func bool(_ node: YAMLNode, at path: @autoclosure () -> String) -> Bool? {
        guard let value = node.bool else {
            typeMismatch(node, path(), expected: "true or false")
            return nil
        }
        return value
    }

    /// One of the raw values of `T`, with a suggestion for near misses.
    mutating func enumeration<T: RawRepresentable & CaseIterable>(_ node: YAMLNode, at path: @autoclosure () -> String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let text = string(node, at: path()) else { return nil }
        if let value = T(rawValue: text) { return value }
        let allowed = T.allCases.map(\.rawValue)
        let guess = suggestion(for: text, among: allowed)
        error("schema.enum", node, path(), "\(path()) must be one of \(allowed.joined(separator: ", ")), but found '\(text)'",
              hint: guess.map { "did you mean '\($0)'?" } ?? "")
        return nil
    }

    // MARK: Collections

    /// A list of non-empty strings.
    mutating func stringList(_ node: YAMLNode, at path: @autoclosure () -> String) -> [String]? {
        guard let items = node.sequence else {
            typeMismatch(node, path(), expected: "a list")
            return nil
        }
        var result: [String] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            if let text = string(item, at: "\(path())[\(index)]") { result.append(text) }
        }
        return result
    }

    /// A mapping of strings to strings (keys must be strings too).
    mutating func stringMap(_ node: YAMLNode, at path: @autoclosure () -> String) -> [String: String]? {
        guard let pairs = node.mapping else {
            typeMismatch(node, path(), expected: "a mapping of names to strings")
            return nil
        }
        var result = [String: String](minimumCapacity: pairs.count)
        for index in pairs.indices {
            guard let key = pairs[index].key.string else {
                error("schema.invalid-key", pairs[index].key, path(), "keys must be strings, but found \(pairs[index].key.summary)", hint: "quote the key")
                continue
            }
            if let value = string(pairs[index].value, at: "\(path()).\(key)", nonEmpty: false) { result[key] = value }
        }
        return result
    }

    // MARK: Messages

    mutating func typeMismatch(_ node: YAMLNode, _ path: String, expected: String) {
        var hint = ""
        if expected == "a string", let text = node.text, node.scalar != nil, !node.isNull {
            hint = "quote the value to make it a string: \"\(text)\" (YAML 1.2 reads unquoted \(text) as \(Self.kindWord(node)))"
        } else if expected == "true or false", let text = node.string,
                  ["yes", "no", "on", "off", "y", "n"].contains(text.lowercased()) {
            hint = "YAML 1.2 only reads true and false as booleans; '\(text)' is a string"
        } else if node.isNull {
            hint = "give \(path) a value, or remove the line"
        }
        error("schema.type", node, path, "\(path) must be \(expected), but found \(node.summary)", hint: hint)
    }

    private mutating func outOfRange(_ node: YAMLNode, _ path: String, value: String, range: String, unit: String) {
        let suffix = unit.isEmpty ? "" : " \(unit)"
        error("schema.range", node, path, "\(path) must be within \(range)\(suffix), but is \(value)")
    }

    private static func kindWord(_ node: YAMLNode) -> String {
        switch node.scalarKind {
        case .bool?: return "a boolean"
        case .int?: return "an integer"
        case .float?: return "a number"
        case .null?: return "null"
        default: return "a string"
        }
    }

    static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
