import Foundation

extension DefinitionReader {
    static let commonFields: Set<String> = ["Type", "Comment", "QueryLanguage"]
    static let flowFields: Set<String> = ["Next", "End"]
    static let ioFields: Set<String> = ["InputPath", "OutputPath"]
    static let resultFields: Set<String> = ["Parameters", "ResultSelector", "ResultPath"]
    static let errorFields: Set<String> = ["Retry", "Catch"]

    mutating func readState(_ name: String, _ value: JSONValue, at location: String, names: [String: Int]) -> StateNode? {
        guard case .object(let object) = value else {
            report(location, "A state must be a JSON object")
            return nil
        }
        guard case .string(let type)? = object["Type"] else {
            report(location, "These fields are required: [Type]")
            return nil
        }
        if let language = object["QueryLanguage"], language != "JSONPath" {
            report("\(location)/QueryLanguage", "only the JSONPath query language is supported by plumb's interpreter", code: "UNSUPPORTED_FEATURE")
        }
        let allowed: Set<String>
        let kind: StateKind?
        var transition: Transition? = .end
        switch type {
        case "Pass":
            allowed = Self.commonFields.union(Self.flowFields).union(Self.ioFields).union(["Parameters", "Result", "ResultPath"])
            kind = .pass(result: object["Result"])
        case "Task":
            allowed = Self.commonFields.union(Self.flowFields).union(Self.ioFields).union(Self.resultFields).union(Self.errorFields)
                .union(["Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials"])
            kind = readTask(object, at: location)
        case "Choice":
            allowed = Self.commonFields.union(Self.ioFields).union(["Choices", "Default"])
            kind = readChoice(object, at: location, names: names)
        case "Wait":
            allowed = Self.commonFields.union(Self.flowFields).union(Self.ioFields).union(["Seconds", "SecondsPath", "Timestamp", "TimestampPath"])
            kind = readWait(object, at: location)
        case "Succeed":
            allowed = Self.commonFields.union(Self.ioFields)
            kind = .succeed
        case "Fail":
            allowed = Self.commonFields.union(["Error", "ErrorPath", "Cause", "CausePath"])
            kind = readFail(object, at: location)
        case "Parallel":
            allowed = Self.commonFields.union(Self.flowFields).union(Self.ioFields).union(Self.resultFields).union(Self.errorFields).union(["Branches"])
            kind = readParallel(object, at: location)
        case "Map":
            allowed = Self.commonFields.union(Self.flowFields).union(Self.ioFields).union(Self.resultFields).union(Self.errorFields).union([
                "ItemsPath", "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency", "MaxConcurrencyPath",
                "ToleratedFailureCount", "ToleratedFailureCountPath", "ToleratedFailurePercentage",
                "ToleratedFailurePercentagePath", "ItemBatcher", "ItemReader", "ResultWriter", "Label",
            ])
            kind = readMap(object, at: location)
        default:
            report("\(location)/Type", "Unknown state type '\(type)': use Pass, Task, Choice, Wait, Succeed, Fail, Parallel or Map")
            return nil
        }
        checkFields(object, allowed: allowed, at: location)
        if allowed.contains("Next") { transition = self.transition(object, at: location, names: names) }
        if type == "Task", let resource = object["Resource"]?.stringValue { taskResources.append(resource) }
        let retriers = allowed.contains("Retry") ? readRetriers(object, at: location) : []
        let catchers = allowed.contains("Catch") ? readCatchers(object, at: location, names: names) : []
        let node = StateNode(
            name: name, kind: kind ?? .succeed,
            inputPath: allowed.contains("InputPath") ? dataPath(object, "InputPath", at: location) : .whole,
            outputPath: allowed.contains("OutputPath") ? dataPath(object, "OutputPath", at: location) : .whole,
            parameters: allowed.contains("Parameters") && type != "Map" ? template(object, "Parameters", at: location) : nil,
            resultSelector: allowed.contains("ResultSelector") ? template(object, "ResultSelector", at: location) : nil,
            resultPath: allowed.contains("ResultPath") ? resultPlacement(object, at: location) : .replace,
            transition: transition ?? .end, retriers: retriers, catchers: catchers)
        guard kind != nil, transition != nil else { return nil }
        return node
    }

    mutating func readTask(_ object: JSONObject, at location: String) -> StateKind? {
        guard let resource = string(object, "Resource", at: location, required: true) else { return nil }
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let target: TaskSpec.Target
        if parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function", !parts[6].isEmpty, parts.count <= 8 {
            target = .lambdaFunction
        } else if parts.count >= 7, parts[0] == "arn", parts[2] == "states", parts[5] == "lambda", parts[6] == "invoke" {
            target = .lambdaInvoke
            checkFunctionName(object, at: location)
        } else if parts.count >= 6, parts[0] == "arn", parts[2] == "states" {
            let service = parts[5]
            let action = parts.count > 6 ? parts[6...].joined(separator: ":") : ""
            target = .service(resourceType: service, action: action)
        } else if parts.count >= 6, parts[0] == "arn" {
            target = .service(resourceType: parts[2], action: parts[5...].joined(separator: ":"))
        } else {
            report("\(location)/Resource", "Resource must be a valid ARN, got '\(resource)'", code: "INVALID_RESOURCE")
            return nil
        }
        let timeout = integerSource(object, "TimeoutSeconds", at: location, range: 1...99_999_999)
        let heartbeat = integerSource(object, "HeartbeatSeconds", at: location, range: 1...99_999_999)
        if case .literal(let timeoutValue)? = timeout, case .literal(let heartbeatValue)? = heartbeat, heartbeatValue >= timeoutValue {
            report("\(location)/HeartbeatSeconds", "HeartbeatSeconds must be smaller than TimeoutSeconds")
        }
        return .task(TaskSpec(resource: resource, target: target, timeout: timeout, heartbeat: heartbeat))
    }

    mutating func checkFunctionName(_ object: JSONObject, at location: String) {
        guard case .object(let parameters)? = object["Parameters"] else {
            report(location, "The field 'Parameters' with 'FunctionName' is required for arn:aws:states:::lambda:invoke")
            return
        }
        if parameters["FunctionName"] == nil && parameters["FunctionName.$"] == nil {
            report("\(location)/Parameters", "The field 'FunctionName' is required but was missing")
        }
    }

    mutating func readWait(_ object: JSONObject, at location: String) -> StateKind? {
        let given = ["Seconds", "SecondsPath", "Timestamp", "TimestampPath"].filter { object[$0] != nil }
        guard given.count == 1 else {
            report(location, "A Wait state needs exactly one of Seconds, SecondsPath, Timestamp or TimestampPath")
            return nil
        }
        switch given[0] {
        case "Seconds":
            return integer(object, "Seconds", at: location, range: 0...99_999_999).map { .wait(.seconds($0)) }
        case "Timestamp":
            guard let text = string(object, "Timestamp", at: location) else { return nil }
            guard let date = Timestamp.parse(text) else {
                report("\(location)/Timestamp", "Timestamp must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, got '\(text)'")
                return nil
            }
            return .wait(.timestamp(date, text))
        default:
            let key = given[0]
            guard let text = string(object, key, at: location), let parsed = path(text, at: "\(location)/\(key)") else { return nil }
            return .wait(key == "SecondsPath" ? .secondsPath(parsed) : .timestampPath(parsed))
        }
    }

    mutating func readFail(_ object: JSONObject, at location: String) -> StateKind? {
        func field(_ key: String) -> FailField? {
            let pathKey = key + "Path"
            if object[key] != nil && object[pathKey] != nil {
                report(location, "\(key) and \(pathKey) cannot both be set")
                return nil
            }
            if let text = string(object, key, at: location) { return .literal(text) }
            guard let text = string(object, pathKey, at: location) else { return nil }
            if IntrinsicCall.looksLikeCall(text) {
                do { return .call(try IntrinsicCall(text)) } catch { report("\(location)/\(pathKey)", "\(error)") }
            } else if let parsed = path(text, at: "\(location)/\(pathKey)") {
                return .path(parsed)
            }
            return nil
        }
        return .fail(FailSpec(error: field("Error"), cause: field("Cause")))
    }

    mutating func readParallel(_ object: JSONObject, at location: String) -> StateKind? {
        guard case .array(let branches)? = object["Branches"], !branches.isEmpty else {
            report(location, "These fields are required: [Branches] (a non-empty array)")
            return nil
        }
        var graphs: [StateGraph] = []
        for (index, branch) in branches.enumerated() {
            guard case .object(let branchObject) = branch else {
                report("\(location)/Branches/\(index)", "A branch must be a JSON object")
                continue
            }
            if let graph = readGraph(branchObject, at: "\(location)/Branches/\(index)", extraFields: ["Comment"]) {
                graphs.append(graph)
            }
        }
        return graphs.count == branches.count ? .parallel(branches: graphs) : nil
    }
}
