import StatesLanguage
import YAML

/// A step of a path into a JSON document.
enum PathComponent: Sendable, Hashable {
    case key(String)
    case index(Int)
}

/// A `${...}` written in an ASL definition.
struct PlaceholderSite: Sendable, Hashable {
    /// The whole string holding it.
    var body: String
    /// Where the string is.
    var location: FileLocation
    /// Where the string is in the definition.
    var path: [PathComponent]

    /// The field path for messages (`States.Greet.Parameters.FunctionName`).
    var field: String {
        var text = ""
        for component in path {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
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
        analysis.tasks = checker.tasks
        var path: [PathComponent] = []
        analysis.definition = convert(root, path: &path, placeholders: &analysis.placeholders)
        return analysis
    }

    /// The node as JSON (parts JSON cannot hold become null), recording every string holding `${`.
    private static func convert(_ node: YAMLNode, path: inout [PathComponent], placeholders: inout [PlaceholderSite]) -> JSONValue {
        switch node.content {
        case .scalar(let scalar):
            guard node.scalar?.style != .plain || node.scalarKind == .string else { return JSONValue(trusting: node) }
            if ASCII.contains(scalar.text, "${") {
                placeholders.append(PlaceholderSite(body: scalar.text, location: FieldReader.location(node), path: path))
            }
            return .string(scalar.text)
        case .sequence(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            for (index, item) in items.enumerated() {
                path.append(.index(index))
                result.append(convert(item, path: &path, placeholders: &placeholders))
                path.removeLast()
            }
            return .array(result)
        case .mapping(let pairs):
            // The JSON parser refuses repeated keys: each member is new.
            var object = JSONObject()
            for pair in pairs {
                guard let key = pair.key.scalar?.text else { continue }
                path.append(.key(key))
                object.appendNew(key, convert(pair.value, path: &path, placeholders: &placeholders))
                path.removeLast()
            }
            return .object(object)
        }
    }

    /// `definition` with the strings at the placeholder sites replaced by `resolve`.
    func substituted(_ resolve: (String) -> String) -> JSONValue? {
        guard var result = definition else { return nil }
        for site in placeholders {
            let replacement = resolve(site.body)
            if replacement != site.body { Self.set(.string(replacement), at: site.path[...], in: &result) }
        }
        return result
    }

    /// Puts `value` at `path` in `json` (the path exists: it was recorded while converting). The
    /// containers on the way are copied the first time only (when the cached definition still
    /// shares them), then changed in place.
    private static func set(_ value: JSONValue, at path: ArraySlice<PathComponent>, in json: inout JSONValue) {
        guard let first = path.first else {
            json = value
            return
        }
        switch first {
        case .key(let key):
            guard case .object(var object) = json else { return }
            json = .null
            object.modifyValue(forKey: key) { member in set(value, at: path.dropFirst(), in: &member) }
            json = .object(object)
        case .index(let index):
            guard case .array(var items) = json, items.indices.contains(index) else { return }
            json = .null
            var item = items[index]
            items[index] = .null
            set(value, at: path.dropFirst(), in: &item)
            items[index] = item
            json = .array(items)
        }
    }
}
