/// Reads a definition's JSON into compiled states, collecting every problem as a diagnostic.
struct DefinitionReader {
    var diagnostics: [DefinitionDiagnostic] = []
    var allStateNames: [String] = []
    var taskResources: [String] = []
    private var seenNames: Set<String> = []

    static let schema = "SCHEMA_VALIDATION_FAILED"

    mutating func report(_ location: String, _ message: String, code: String = schema) {
        diagnostics.append(DefinitionDiagnostic(code: code, message: message, location: location.isEmpty ? "/" : location))
    }

    mutating func readMachine(_ json: JSONValue) -> StateGraph? {
        guard case .object(let root) = json else {
            report("", "Definition must be a valid JSON object")
            return nil
        }
        if let language = root["QueryLanguage"] {
            if language == "JSONata" {
                report("/QueryLanguage", "the JSONata query language is not supported by plumb's interpreter; use JSONPath", code: "UNSUPPORTED_FEATURE")
            } else if language != "JSONPath" {
                report("/QueryLanguage", "QueryLanguage must be JSONPath or JSONata")
            }
        }
        if let version = root["Version"], version.stringValue == nil { report("/Version", "Version must be a string") }
        _ = integer(root, "TimeoutSeconds", at: "", range: 1...99_999_999)
        return readGraph(root, at: "", extraFields: ["Comment", "Version", "TimeoutSeconds", "QueryLanguage"])
    }

    /// A scope: `StartAt` and `States` (the machine, a branch, or an item processor).
    mutating func readGraph(_ object: JSONObject, at location: String, extraFields: Set<String>) -> StateGraph? {
        checkFields(object, allowed: extraFields.union(["StartAt", "States"]), at: location)
        var missing: [String] = []
        if object["States"] == nil { missing.append("States") }
        if object["StartAt"] == nil { missing.append("StartAt") }
        if !missing.isEmpty {
            report(location, "These fields are required: [\(missing.joined(separator: ", "))]")
            return nil
        }
        guard case .string(let startAt) = object["StartAt"] else {
            report("\(location)/StartAt", "StartAt must be a string")
            return nil
        }
        guard case .object(let statesObject) = object["States"], !statesObject.isEmpty else {
            report("\(location)/States", "States must be a non-empty object")
            return nil
        }
        var indices: [String: Int] = [:]
        for (position, name) in statesObject.keys.enumerated() {
            indices[name] = position
            let stateLocation = "\(location)/States/\(name)"
            if name.isEmpty || name.count > 80 {
                report(stateLocation, "State names must be 1 to 80 characters long", code: "INVALID_STATE_NAME")
            }
            if !seenNames.insert(name).inserted {
                report(stateLocation, "Duplicate State name: \(name)", code: "DUPLICATE_STATE_NAME")
            }
            allStateNames.append(name)
        }
        guard let startIndex = indices[startAt] else {
            report("\(location)/StartAt", "Missing 'Next' target: \(startAt)", code: "MISSING_TRANSITION_TARGET")
            return nil
        }
        var nodes: [StateNode] = []
        var complete = true
        for member in statesObject.members {
            if let node = readState(member.key, member.value, at: "\(location)/States/\(member.key)", names: indices) {
                nodes.append(node)
            } else {
                complete = false
            }
        }
        guard complete else { return nil }
        checkReachability(nodes, start: startIndex, at: location)
        return StateGraph(states: nodes, startIndex: startIndex)
    }

    mutating func checkReachability(_ nodes: [StateNode], start: Int, at location: String) {
        var reached = Set([start])
        var pending = [start]
        var hasTerminal = false
        while let index = pending.popLast() {
            let node = nodes[index]
            var targets: [Int] = node.catchers.map(\.next)
            switch node.kind {
            case .choice(let rules, let defaultIndex):
                targets += rules.map(\.next)
                if let defaultIndex { targets.append(defaultIndex) }
            case .succeed, .fail:
                hasTerminal = true
            default:
                switch node.transition {
                case .next(let next): targets.append(next)
                case .end: hasTerminal = true
                }
            }
            for target in targets where reached.insert(target).inserted { pending.append(target) }
        }
        for (index, node) in nodes.enumerated() where !reached.contains(index) {
            report("\(location)/States/\(node.name)", "State '\(node.name)' is not reachable")
        }
        if !hasTerminal { report(location.isEmpty ? "/" : location, "Workflow has no terminal state", code: "MISSING_END_STATE") }
    }

    // MARK: Field helpers

    mutating func checkFields(_ object: JSONObject, allowed: Set<String>, at location: String) {
        for key in object.keys where !allowed.contains(key) {
            if key == "Assign" || key == "Output" || key == "Arguments" {
                report("\(location)/\(key)", "the field '\(key)' (variables or JSONata) is not supported by plumb's interpreter", code: "UNSUPPORTED_FEATURE")
            } else {
                report("\(location)/\(key)", "Field '\(key)' is not supported")
            }
        }
    }

    mutating func string(_ object: JSONObject, _ key: String, at location: String, required: Bool = false) -> String? {
        guard let value = object[key] else {
            if required { report(location, "These fields are required: [\(key)]") }
            return nil
        }
        guard case .string(let text) = value else {
            report("\(location)/\(key)", "\(key) must be a string, got \(value.typeName)")
            return nil
        }
        return text
    }

    mutating func integer(_ object: JSONObject, _ key: String, at location: String, range: ClosedRange<Int>) -> Int? {
        guard let value = object[key] else { return nil }
        guard let number = value.integerValue, range.contains(Int(number)) else {
            report("\(location)/\(key)", "\(key) must be an integer from \(range.lowerBound) to \(range.upperBound), got \(value)")
            return nil
        }
        return Int(number)
    }

    mutating func path(_ text: String, at location: String) -> JSONPath? {
        do {
            return try JSONPath(text)
        } catch {
            report(location, "\(error)")
            return nil
        }
    }

    mutating func dataPath(_ object: JSONObject, _ key: String, at location: String) -> DataPath {
        switch object[key] {
        case nil: return .whole
        case .null?: return .empty
        case .string(let text)?:
            guard let parsed = path(text, at: "\(location)/\(key)") else { return .whole }
            return parsed.isRoot && parsed.root == .input ? .whole : .path(parsed)
        case let other?:
            report("\(location)/\(key)", "\(key) must be a JSONPath string or null, got \(other.typeName)")
            return .whole
        }
    }

    mutating func resultPlacement(_ object: JSONObject, at location: String) -> ResultPlacement {
        switch object["ResultPath"] {
        case nil: return .replace
        case .null?: return .discard
        case .string(let text)?:
            do {
                let reference = try ReferencePath(text)
                return reference.path.isRoot ? .replace : .path(reference)
            } catch {
                report("\(location)/ResultPath", "\(error)")
                return .replace
            }
        case let other?:
            report("\(location)/ResultPath", "ResultPath must be a reference path string or null, got \(other.typeName)")
            return .replace
        }
    }

    mutating func template(_ object: JSONObject, _ key: String, at location: String) -> PayloadTemplate? {
        guard let value = object[key] else { return nil }
        var problems: [(String, String)] = []
        let compiled = PayloadTemplate.compile(value, at: "\(location)/\(key)") { problems.append(($0, $1)) }
        for (problemLocation, message) in problems { report(problemLocation, message) }
        return compiled
    }

    /// An integer field that may instead be given by a `…Path` field.
    mutating func integerSource(_ object: JSONObject, _ key: String, at location: String, range: ClosedRange<Int>) -> IntegerSource? {
        let pathKey = key + "Path"
        if object[key] != nil && object[pathKey] != nil {
            report(location, "\(key) and \(pathKey) cannot both be set")
            return nil
        }
        if let literal = integer(object, key, at: location, range: range) { return .literal(literal) }
        if let text = string(object, pathKey, at: location), let parsed = path(text, at: "\(location)/\(pathKey)") {
            return .path(parsed)
        }
        return nil
    }

    mutating func transition(_ object: JSONObject, at location: String, names: [String: Int]) -> Transition? {
        let next = object["Next"]
        let end = object["End"]
        switch (next, end) {
        case (nil, nil):
            report(location, "These fields are required: [Next or End]", code: "MISSING_TRANSITION_TARGET")
            return nil
        case (.some, .some):
            report(location, "Next and End cannot both be set")
            return nil
        case (nil, .some(let flag)):
            guard flag == .bool(true) else {
                report("\(location)/End", "End must be true")
                return nil
            }
            return .end
        case (.some(let target), nil):
            return resolve(target, at: "\(location)/Next", names: names).map(Transition.next)
        }
    }

    mutating func resolve(_ target: JSONValue, at location: String, names: [String: Int]) -> Int? {
        guard case .string(let name) = target else {
            report(location, "Next must be a state name")
            return nil
        }
        guard let index = names[name] else {
            report(location, "Missing 'Next' target: \(name)", code: "MISSING_TRANSITION_TARGET")
            return nil
        }
        return index
    }
}
