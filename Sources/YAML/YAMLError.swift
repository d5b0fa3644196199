/// An error reading YAML or JSON, or decoding a value from it: what went wrong and where.
public struct YAMLError: Error, Sendable, CustomStringConvertible {
    /// The kind of problem.
    public enum Code: Sendable, Hashable {
        /// The text is not well-formed YAML (or JSON).
        case syntax
        /// The bytes are not valid UTF-8.
        case encoding
        /// A mapping has the same key twice.
        case duplicateKey
        /// An alias names an anchor that is not defined before it.
        case unknownAlias
        /// Aliases would produce more nodes than allowed (an "alias bomb").
        case aliasExpansionLimit
        /// Collections are nested deeper than allowed.
        case depthLimit
        /// A scalar's text does not fit its explicit tag, or a tag is misused.
        case invalidTag
        /// A merge key (`<<`) has a value that is not a mapping or a list of mappings.
        case invalidMerge
        /// A value has another type than the one expected.
        case typeMismatch
        /// A required key is missing.
        case missingKey
        /// A value is of the right type but not acceptable.
        case invalidValue
        /// The stream does not hold exactly one document where one was required.
        case documentCount
    }

    /// The kind of problem.
    public var code: Code
    /// The file the problem is in.
    public var file: String
    /// Where the problem is (1-based).
    public var mark: Mark
    /// The key path of the value concerned (`spec.rollout.healthGates.maxErrorRate`), or empty.
    public var path: String
    /// What is wrong, and what to do when that is not obvious.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, file: String, mark: Mark, path: String = "", message: String) {
        self.code = code
        self.file = file
        self.mark = mark
        self.path = path
        self.message = message
    }

    /// `file:line:column: message (at path)`.
    public var description: String {
        let at = path.isEmpty ? "" : " (at \(path))"
        return "\(file):\(mark.line):\(mark.column): \(message)\(at)"
    }
}
