/// A parsed and validated Amazon States Language definition (JSONPath query language), compiled
/// for running: paths, templates and intrinsic calls are parsed once, transitions are resolved.
public final class StateMachineDefinition: Sendable {
    /// The definition as given.
    public let json: JSONValue
    /// The top-level `Comment`.
    public let comment: String?
    /// The top-level `TimeoutSeconds` (execution timeout), if any.
    public let timeoutSeconds: Int?
    /// Names of every state, at every nesting level.
    public let stateNames: [String]
    /// The `Resource` of every Task state, at every nesting level.
    public let taskResources: [String]
    let graph: StateGraph

    /// Parses and validates JSON text. Throws `DefinitionError`.
    public convenience init(parsing text: String) throws {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: text)
        } catch let error as JSONParseError {
            throw DefinitionError(diagnostics: [
                DefinitionDiagnostic(code: "INVALID_JSON_DESCRIPTION", message: error.description, location: "/", line: error.line, column: error.column),
            ])
        }
        try self.init(json)
    }

    /// Validates a definition given as JSON. Throws `DefinitionError` listing every problem found.
    public init(_ json: JSONValue) throws {
        var reader = DefinitionReader()
        let graph = reader.readMachine(json)
        guard reader.diagnostics.isEmpty, let graph else {
            throw DefinitionError(diagnostics: reader.diagnostics)
        }
        self.json = json
        self.graph = graph
        self.comment = json["Comment"]?.stringValue
        self.timeoutSeconds = json["TimeoutSeconds"]?.integerValue.map { Int($0) }
        self.stateNames = reader.allStateNames
        self.taskResources = reader.taskResources
    }
}

/// A definition that fails validation.
public struct DefinitionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in document order.
    public var diagnostics: [DefinitionDiagnostic]

    /// "Invalid State Machine Definition: 'CODE: message at /location', …" (as Step Functions words it).
    public var description: String {
        "Invalid State Machine Definition: '" + diagnostics.map(\.description).joined(separator: ", ") + "'"
    }
}

/// One validation problem, with Step Functions' diagnostic code.
public struct DefinitionDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// `SCHEMA_VALIDATION_FAILED`, `MISSING_TRANSITION_TARGET`, `DUPLICATE_STATE_NAME`,
    /// `INVALID_RESOURCE`, `MISSING_END_STATE`, `INVALID_JSON_DESCRIPTION`, or
    /// `UNSUPPORTED_FEATURE` (valid for Step Functions, but not run by this interpreter).
    public var code: String
    /// What is wrong and how to fix it.
    public var message: String
    /// JSON-pointer-like place in the definition (`/States/Deploy/Next`).
    public var location: String
    /// 1-based line, for JSON syntax errors.
    public var line: Int?
    /// 1-based column, for JSON syntax errors.
    public var column: Int?

    /// A diagnostic.
    public init(code: String, message: String, location: String, line: Int? = nil, column: Int? = nil) {
        self.code = code
        self.message = message
        self.location = location
        self.line = line
        self.column = column
    }

    /// "CODE: message at location".
    public var description: String { "\(code): \(message) at \(location)" }
}
