import YAML

extension ASLChecker {
    /// Checks the JSONPath fields and `.$` fields of a state.
    mutating func checkDataFields(_ node: YAMLNode, path: @autoclosure () -> String, language: Language) {
        guard language == .jsonPath, let pairs = node.mapping else { return }
        // One pass over the state's fields, then the checks in the order of `dataFields`.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.dataFields.count) { found in
            found.initialize(repeating: -1)  // where each field is among the pairs
            for (index, pair) in pairs.enumerated() {
                guard case .scalar(let scalar) = pair.key.content,
                      let position = Self.dataFields.firstIndex(of: scalar.text), found[position] < 0 else { continue }
                found[position] = index
            }
            for position in found.indices where found[position] >= 0 {
                checkDataField(Self.dataFields[position], pairs[found[position]].value, path: path())
            }
        }
    }

    private mutating func checkDataField(_ key: String, _ value: YAMLNode, path: @autoclosure () -> String) {
        switch key {
        case "InputPath", "OutputPath":
            if !value.isNull { checkPath(value, at: Self.field(path(), key), reference: false) }
        case "ResultPath":
            if !value.isNull { checkPath(value, at: Self.field(path(), key), reference: true) }
        case "ErrorPath", "CausePath":
            checkDynamicValue(value, at: Self.field(path(), key))
        case "Parameters", "ResultSelector", "ItemSelector", "Assign":
            if value.mapping == nil {
                reader.typeMismatch(value, Self.field(path(), key), expected: "an object")
            } else {
                checkPayloadTemplate(value, at: Self.field(path(), key))
            }
        default:  // the other `…Path` fields
            checkPath(value, at: Self.field(path(), key), reference: false)
        }
    }

    /// The fields `checkDataFields` checks, in the order it checks them: paths (input, output,
    /// result, then the other `…Path` fields), error and cause paths, payload templates.
    static let dataFields = ["InputPath", "OutputPath", "ResultPath",
                             "ItemsPath", "SecondsPath", "TimestampPath", "TimeoutSecondsPath", "HeartbeatSecondsPath",
                             "MaxConcurrencyPath", "ToleratedFailurePercentagePath", "ToleratedFailureCountPath",
                             "ErrorPath", "CausePath",
                             "Parameters", "ResultSelector", "ItemSelector", "Assign"]

    private mutating func checkPath(_ node: YAMLNode, at path: @autoclosure () -> String, reference: Bool) {
        guard let text = reader.string(node, at: path()) else { return }
        if let problem = reference ? PathSyntax.referencePathProblem(text) : PathSyntax.pathProblem(text) {
            reader.error("asl.jsonpath", node, path(), problem)
        }
    }

    /// A `.$` value: a path or an intrinsic function call.
    private mutating func checkDynamicValue(_ node: YAMLNode, at path: @autoclosure () -> String) {
        guard let text = reader.string(node, at: path()) else { return }
        if let problem = PathSyntax.dynamicValueProblem(text) {
            reader.error(text.hasPrefix("States.") ? "asl.intrinsic" : "asl.jsonpath", node, path(), problem,
                         hint: "a field whose name ends in .$ takes a path or an intrinsic function")
        }
    }

    /// Walks a payload template: `.$` fields take paths or intrinsic functions; a value that looks
    /// like a path in a field without `.$` is most likely a mistake.
    private mutating func checkPayloadTemplate(_ node: YAMLNode, at path: @autoclosure () -> String) {
        switch node.content {
        case .mapping(let pairs):
            for pair in pairs {
                guard let key = pair.key.string else { continue }
                // Field paths are spelled out only for a message.
                if key.hasSuffix(".$") {
                    checkDynamicValue(pair.value, at: Self.field(path(), key))
                } else if let text = pair.value.string, text == "$" || text.hasPrefix("$.") || text.hasPrefix("$$.") {
                    reader.warning("asl.no-dollar", pair.value, Self.field(path(), key),
                                   "the value '\(text)' looks like a path(), but '\(key)' does not end in '.$', so it is passed as a literal string",
                                   hint: "rename the field to '\(key).$' to read the path()")
                } else {
                    checkPayloadTemplate(pair.value, at: Self.field(path(), key))
                }
            }
        case .sequence(let items):
            for (index, item) in items.enumerated() { checkPayloadTemplate(item, at: "\(path())[\(index)]") }
        case .scalar:
            break
        }
    }
}
