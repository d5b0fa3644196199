import YAML

/// `${...}` placeholders in strings of policy documents and ASL definitions, and the reference
/// forms used in substitution values.
enum Placeholders {
    /// One `${...}` occurrence: its range in the string (braces included) and its body.
    struct Occurrence {
        var range: Range<String.Index>
        var body: Substring
    }

    /// Every `${...}` in `text`, in order. An unterminated `${` is returned with the rest of the text as body
    /// and `terminated` false.
    static func scan(_ text: String) -> (occurrences: [Occurrence], unterminated: String.Index?) {
        var result: [Occurrence] = []
        var index = text.startIndex
        while let dollar = text[index...].firstIndex(of: "$") {
            let brace = text.index(after: dollar)
            guard brace < text.endIndex, text[brace] == "{" else {
                index = brace
                continue
            }
            let bodyStart = text.index(after: brace)
            guard let close = text[bodyStart...].firstIndex(of: "}") else { return (result, dollar) }
            result.append(Occurrence(range: dollar..<text.index(after: close), body: text[bodyStart..<close]))
            index = text.index(after: close)
        }
        return (result, nil)
    }

    /// Whether `text` may contain a placeholder (a cheap test before scanning).
    static func mayContain(_ text: String) -> Bool {
        text.utf8.contains(UInt8(ascii: "$"))
    }
}

/// What a placeholder or a substitution value refers to.
enum ReferenceExpression: Hashable, Sendable {
    /// A resource of the desired state: `function:NAME[:QUALIFIER]`, `stateMachine:NAME[:QUALIFIER]`,
    /// `role:NAME`, `policy:NAME`. In policy documents NAME and QUALIFIER may hold `*` and `?` wildcards.
    case resource(kind: ResourceKind, name: String, qualifier: String?)
    /// `account`, `region` or `partition` of the selected environment.
    case environmentValue(String)
    /// `${Name}` in an ASL definition: a substitution of the state machine.
    case substitution(String)
    /// A placeholder plumb leaves alone (an IAM policy variable such as `${aws:username}`).
    case foreign
    /// Not a valid placeholder; the message says why.
    case invalid(message: String, hint: String)

    static let environmentValues: Set<String> = ["account", "region", "partition"]
    static let referenceKinds: [ResourceKind] = [.function, .stateMachine, .role, .policy]

    /// Where a placeholder is written, which decides the forms allowed.
    enum Context {
        /// A string of an IAM policy document.
        case policy
        /// A string of an ASL definition.
        case definition
    }

    /// Parses the body of `${...}`.
    static func parse(placeholder body: Substring, in context: Context) -> ReferenceExpression {
        guard body.utf8.contains(UInt8(ascii: ":")) else {
            let word = String(body)
            if environmentValues.contains(word) { return .environmentValue(word) }
            switch context {
            case .definition:
                return .substitution(word)
            case .policy:
                if ["*", "?", "$"].contains(word) { return .foreign }
                return .invalid(message: "unknown placeholder '${\(word)}'",
                                hint: "use ${account}, ${region}, ${partition} or a reference such as ${function:NAME}")
            }
        }
        let parts = colonParts(body)
        let word = String(parts[0])
        if let kind = referenceKinds.first(where: { $0.referenceWord == word }) {
            return resource(kind: kind, parts: parts.dropFirst(), written: "${\(body)}", wildcards: context == .policy)
        }
        let words = referenceKinds.map(\.referenceWord)
        if let guess = suggestion(for: word, among: words) {
            return .invalid(message: "unknown reference kind '\(word)' in '${\(body)}'", hint: "did you mean '\(guess)'?")
        }
        if context == .definition {
            return .invalid(message: "unknown reference '${\(body)}'",
                            hint: "references are ${function:NAME[:ALIAS]}, ${stateMachine:NAME}, ${role:NAME}, ${policy:NAME}")
        }
        return .foreign
    }

    /// Parses a substitution value: a reference written without `${}` (`function:name:live`) or a literal.
    static func parse(substitution value: String) -> ReferenceExpression? {
        guard let colon = value.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let word = value[..<colon]
        guard let kind = referenceKinds.first(where: { $0.referenceWord == word }) else { return nil }
        return resource(kind: kind, parts: colonParts(Substring(value)).dropFirst(), written: value, wildcards: false)
    }

    /// Whether text holds `*` or `?` (bytes that are never part of a longer character).
    static func hasWildcard(_ utf8: some Sequence<UInt8>) -> Bool {
        utf8.contains { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "?") }
    }

    /// `text` split at every `:` (empty parts kept), by bytes.
    static func colonParts(_ text: Substring) -> [Substring] {
        var parts: [Substring] = []
        var start = text.startIndex
        var index = text.utf8.startIndex
        while index != text.utf8.endIndex {
            if text.utf8[index] == UInt8(ascii: ":") {
                parts.append(text[start..<index])
                start = text.utf8.index(after: index)
            }
            index = text.utf8.index(after: index)
        }
        parts.append(text[start...])
        return parts
    }

    private static func resource(kind: ResourceKind, parts: ArraySlice<Substring>, written: String, wildcards: Bool) -> ReferenceExpression {
        let allowsQualifier = kind == .function || kind == .stateMachine
        guard let name = parts.first, !name.isEmpty else {
            return .invalid(message: "'\(written)' names no \(kind.rawValue)", hint: "write \(kind.referenceWord):NAME")
        }
        if parts.count > (allowsQualifier ? 2 : 1) {
            return .invalid(message: "'\(written)' has too many ':' parts",
                            hint: allowsQualifier ? "write \(kind.referenceWord):NAME or \(kind.referenceWord):NAME:QUALIFIER" : "write \(kind.referenceWord):NAME")
        }
        let qualifier = parts.count == 2 ? String(parts[parts.startIndex + 1]) : nil
        if let qualifier, qualifier.isEmpty {
            return .invalid(message: "'\(written)' has an empty qualifier", hint: "remove the trailing ':' or name an alias or version")
        }
        if !wildcards, ReferenceExpression.hasWildcard(name.utf8) || qualifier.map({ ReferenceExpression.hasWildcard($0.utf8) }) == true {
            return .invalid(message: "'\(written)' uses a wildcard, which only policy documents allow", hint: "name one \(kind.rawValue)")
        }
        return .resource(kind: kind, name: String(name), qualifier: qualifier)
    }
}
