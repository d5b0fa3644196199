import DesiredState
import Testing

/// The diagnostic a broken input must produce.
struct ExpectedDiagnostic: Sendable {
    var code: String
    var file: String
    var line: Int
    var column: Int?
    /// Text the message must contain.
    var message: String
    /// Text the hint must contain, when given.
    var hint: String?
    var severity: Severity

    init(_ code: String, _ file: String, line: Int, column: Int? = nil, message: String, hint: String? = nil, severity: Severity = .error) {
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.severity = severity
    }

    func matches(_ diagnostic: Diagnostic) -> Bool {
        diagnostic.code == code && diagnostic.severity == severity && diagnostic.location.file == file
            && diagnostic.location.line == line && (column == nil || diagnostic.location.column == column)
            && diagnostic.message.contains(message) && (hint == nil || diagnostic.hint.contains(hint ?? ""))
    }
}

/// One broken input of the corpus: the baseline with a change, and the diagnostic it must produce.
struct CorpusCase: Sendable, CustomTestStringConvertible {
    var name: String
    var content: RepositoryContent
    var expected: ExpectedDiagnostic
    var environment: String?

    init(_ name: String, _ content: RepositoryContent, _ expected: ExpectedDiagnostic, environment: String? = nil) {
        self.name = name
        self.content = content
        self.expected = expected
        self.environment = environment
    }

    var testDescription: String { name }
}
