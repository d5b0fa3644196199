/// The type of a scalar under the YAML 1.2 core schema.
///
/// Plain (unquoted) scalars are typed by their text:
/// - null: `null`, `Null`, `NULL`, `~`, or nothing at all;
/// - bool: `true`, `True`, `TRUE`, `false`, `False`, `FALSE` only — the YAML 1.1 forms `yes`,
///   `no`, `on`, `off`, `y`, `n` (in any case) are strings;
/// - int: decimal `[-+]?[0-9]+`, octal `0o[0-7]+`, hexadecimal `0x[0-9a-fA-F]+` (`1_000`, `0b1`
///   and a leading-zero octal like `012` follow the 1.2 rules: `012` is the decimal 12);
/// - float: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?.inf` (`.Inf`, `.INF`),
///   `.nan` (`.NaN`, `.NAN`);
/// - anything else is a string (dates like `2012-10-17` included).
///
/// Quoted and block scalars are always strings. An explicit core tag (`!!str`, `!!int`,
/// `!!float`, `!!bool`, `!!null`) decides the type instead; the non-specific tag `!` and any
/// other tag (`!Ref`) make a string, keeping the tag on the node for the caller to judge.
public enum ScalarKind: Sendable, Hashable {
    /// `null`, `~` or empty.
    case null
    /// `true` or `false`.
    case bool
    /// An integer (decimal, `0o` octal or `0x` hexadecimal).
    case int
    /// A floating-point number, `.inf` or `.nan`.
    case float
    /// Anything else.
    case string
}

/// Full forms of the core schema tags.
public enum CoreTag {
    /// `!!str`.
    public static let string = "tag:yaml.org,2002:str"
    /// `!!int`.
    public static let int = "tag:yaml.org,2002:int"
    /// `!!float`.
    public static let float = "tag:yaml.org,2002:float"
    /// `!!bool`.
    public static let bool = "tag:yaml.org,2002:bool"
    /// `!!null`.
    public static let null = "tag:yaml.org,2002:null"
    /// `!!map`.
    public static let map = "tag:yaml.org,2002:map"
    /// `!!seq`.
    public static let seq = "tag:yaml.org,2002:seq"
    /// `!!merge`.
    public static let merge = "tag:yaml.org,2002:merge"
}

extension ScalarKind {
    /// The kind a plain scalar with this text has under the core schema.
    public static func ofPlain(_ text: String) -> ScalarKind {
        // Most plain scalars start with a letter that no typed form can start with.
        if let first = text.utf8.first, !mayStartTyped(first) { return .string }
        var text = text
        return text.withUTF8 { ofPlain(bytes: $0) }
    }

    /// Whether a plain scalar starting with `byte` can be of another kind than string.
    private static func mayStartTyped(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "~"),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            return true
        default:
            return false
        }
    }

    /// The kind of a plain scalar given as UTF-8 bytes.
    static func ofPlain(bytes b: UnsafeBufferPointer<UInt8>) -> ScalarKind {
        guard let first = b.first else { return .null }
        // Fast exit: most plain scalars start with a letter that no typed form can start with.
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return isInt(b) ? .int : (isFloat(b) ? .float : .string)
        case UInt8(ascii: "~"):
            return b.count == 1 ? .null : .string
        case UInt8(ascii: "n"), UInt8(ascii: "N"):
            return b.count == 4 && matches(b, "null", "Null", "NULL") ? .null : .string
        case UInt8(ascii: "t"), UInt8(ascii: "T"):
            return b.count == 4 && matches(b, "true", "True", "TRUE") ? .bool : .string
        case UInt8(ascii: "f"), UInt8(ascii: "F"):
            return b.count == 5 && matches(b, "false", "False", "FALSE") ? .bool : .string
        default:
            return .string
        }
    }

    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ forms: StaticString...) -> Bool {
        for form in forms where form.utf8CodeUnitCount == b.count {
            if memcmpEqual(form.utf8Start, b) { return true }
        }
        return false
    }

    private static func memcmpEqual(_ p: UnsafePointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in 0..<b.count where p[i] != b[i] { return false }
        return true
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    private static func isHex(_ c: UInt8) -> Bool {
        isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
    }

    static func isInt(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count > 2, b[0] == UInt8(ascii: "0") {
            if b[1] == UInt8(ascii: "o") { return b.dropFirst(2).allSatisfy { $0 >= 48 && $0 <= 55 } }
            if b[1] == UInt8(ascii: "x") { return b.dropFirst(2).allSatisfy(isHex) }
        }
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        guard i < b.count else { return false }
        while i < b.count {
            if !isDigit(b[i]) { return false }
            i += 1
        }
        return true
    }

    static func isFloat(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        if b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+") { i = 1 }
        let rest = UnsafeBufferPointer(rebasing: b[i...])
        if matches(rest, ".inf", ".Inf", ".INF") { return true }
        if i == 0, matches(rest, ".nan", ".NaN", ".NAN") { return true }
        var digitsBefore = 0
        while i < b.count, isDigit(b[i]) { i += 1; digitsBefore += 1 }
        var digitsAfter = 0
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; digitsAfter += 1 }
        }
        // `.5` and `5.` and `5.5` are floats; a lone `.` is not.
        guard digitsBefore > 0 || digitsAfter > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var expDigits = 0
            while i < b.count, isDigit(b[i]) { i += 1; expDigits += 1 }
            guard expDigits > 0 else { return false }
        }
        return i == b.count
    }
}

extension YAMLNode {
    /// The core-schema type of this scalar (see `ScalarKind`), or nil for a collection.
    public var scalarKind: ScalarKind? {
        guard case .scalar(let scalar) = content else { return nil }
        if let tag {
            switch tag {
            case CoreTag.null: return .null
            case CoreTag.bool: return .bool
            case CoreTag.int: return .int
            case CoreTag.float: return .float
            default: return .string
            }
        }
        return scalar.style == .plain ? ScalarKind.ofPlain(scalar.text) : .string
    }
}
