import Testing
@testable import YAML

/// Parses `text` (one document) from a file named `test.yaml`.
func parseOne(_ text: String, options: YAMLParser.Options = YAMLParser.Options()) throws -> YAMLNode {
    try YAMLParser.parseSingle(Array(text.utf8), file: "test.yaml", options: options)
}

/// Runs `body`, which must throw a `YAMLError`, and returns it; records an issue otherwise.
func expectYAMLError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> YAMLError? {
    do {
        try body()
        Issue.record("expected a YAMLError, but nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as YAMLError {
        return error
    } catch {
        Issue.record("expected a YAMLError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}

/// Checks an error's code, 1-based position and (part of) its message.
func check(_ error: YAMLError?, _ code: YAMLError.Code, line: Int, column: Int, contains fragment: String,
           sourceLocation: SourceLocation = #_sourceLocation) {
    guard let error else { return }
    #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
    #expect(error.mark == Mark(line: line, column: column), "\(error)", sourceLocation: sourceLocation)
    #expect(error.message.contains(fragment), "message was: \(error.message)", sourceLocation: sourceLocation)
}

/// The scalar kind of `value` written after `key: ` in a one-line mapping.
func kindOf(_ value: String) throws -> ScalarKind? {
    try parseOne("key: \(value)\n")["key"]?.scalarKind
}
