import StatesLanguage
import YAML

/// A `${...}` written in an ASL definition.
struct PlaceholderSite: Sendable, Hashable {
    /// The text between `${` and `}`.
    var body: String
    /// Where the string holding it is.
    var location: FileLocation
    /// The field path in the definition.
    var field: String
}

/// A Task state, as written (before substitutions).
struct TaskSite: Sendable, Hashable {
    /// The state's name, with enclosing Parallel/Map states (`DeployServices/DeployService`).
    var state: String
    /// The field path of the state in the definition.
    var field: String
    /// The `Resource` text.
    var resource: String
    /// Where `Resource` is written.
    var resourceLocation: FileLocation
    /// The static `FunctionName` argument (of `lambda:invoke`), if any.
    var functionName: String?
    /// Where `FunctionName` is written.
    var functionNameLocation: FileLocation?
}

/// The static analysis of one ASL definition file: everything that does not depend on the state
/// machine's substitutions or on other resources, so it can be cached by the file's blob id.
struct DefinitionAnalysis: Sendable {
    /// The definition as written, or nil when it is not valid JSON.
    var definition: JSONValue?
    /// Structural problems (their resource is filled in by the state machine using the file).
    var diagnostics: [Diagnostic]
    /// Every `${...}` in the definition's strings.
    var placeholders: [PlaceholderSite]
    /// Every Task state.
    var tasks: [TaskSite]

    /// Step Functions' limit on a definition's size.
    static let maxBytes = 1_048_576

    /// Parses and checks the definition at `path`.
    static func analyze(path: String, bytes: UnsafeRawBufferPointer) -> DefinitionAnalysis {
        var analysis = DefinitionAnalysis(definition: nil, diagnostics: [], placeholders: [], tasks: [])
        if bytes.count > maxBytes {
            analysis.diagnostics.append(Diagnostic(.error, "asl.too-large", at: FileLocation(file: path),
                                                   "the definition is \(bytes.count) bytes; Step Functions accepts at most \(maxBytes) (1 MiB)",
                                                   hint: "split the workflow into several state machines"))
            return analysis
        }
        let root: YAMLNode
        do {
            root = try JSONParser.parse(buffer: bytes, file: path)
        } catch let error as YAMLError {
            analysis.diagnostics.append(Diagnostic(yamlError: error))
            return analysis
        } catch {
            analysis.diagnostics.append(Diagnostic(.error, "asl.json", at: FileLocation(file: path), "cannot parse the definition: \(error)"))
            return analysis
        }
        var checker = ASLChecker()
        checker.checkDefinition(root)
        analysis.diagnostics = checker.reader.diagnostics.items
        analysis.placeholders = checker.placeholders
        analysis.tasks = checker.tasks
        analysis.definition = JSONValue(trusting: root)
        return analysis
    }
}
