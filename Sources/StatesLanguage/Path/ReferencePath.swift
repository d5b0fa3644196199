/// A reference path (for `ResultPath`): a definite path on the state input made only of field
/// names and array indices, which can be written to — missing fields are created.
public struct ReferencePath: Sendable, Hashable, CustomStringConvertible {
    /// The underlying path.
    public let path: JSONPath

    /// The path as written.
    public var description: String { path.text }

    /// Parses `text`; throws `JSONPathSyntaxError` if it is not a path, or is not a reference path
    /// (context object, wildcard, slice, union, descendant or filter).
    public init(_ text: String) throws {
        let path = try JSONPath(text)
        guard path.root == .input else {
            throw JSONPathSyntaxError(path: text, offset: 0, message: "a reference path cannot address the context object ($$)")
        }
        guard path.isDefinite else {
            throw JSONPathSyntaxError(path: text, offset: 0, message: "a reference path must select a single node: use only field names and array indices")
        }
        self.path = path
    }

    /// `input` with `value` placed at this path, creating missing object fields on the way.
    /// Throws `ReferencePathConflict` when a step meets a value that cannot hold it (a field of a
    /// non-object, an index of a non-array or past its end).
    public func setting(_ value: JSONValue, in input: JSONValue) throws -> JSONValue {
        if path.segments.isEmpty { return value }
        guard let result = Self.set(value, path.segments[...], in: input) else {
            throw ReferencePathConflict(path: path.text, input: input)
        }
        return result
    }

    static func set(_ value: JSONValue, _ segments: ArraySlice<PathSegment>, in node: JSONValue?) -> JSONValue? {
        guard let segment = segments.first else { return value }
        let rest = segments.dropFirst()
        switch segment {
        case .property(let name):
            var object: JSONObject
            switch node {
            case .object(let existing): object = existing
            case nil: object = JSONObject()
            default: return nil
            }
            let child = object[name]
            if child == nil, let next = rest.first, case .index = next { return nil }
            guard let updated = set(value, rest, in: child) else { return nil }
            // Release the old child before writing so the array/object below is uniquely referenced.
            object[name] = .null
            object[name] = updated
            return .object(object)
        case .index(let index):
            guard case .array(var array) = node else { return nil }
            let resolved = index < 0 ? array.count + index : index
            guard array.indices.contains(resolved) else { return nil }
            guard let updated = set(value, rest, in: array[resolved]) else { return nil }
            array[resolved] = updated
            return .array(array)
        default:
            return nil
        }
    }
}

/// A `ResultPath` that cannot be applied to the state input.
public struct ReferencePathConflict: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reference path.
    public var path: String
    /// The input it was applied to.
    public var input: JSONValue
    /// "Unable to apply ReferencePath <path> to input <json>".
    public var description: String { "Unable to apply ReferencePath \(path) to input \(input.serialized())" }
}
