/// How serious a validation finding is.
public enum Severity: String, Sendable, Hashable, Comparable, Codable {
    /// A problem that makes the desired state unusable; nothing is deployed while one exists.
    case error
    /// Something legal but risky or probably unintended; it does not block a deployment.
    case warning

    /// Errors sort before warnings.
    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs == .error && rhs == .warning
    }
}

/// A place in a file of the desired-state repository: path relative to the repository root and
/// 1-based line and column (0 when the finding concerns the whole file or no file).
public struct FileLocation: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The file's path relative to the repository root (`manifests/functions.yaml`), or "" for none.
    public var file: String
    /// The 1-based line, or 0 when unknown.
    public var line: Int
    /// The 1-based column, or 0 when unknown.
    public var column: Int

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A location that names no file (problems of the repository as a whole).
    public static let none = FileLocation(file: "")

    /// `file:line:column`, `file` or `<repository>`.
    public var description: String {
        if file.isEmpty { return "<repository>" }
        return line > 0 ? "\(file):\(line):\(column)" : file
    }

    /// Orders by file, then line, then column.
    public static func < (lhs: FileLocation, rhs: FileLocation) -> Bool {
        if lhs.file != rhs.file { return lhs.file < rhs.file }
        if lhs.line != rhs.line { return lhs.line < rhs.line }
        return lhs.column < rhs.column
    }
}

/// One finding of loading or validation: what is wrong, where, and what to do about it.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Error or warning.
    public var severity: Severity
    /// A stable identifier of the rule that fired, e.g. `schema.unknown-field`, `asl.unreachable-state`.
    public var code: String
    /// Where the problem is.
    public var location: FileLocation
    /// The resource concerned, when there is one.
    public var resource: ResourceID?
    /// The field concerned, as a path from the document root (`spec.rollout.strategy`,
    /// `definition.States.Deploy.Next`), or "".
    public var field: String
    /// What is wrong.
    public var message: String
    /// What to do about it, or "".
    public var hint: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: String, at location: FileLocation, resource: ResourceID? = nil,
                field: String = "", _ message: String, hint: String = "") {
        self.severity = severity
        self.code = code
        self.location = location
        self.resource = resource
        self.field = field
        self.message = message
        self.hint = hint
    }

    /// `file:line:col: error: message [Kind/name field]`.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message)"
        var context: [String] = []
        if let resource { context.append(resource.description) }
        if !field.isEmpty { context.append(field) }
        if !context.isEmpty { text += " [\(context.joined(separator: " "))]" }
        return text
    }
}

/// Collects diagnostics while loading and validating, for one resource or one file at a time.
public struct DiagnosticList: Sendable {
    /// The diagnostics, in the order they were found.
    public private(set) var items: [Diagnostic] = []

    /// An empty list.
    public init() {}

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { items.contains { $0.severity == .error } }

    /// Adds one diagnostic.
    public mutating func append(_ diagnostic: Diagnostic) { items.append(diagnostic) }

    /// Adds several diagnostics.
    public mutating func append(contentsOf others: some Sequence<Diagnostic>) { items.append(contentsOf: others) }

    /// Adds an error.
    mutating func error(_ code: String, at location: FileLocation, resource: ResourceID? = nil, field: String = "",
                        _ message: String, hint: String = "") {
        items.append(Diagnostic(.error, code, at: location, resource: resource, field: field, message, hint: hint))
    }

    /// Adds a warning.
    mutating func warning(_ code: String, at location: FileLocation, resource: ResourceID? = nil, field: String = "",
                          _ message: String, hint: String = "") {
        items.append(Diagnostic(.warning, code, at: location, resource: resource, field: field, message, hint: hint))
    }
}
