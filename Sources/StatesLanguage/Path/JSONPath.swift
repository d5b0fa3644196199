/// A JSONPath as Step Functions accepts it (Jayway semantics): `$`, `$.a.b`, `$['a']`, `$.a[0]`,
/// `$.a[-1]`, `$.a[*]`, `$.a[1:3]`, `$.a[0,2]`, `$..x`, `$.a[?(@.x > 1)]`, and paths on the
/// context object starting with `$$`.
///
/// A *definite* path (no wildcard, slice, union, descendant or filter) selects one value and
/// fails when it is missing; an indefinite path selects a list (possibly empty).
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// Which document a path starts from.
    public enum Root: Sendable, Hashable {
        /// `$`: the state's data.
        case input
        /// `$$`: the context object.
        case context
    }

    /// The path as written.
    public let text: String
    /// `$` or `$$`.
    public let root: Root
    let segments: [PathSegment]

    /// True when the path can select at most one value.
    public let isDefinite: Bool

    /// The path as written.
    public var description: String { text }

    /// True for `$` (or `$$`) alone.
    public var isRoot: Bool { segments.isEmpty }

    /// Parses `text`. Throws `JSONPathSyntaxError`.
    public init(_ text: String) throws {
        var parser = PathParser(text: text)
        let (root, segments) = try parser.parsePath()
        self.text = text
        self.root = root
        self.segments = segments
        self.isDefinite = segments.allSatisfy(\.isDefinite)
    }

    /// True when `text` looks like a path (starts with `$`), as `.$` fields and `…Path` fields expect.
    public static func looksLikePath(_ text: String) -> Bool { text.hasPrefix("$") }

    /// The path in bracket notation (`$['a'][0]`), as Step Functions prints it in error messages.
    public var normalized: String { Self.normalize(segments[...]) }

    static func normalize(_ segments: ArraySlice<PathSegment>) -> String {
        var text = "$"
        for segment in segments { text += segment.normalized }
        return text
    }
}

/// A JSONPath that cannot be parsed.
public struct JSONPathSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path text.
    public var path: String
    /// 0-based character offset of the problem.
    public var offset: Int
    /// What is wrong.
    public var message: String
    /// "Invalid JSONPath '<path>' at character N: message".
    public var description: String { "Invalid JSONPath '\(path)' at character \(offset + 1): \(message)" }
}

/// A definite path that selected nothing.
public struct JSONPathNotFound: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path as written.
    public var path: String
    /// The path in bracket notation.
    public var normalized: String
    /// "No results for path: $['a']".
    public var description: String { "No results for path: \(normalized)" }
}

/// One step of a path.
indirect enum PathSegment: Sendable, Hashable {
    case property(String)
    case properties([String])
    case index(Int)
    case indices([Int])
    case wildcard
    case slice(start: Int?, end: Int?, step: Int)
    case descendant(PathSegment)
    case filter(FilterExpression)

    var isDefinite: Bool {
        switch self {
        case .property, .index: return true
        default: return false
        }
    }

    var normalized: String {
        switch self {
        case .property(let name): return "['\(name)']"
        case .properties(let names): return "[" + names.map { "'\($0)'" }.joined(separator: ",") + "]"
        case .index(let index): return "[\(index)]"
        case .indices(let indices): return "[" + indices.map(String.init).joined(separator: ",") + "]"
        case .wildcard: return "[*]"
        case .slice(let start, let end, let step):
            return "[\(start.map(String.init) ?? ""):\(end.map(String.init) ?? "")\(step == 1 ? "" : ":\(step)")]"
        case .descendant(let target): return ".." + target.normalized
        case .filter: return "[?]"
        }
    }
}
