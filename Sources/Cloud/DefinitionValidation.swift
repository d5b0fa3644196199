/// The answer of ValidateStateMachineDefinition.
public struct DefinitionValidationResult: Sendable, Hashable, Codable {
    /// `OK` when create/update would accept the definition, `FAIL` when not.
    public enum Result: String, Sendable, Hashable, Codable { case ok = "OK", fail = "FAIL" }

    /// One finding.
    public struct Diagnostic: Sendable, Hashable, Codable {
        /// `ERROR` or `WARNING`.
        public var severity: String
        /// A code such as `SCHEMA_VALIDATION_FAILED` or `MISSING_TRANSITION_TARGET`.
        public var code: String
        /// What is wrong.
        public var message: String
        /// Where, as a JSON pointer-like path (`/States/Deploy/Next`).
        public var location: String?

        /// Creates the value.
        public init(severity: String, code: String, message: String, location: String?) {
            self.severity = severity
            self.code = code
            self.message = message
            self.location = location
        }
    }

    /// `OK` or `FAIL`.
    public var result: Result
    /// The findings, errors first.
    public var diagnostics: [Diagnostic]
    /// Whether more findings were left out.
    public var truncated: Bool

    /// Creates the value.
    public init(result: Result, diagnostics: [Diagnostic], truncated: Bool = false) {
        self.result = result
        self.diagnostics = diagnostics
        self.truncated = truncated
    }
}
