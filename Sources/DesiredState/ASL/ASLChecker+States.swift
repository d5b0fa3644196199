import YAML

extension ASLChecker {
    /// The state types of the Amazon States Language.
    static let stateTypes = ["Task", "Pass", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map"]

    /// Fields only JSONPath states have, and fields only JSONata states have.
    static let jsonPathOnly: Set<String> = ["InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "ItemsPath",
                                            "SecondsPath", "TimestampPath", "ErrorPath", "CausePath", "TimeoutSecondsPath",
                                            "HeartbeatSecondsPath", "MaxConcurrencyPath", "ToleratedFailurePercentagePath",
                                            "ToleratedFailureCountPath"]
    /// (Three names: looked for among every field of every state, comparing is cheaper than hashing.)
    static let jsonataOnly = ["Arguments", "Output", "Items"]

    /// The fields a state of `type` may have (both languages).
    static func fields(of type: String) -> [String] {
        fieldsByType[type] ?? fieldsByType["Map"] ?? []
    }

    private static let fieldsByType: [String: [String]] = Dictionary(uniqueKeysWithValues: stateTypes.map { ($0, makeFields(of: $0)) })

    private static func makeFields(of type: String) -> [String] {
        let common = ["Type", "Comment", "QueryLanguage"]
        let flow = ["Next", "End"]
        switch type {
        case "Task":
            return common + flow + ["Resource", "Parameters", "Arguments", "ResultSelector", "ResultPath", "InputPath", "OutputPath",
                                    "Output", "Assign", "Retry", "Catch", "TimeoutSeconds", "TimeoutSecondsPath",
                                    "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"]
        case "Pass":
            return common + flow + ["Result", "ResultPath", "Parameters", "InputPath", "OutputPath", "Output", "Assign"]
        case "Choice":
            return common + flow + ["Choices", "Default", "InputPath", "OutputPath", "Output", "Assign"]
        case "Wait":
            return common + flow + ["Seconds", "SecondsPath", "Timestamp", "TimestampPath", "InputPath", "OutputPath", "Output", "Assign"]
        case "Succeed":
            return common + flow + ["InputPath", "OutputPath", "Output"]
        case "Fail":
            return common + flow + ["Error", "ErrorPath", "Cause", "CausePath"]
        case "Parallel":
            return common + flow + ["Branches", "Parameters", "Arguments", "ResultSelector", "ResultPath", "InputPath", "OutputPath",
                                    "Output", "Assign", "Retry", "Catch"]
        default:
            return common + flow + ["ItemProcessor", "Iterator", "ItemsPath", "Items", "ItemSelector", "Parameters", "ItemReader",
                                    "ResultWriter", "ItemBatcher", "MaxConcurrency", "MaxConcurrencyPath", "ToleratedFailurePercentage",
                                    "ToleratedFailurePercentagePath", "ToleratedFailureCount", "ToleratedFailureCountPath", "Label",
                                    "ResultSelector", "ResultPath", "InputPath", "OutputPath", "Output", "Assign", "Arguments",
                                    "Retry", "Catch"]
        }
    }

    /// Checks one state and returns its transitions.
    mutating func checkState(_ node: YAMLNode, name: String, path: @autoclosure () -> String, displayName: String, language inherited: Language) -> StateSummary {
        guard node.mapping != nil else {
            reader.typeMismatch(node, path(), expected: "an object (a state)")
            return StateSummary(isTerminal: true)
        }
        guard let typeNode = node["Type"] else {
            reader.error("schema.missing-field", node, path(), "state '\(name)' has no Type", hint: "Type is one of \(Self.stateTypes.joined(separator: ", "))")
            return StateSummary(isTerminal: true)
        }
        guard let type = reader.string(typeNode, at: Self.field(path(), "Type")) else { return StateSummary(isTerminal: true) }
        guard Self.stateTypes.contains(type) else {
            reader.error("asl.state-type", typeNode, Self.field(path(), "Type"), "unknown state type '\(type)'",
                         hint: suggestion(for: type, among: Self.stateTypes).map { "did you mean '\($0)'?" } ?? "types: \(Self.stateTypes.joined(separator: ", "))")
            return StateSummary(isTerminal: true)
        }
        var language = inherited
        if let value = node["QueryLanguage"], let parsed = reader.enumeration(value, at: Self.field(path(), "QueryLanguage"), as: Language.self) {
            if inherited == .jsonata && parsed == .jsonPath {
                reader.error("asl.query-language", value, Self.field(path(), "QueryLanguage"),
                             "a state cannot use JSONPath when the state machine uses JSONata")
            }
            language = parsed
        }
        checkFields(node, type: type, path: path(), language: language)

        var summary = StateSummary()
        switch type {
        case "Succeed", "Fail":
            for key in ["Next", "End"] where node[key] != nil {
                reader.error("asl.terminal-next", node[key] ?? node, Self.field(path(), key), "a \(type) state ends the execution; it cannot have \(key)",
                             hint: "remove \(key)")
            }
            summary.isTerminal = true
            if type == "Fail" { checkFail(node, path: path()) }
        case "Choice":
            for key in ["Next", "End"] where node[key] != nil {
                reader.error("asl.choice-next", node[key] ?? node, Self.field(path(), key), "a Choice state cannot have \(key); its rules and Default pick the next state",
                             hint: "move the target into Default")
            }
            summary.transitions = checkChoice(node, path: path(), language: language)
        default:
            summary = flow(node, path: path())
            switch type {
            case "Task": checkTask(node, path: path(), displayName: displayName, language: language)
            case "Wait": checkWait(node, path: path(), language: language)
            case "Parallel": checkParallel(node, path: path(), displayName: displayName, language: language)
            case "Map": checkMap(node, path: path(), displayName: displayName, language: language)
            default: break
            }
            if type == "Task" || type == "Parallel" || type == "Map" {
                summary.transitions += checkRetryCatch(node, path: path())
            }
        }
        checkDataFields(node, path: path(), language: language)
        return summary
    }

    /// Unknown fields, and fields of the other query language.
    private mutating func checkFields(_ node: YAMLNode, type: String, path: @autoclosure () -> String, language: Language) {
        let allowed = Self.fields(of: type)
        let pairs = node.mapping ?? []
        for index in pairs.indices {  // in place, not copied
            guard let key = pairs[index].key.string else { continue }
            if !allowed.contains(key) {
                reader.unknownField(key, node: pairs[index].key, in: path(), allowed: allowed.filter { language == .jsonPath ? !Self.jsonataOnly.contains($0) : !Self.jsonPathOnly.contains($0) })
            } else if language == .jsonPath && Self.jsonataOnly.contains(key) {
                reader.error("asl.query-language", pairs[index].key, Self.field(path(), key), "\(key) is a JSONata field, but this state uses JSONPath",
                             hint: "set QueryLanguage: JSONata, or use the JSONPath fields (Parameters, ResultSelector, OutputPath)")
            } else if language == .jsonata && Self.jsonPathOnly.contains(key) {
                reader.error("asl.query-language", pairs[index].key, Self.field(path(), key), "\(key) is a JSONPath field, but this state uses JSONata",
                             hint: "use Arguments and Output with JSONata expressions")
            }
        }
    }

    /// `Next` or `End: true`, exactly one.
    private mutating func flow(_ node: YAMLNode, path: @autoclosure () -> String) -> StateSummary {
        var summary = StateSummary()
        let end = node["End"].flatMap { reader.bool($0, at: Self.field(path(), "End")) } ?? false
        if let next = node["Next"] {
            if let target = reader.string(next, at: Self.field(path(), "Next")) {
                summary.transitions.append(Transition(target: target, node: next, field: Self.field(path(), "Next")))
            }
            if end {
                reader.error("asl.next-and-end", node["End"] ?? node, Self.field(path(), "End"), "a state has either Next or End: true, not both",
                             hint: "remove End to continue at '\(next.text ?? "")', or remove Next to end here")
            }
        } else if !end {
            reader.error("asl.no-next", node, path(), "the state has neither Next nor End: true",
                         hint: "add Next: <state> to continue, or End: true to end the execution here")
        }
        summary.isTerminal = end
        return summary
    }

    private mutating func checkTask(_ node: YAMLNode, path: @autoclosure () -> String, displayName: String, language: Language) {
        guard let resourceNode = node["Resource"] else {
            reader.error("schema.missing-field", node, path(), "a Task state needs a Resource", hint: "e.g. Resource: arn:aws:states:::lambda:invoke")
            return
        }
        guard let resource = reader.string(resourceNode, at: Self.field(path(), "Resource")) else { return }
        if !resource.hasPrefix("arn:") && !resource.hasPrefix("${") {
            reader.error("asl.resource", resourceNode, Self.field(path(), "Resource"), "Resource '\(resource)' is not an ARN",
                         hint: "use arn:aws:states:::lambda:invoke with Parameters.FunctionName, or ${function:NAME}")
        }
        let arguments = language == .jsonata ? node["Arguments"] : node["Parameters"]
        let functionNode = arguments?["FunctionName"]
        tasks.append(TaskSite(state: displayName, field: path(), resource: resource, resourceLocation: FieldReader.location(resourceNode),
                              functionName: functionNode?.string, functionNameLocation: functionNode.map(FieldReader.location)))
        checkSeconds(node, "TimeoutSeconds", path: path())
        checkSeconds(node, "HeartbeatSeconds", path: path())
        if let timeout = node["TimeoutSeconds"]?.int, let heartbeat = node["HeartbeatSeconds"]?.int, heartbeat >= timeout, let heartbeatNode = node["HeartbeatSeconds"] {
            reader.error("asl.heartbeat", heartbeatNode, Self.field(path(), "HeartbeatSeconds"),
                         "HeartbeatSeconds (\(heartbeat)) must be smaller than TimeoutSeconds (\(timeout))")
        }
    }

    /// `X` (positive integer) or `XPath` (a path), not both.
    private mutating func checkSeconds(_ node: YAMLNode, _ key: String, path: @autoclosure () -> String) {
        if let value = node[key] {
            if value.string == nil || !(value.string ?? "").hasPrefix("{%") {
                _ = reader.int(value, at: Self.field(path(), key), in: 1...99_999_999, unit: "seconds")
            }
            if let other = node[key + "Path"] {
                reader.error("asl.exclusive", other, Self.field(path(), key + "Path"), "give either \(key) or \(key)Path, not both")
            }
        }
    }

    private mutating func checkWait(_ node: YAMLNode, path: @autoclosure () -> String, language: Language) {
        let present = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { node[$0] != nil }
        if present.count != 1 {
            reader.error("asl.wait-fields", node, path(),
                         present.isEmpty ? "a Wait state needs one of Seconds, SecondsPath, Timestamp or TimestampPath"
                                         : "a Wait state takes exactly one of Seconds, SecondsPath, Timestamp, TimestampPath, but has \(present.joined(separator: ", "))")
        }
        if let seconds = node["Seconds"], seconds.scalarKind != .string {
            _ = reader.int(seconds, at: Self.field(path(), "Seconds"), in: 0...99_999_999, unit: "seconds")
        }
        if let timestamp = node["Timestamp"], let text = reader.string(timestamp, at: Self.field(path(), "Timestamp")),
           language == .jsonPath, !Self.isTimestamp(text) {
            reader.error("asl.timestamp", timestamp, Self.field(path(), "Timestamp"), "'\(text)' is not an RFC 3339 timestamp",
                         hint: "e.g. 2026-03-14T01:59:00Z")
        }
    }

    private mutating func checkFail(_ node: YAMLNode, path: @autoclosure () -> String) {
        for (key, pathKey) in [("Error", "ErrorPath"), ("Cause", "CausePath")] {
            if node[key] != nil, let other = node[pathKey] {
                reader.error("asl.exclusive", other, Self.field(path(), pathKey), "give either \(key) or \(pathKey), not both")
            }
            if let value = node[key] { _ = reader.string(value, at: Self.field(path(), key), nonEmpty: false) }
        }
    }

    private mutating func checkParallel(_ node: YAMLNode, path: @autoclosure () -> String, displayName: String, language: Language) {
        guard let branches = node["Branches"] else {
            reader.error("schema.missing-field", node, path(), "a Parallel state needs Branches")
            return
        }
        guard let items = branches.sequence, !items.isEmpty else {
            reader.typeMismatch(branches, Self.field(path(), "Branches"), expected: "a non-empty list of branches")
            return
        }
        for (index, branch) in items.enumerated() {
            checkMachine(branch, path: "\(Self.field(path(), "Branches"))[\(index)]", statePrefix: displayName + "/", scope: .branch, language: language)
        }
    }

    private mutating func checkMap(_ node: YAMLNode, path: @autoclosure () -> String, displayName: String, language: Language) {
        switch (node["ItemProcessor"], node["Iterator"]) {
        case (let processor?, nil):
            checkMachine(processor, path: Self.field(path(), "ItemProcessor"), statePrefix: displayName + "/", scope: .itemProcessor, language: language)
        case (nil, let iterator?):
            checkMachine(iterator, path: Self.field(path(), "Iterator"), statePrefix: displayName + "/", scope: .iterator, language: language)
        case (_?, let iterator?):
            reader.error("asl.exclusive", iterator, Self.field(path(), "Iterator"), "give either ItemProcessor or Iterator, not both",
                         hint: "Iterator is the older name of ItemProcessor")
        case (nil, nil):
            reader.error("schema.missing-field", node, path(), "a Map state needs an ItemProcessor")
        }
        if node["Parameters"] != nil, let selector = node["ItemSelector"] {
            reader.error("asl.exclusive", selector, Self.field(path(), "ItemSelector"), "give either ItemSelector or Parameters, not both",
                         hint: "Parameters is the older name of ItemSelector")
        }
        if let value = node["MaxConcurrency"] { _ = reader.int(value, at: Self.field(path(), "MaxConcurrency"), in: 0...10_000) }
        if let value = node["ToleratedFailurePercentage"] { _ = reader.number(value, at: Self.field(path(), "ToleratedFailurePercentage"), in: 0...100, unit: "percent") }
        if let value = node["ToleratedFailureCount"] { _ = reader.int(value, at: Self.field(path(), "ToleratedFailureCount"), in: 0...100_000_000) }
        if let value = node["Label"], let text = reader.string(value, at: Self.field(path(), "Label")), text.count > 40 {
            reader.error("asl.label", value, Self.field(path(), "Label"), "a Map Label has at most 40 characters, but has \(text.count)")
        }
    }

    /// RFC 3339 date-time with an upper-case `T` and a zone (`Z` or `±hh:mm`).
    static func isTimestamp(_ text: String) -> Bool {
        let chars = Array(text.utf8)
        guard chars.count >= 20 else { return false }
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { chars[$0] >= 48 && chars[$0] <= 57 } }
        guard digits(0..<4), chars[4] == 45, digits(5..<7), chars[7] == 45, digits(8..<10), chars[10] == 84,
              digits(11..<13), chars[13] == 58, digits(14..<16), chars[16] == 58, digits(17..<19) else { return false }
        var i = 19
        if chars[i] == 46 {
            i += 1
            let start = i
            while i < chars.count, chars[i] >= 48, chars[i] <= 57 { i += 1 }
            if i == start { return false }
        }
        guard i < chars.count else { return false }
        if chars[i] == 90 { return i + 1 == chars.count }
        guard chars[i] == 43 || chars[i] == 45, chars.count == i + 6 else { return false }
        return digits((i + 1)..<(i + 3)) && chars[i + 3] == 58 && digits((i + 4)..<(i + 6))
    }
}
