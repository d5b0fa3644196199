/// The naming rules AWS enforces, checked before anything is sent to it.
///
/// Each check returns nil for a valid name, or a sentence saying what is wrong.
public enum NameRules {
    /// Lambda function names: 1–64 of `A-Z a-z 0-9 - _`.
    public static func function(_ name: String) -> String? {
        check(name, max: 64, what: "a function name", Rule.lambda)
            .map { $0 + " (letters, digits, '-' and '_' only)" }
    }

    /// State machine names: 1–80 characters, no whitespace, no `< > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : /`, no control characters.
    public static func stateMachine(_ name: String) -> String? {
        check(name, max: 80, what: "a state machine name", Rule.stateMachine).map { $0 + " (no whitespace, control characters or any of < > { } [ ] ? * \" # % \\ ^ | ~ ` $ & , ; : /)" }
    }

    /// IAM role names: 1–64 of `\w + = , . @ -`.
    public static func role(_ name: String) -> String? {
        check(name, max: 64, what: "a role name", Rule.iam)
            .map { $0 + " (letters, digits and + = , . @ _ - only)" }
    }

    /// IAM managed policy names: 1–128 of `\w + = , . @ -`.
    public static func policy(_ name: String) -> String? {
        check(name, max: 128, what: "a policy name", Rule.iam)
            .map { $0 + " (letters, digits and + = , . @ _ - only)" }
    }

    /// Inline policy names: 1–128 printable ASCII characters except `\ / * ?` and space.
    public static func inlinePolicy(_ name: String) -> String? {
        check(name, max: 128, what: "an inline policy name", Rule.inlinePolicy).map { $0 + " (printable ASCII except \\ / * ? and space)" }
    }

    /// Maintenance and Environment names: 1–63 of `a-z 0-9 -`, starting with a letter or digit.
    public static func plain(_ name: String) -> String? {
        if let first = name.first, first == "-" { return "'\(name)' is not valid: it must start with a letter or digit" }
        return check(name, max: 63, what: "a name", Rule.plain)
            .map { $0 + " (lowercase letters, digits and '-' only)" }
    }

    /// Lambda alias names: 1–128 of `A-Z a-z 0-9 - _`, not all digits.
    public static func functionAlias(_ name: String) -> String? {
        if let problem = check(name, max: 128, what: "an alias name", Rule.lambda) {
            return problem + " (letters, digits, '-' and '_' only)"
        }
        if ASCII.all(name, ASCII.isDigit) {
            return "'\(name)' is not a valid alias name: an alias may not be all digits (it would look like a version)"
        }
        return nil
    }

    /// Step Functions alias names: 1–80 of `A-Z a-z 0-9 - _ .`, with at least one non-digit.
    public static func stateMachineAlias(_ name: String) -> String? {
        if let problem = check(name, max: 80, what: "an alias name", Rule.stateMachineAlias) {
            return problem + " (letters, digits, '-', '_' and '.' only)"
        }
        if ASCII.all(name, ASCII.isDigit) {
            return "'\(name)' is not a valid alias name: it must contain a letter, '-', '_' or '.'"
        }
        return nil
    }

    /// The rule for names of a kind.
    static func check(kind: ResourceKind, _ name: String) -> String? {
        switch kind {
        case .function: return function(name)
        case .stateMachine: return stateMachine(name)
        case .role: return role(name)
        case .policy: return policy(name)
        case .maintenance, .environment: return plain(name)
        }
    }

    private static func isAlnum(_ character: Character) -> Bool {
        character.asciiValue.map(ASCII.isAlphanumeric) ?? false
    }

    private static func isIAMName(_ character: Character) -> Bool {
        guard let byte = character.asciiValue else { return false }
        return ASCII.isAlphanumeric(byte) || "+=,.@_-".utf8.contains(byte)
    }

    private static func check(_ name: String, max: Int, what: String, _ rule: Rule) -> String? {
        if name.isEmpty { return "\(what) must not be empty" }
        // Fast path: short ASCII names whose every byte passes need no character walk.
        if name.utf8.count <= max, rule.ascii.allows(name) { return nil }
        if name.count > max { return "'\(name)' is \(name.count) characters long; \(what) has at most \(max)" }
        if let bad = name.first(where: { !rule.allowed($0) }) {
            return "'\(name)' is not \(what): '\(bad)' is not allowed"
        }
        return nil
    }

    /// The characters a kind of name allows, with the ASCII ones also as a bit set (names are
    /// checked for every manifest and reference; most are short and ASCII).
    struct Rule: Sendable {
        let allowed: @Sendable (Character) -> Bool
        let ascii: ASCIIMask

        init(_ allowed: @escaping @Sendable (Character) -> Bool) {
            self.allowed = allowed
            ascii = ASCIIMask { allowed(Character(Unicode.Scalar($0))) }
        }

        static let lambda = Rule { isAlnum($0) || $0 == "-" || $0 == "_" }
        static let stateMachineAlias = Rule { isAlnum($0) || $0 == "-" || $0 == "_" || $0 == "." }
        static let iam = Rule { isIAMName($0) }
        static let plain = Rule { ($0.isASCII && $0.isLowercase) || ($0.isASCII && $0.isNumber) || $0 == "-" }
        static let inlinePolicy = Rule { character in
            guard let ascii = character.asciiValue else { return false }
            return ascii > 0x20 && ascii < 0x7F && !"\\/*?".contains(character)
        }
        static let stateMachine = Rule { character in
            !"<>{}[]?*\"#%\\^|~`$&,;:/".contains(character) && !character.isWhitespace
                && !character.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }
        }
    }

    /// A set of ASCII bytes, as two words of bits.
    struct ASCIIMask: Sendable {
        private var low: UInt64 = 0, high: UInt64 = 0

        /// The ASCII bytes `member` accepts.
        init(_ member: (UInt8) -> Bool) {
            for byte in UInt8(0)..<128 where member(byte) {
                if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
            }
        }

        func contains(_ byte: UInt8) -> Bool {
            byte < 64 ? low >> UInt64(byte) & 1 == 1 : byte < 128 && high >> UInt64(byte - 64) & 1 == 1
        }

        /// Whether every byte of `text` is in the set (false for any non-ASCII byte).
        func allows(_ text: String) -> Bool {
            ASCII.all(text, contains)
        }
    }
}
