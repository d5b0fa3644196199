import YAML

extension ASLChecker {
    /// The error names Step Functions defines; other names starting with `States.` are typos.
    static let builtInErrors: Set<String> = [
        "States.ALL", "States.HeartbeatTimeout", "States.Timeout", "States.TaskFailed", "States.Permissions",
        "States.ResultPathMatchFailure", "States.ParameterPathFailure", "States.BranchFailed", "States.NoChoiceMatched",
        "States.IntrinsicFailure", "States.ExceedToleratedFailureThreshold", "States.ItemReaderFailed",
        "States.ResultWriterFailed", "States.Runtime", "States.DataLimitExceeded", "States.QueryEvaluationError",
        "States.Http.Socket",
    ]

    /// Checks `Retry` and `Catch`; returns the catchers' targets.
    mutating func checkRetryCatch(_ node: YAMLNode, path: @autoclosure () -> String) -> [Transition] {
        if let retry = node["Retry"] {
            _ = checkErrorHandlers(retry, path: Self.field(path(), "Retry"), isCatch: false)
        }
        guard let catchNode = node["Catch"] else { return [] }
        let catchers = checkErrorHandlers(catchNode, path: Self.field(path(), "Catch"), isCatch: true)
        return catchers.compactMap { catcher, catcherPath in
            guard let next = catcher["Next"], let target = reader.string(next, at: Self.field(catcherPath, "Next")) else { return nil }
            return Transition(target: target, node: next, field: Self.field(catcherPath, "Next"))
        }
    }

    /// Checks a list of retriers or catchers: fields, `ErrorEquals`, and `States.ALL` alone and last.
    /// Returns the catchers with their field paths (retriers, with none).
    private mutating func checkErrorHandlers(_ node: YAMLNode, path: @autoclosure () -> String, isCatch: Bool) -> [(YAMLNode, String)] {
        guard let items = node.sequence else {
            reader.typeMismatch(node, path(), expected: isCatch ? "a list of catchers" : "a list of retriers")
            return []
        }
        let allowed = isCatch ? ["ErrorEquals", "Next", "ResultPath", "Output", "Assign", "Comment"]
                              : ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]
        var handlers: [(YAMLNode, String)] = []
        for (index, item) in items.enumerated() {
            // Spelled out only for a message, and for the catchers' targets.
            func itemPath() -> String { "\(path())[\(index)]" }
            guard reader.mapping(item, at: itemPath(), allowed: allowed, required: isCatch ? ["ErrorEquals", "Next"] : ["ErrorEquals"]) != nil else { continue }
            if isCatch { handlers.append((item, itemPath())) }
            if let errors = item["ErrorEquals"] { checkErrorEquals(errors, path: Self.field(itemPath(), "ErrorEquals"), isLast: index == items.count - 1, isCatch: isCatch) }
            if isCatch {
                if let resultPath = item["ResultPath"], !resultPath.isNull, let text = reader.string(resultPath, at: Self.field(itemPath(), "ResultPath")),
                   let problem = PathSyntax.referencePathProblem(text) {
                    reader.error("asl.jsonpath", resultPath, Self.field(itemPath(), "ResultPath"), problem)
                }
                continue
            }
            if let value = item["IntervalSeconds"] { _ = reader.int(value, at: Self.field(itemPath(), "IntervalSeconds"), in: 1...99_999_999, unit: "seconds") }
            if let value = item["MaxAttempts"] { _ = reader.int(value, at: Self.field(itemPath(), "MaxAttempts"), in: 0...99_999_999) }
            if let value = item["BackoffRate"] { _ = reader.number(value, at: Self.field(itemPath(), "BackoffRate"), in: 1...99_999_999) }
            if let value = item["MaxDelaySeconds"] { _ = reader.int(value, at: Self.field(itemPath(), "MaxDelaySeconds"), in: 1...31_622_400, unit: "seconds") }
            if let value = item["JitterStrategy"], let text = reader.string(value, at: Self.field(itemPath(), "JitterStrategy")), text != "FULL", text != "NONE" {
                reader.error("asl.enum", value, Self.field(itemPath(), "JitterStrategy"), "JitterStrategy must be FULL or NONE, but is '\(text)'")
            }
        }
        return handlers
    }

    private mutating func checkErrorEquals(_ node: YAMLNode, path: @autoclosure () -> String, isLast: Bool, isCatch: Bool) {
        guard let names = reader.stringList(node, at: path()) else { return }
        if names.isEmpty { reader.error("asl.error-equals", node, path(), "ErrorEquals must name at least one error") }
        let what = isCatch ? "catcher" : "retrier"
        for (index, name) in names.enumerated() {
            let item = node[index] ?? node
            if name == "States.ALL" {
                if names.count > 1 {
                    reader.error("asl.states-all", item, "\(path())[\(index)]", "States.ALL must be alone in its ErrorEquals",
                                 hint: "it matches every error: remove the other names, or use a separate \(what)")
                }
                if !isLast {
                    reader.error("asl.states-all", item, "\(path())[\(index)]", "the \(what) with States.ALL must be the last one",
                                 hint: "move it to the end: the \(what)s after it could never match")
                }
            } else if name.hasPrefix("States."), !Self.builtInErrors.contains(name) {
                reader.error("asl.error-name", item, "\(path())[\(index)]", "'\(name)' is not a Step Functions error name",
                             hint: suggestion(for: name, among: Self.builtInErrors.sorted()).map { "did you mean '\($0)'?" }
                                ?? "names starting with States. are reserved for the built-in errors")
            }
        }
    }
}
