import YAML

extension ASLChecker {
    /// Comparison operators and the type of value each takes.
    enum OperandType {
        case string, number, boolean, timestamp, path, isCheck
    }

    static let comparisons: [String: OperandType] = {
        var table: [String: OperandType] = [:]
        for suffix in ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"] {
            table["String" + suffix] = .string
            table["Numeric" + suffix] = .number
            table["Timestamp" + suffix] = .timestamp
            table["String" + suffix + "Path"] = .path
            table["Numeric" + suffix + "Path"] = .path
            table["Timestamp" + suffix + "Path"] = .path
        }
        table["StringMatches"] = .string
        table["BooleanEquals"] = .boolean
        table["BooleanEqualsPath"] = .path
        for check in ["IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"] { table[check] = .isCheck }
        return table
    }()

    /// Checks `Choices` and `Default`; returns their targets.
    mutating func checkChoice(_ node: YAMLNode, path: @autoclosure () -> String, language: Language) -> [Transition] {
        var transitions: [Transition] = []
        if let defaultNode = node["Default"], let target = reader.string(defaultNode, at: Self.field(path(), "Default")) {
            transitions.append(Transition(target: target, node: defaultNode, field: Self.field(path(), "Default")))
        }
        guard let choicesNode = node["Choices"] else {
            reader.error("schema.missing-field", node, path(), "a Choice state needs Choices")
            return transitions
        }
        guard let rules = choicesNode.sequence, !rules.isEmpty else {
            reader.typeMismatch(choicesNode, Self.field(path(), "Choices"), expected: "a non-empty list of choice rules")
            return transitions
        }
        for (index, rule) in rules.enumerated() {
            let rulePath = "\(Self.field(path(), "Choices"))[\(index)]"
            if let nextNode = rule["Next"], let target = reader.string(nextNode, at: Self.field(rulePath, "Next")) {
                transitions.append(Transition(target: target, node: nextNode, field: Self.field(rulePath, "Next")))
            } else if rule.mapping != nil, rule["Next"] == nil {
                reader.error("asl.choice-rule", rule, rulePath, "a top-level choice rule needs Next", hint: "add Next: <state>")
            }
            if language == .jsonata {
                checkJSONataRule(rule, path: rulePath)
            } else {
                checkRule(rule, path: rulePath, topLevel: true)
            }
        }
        return transitions
    }

    private mutating func checkJSONataRule(_ rule: YAMLNode, path: @autoclosure () -> String) {
        guard reader.mapping(rule, at: path(), allowed: ["Condition", "Next", "Comment", "Output", "Assign"], required: ["Condition"]) != nil else { return }
        if let condition = rule["Condition"], let text = condition.string, !(text.hasPrefix("{%") && text.hasSuffix("%}")) {
            reader.error("asl.choice-rule", condition, Self.field(path(), "Condition"), "a JSONata Condition must be written {% expression %}")
        }
    }

    /// A boolean expression: one comparison (with `Variable`), or `And`/`Or` (lists) or `Not` (one rule).
    private mutating func checkRule(_ rule: YAMLNode, path: @autoclosure () -> String, topLevel: Bool) {
        guard let pairs = rule.mapping else {
            reader.typeMismatch(rule, path(), expected: "a choice rule (an object)")
            return
        }
        let keys = pairs.compactMap { $0.key.string }
        let operators = keys.filter { Self.comparisons[$0] != nil || $0 == "And" || $0 == "Or" || $0 == "Not" }
        var allowed = ["Variable", "Comment"] + operators
        if topLevel { allowed += ["Next", "Assign"] }
        for pair in pairs {
            guard let key = pair.key.string, !allowed.contains(key) else { continue }
            if key == "Next" {
                reader.error("asl.choice-rule", pair.key, Self.field(path(), key), "only top-level choice rules have Next; a rule inside And, Or or Not cannot",
                             hint: "move Next to the enclosing rule")
            } else {
                reader.unknownField(key, node: pair.key, in: path(), allowed: ["Variable", "And", "Or", "Not", "Next", "Comment"] + Self.comparisons.keys.sorted())
            }
        }
        guard operators.count == 1, let op = operators.first, let operand = rule[op] else {
            reader.error("asl.choice-rule", rule, path(),
                         operators.isEmpty ? "the choice rule has no comparison (such as StringEquals) and no And, Or or Not"
                                           : "the choice rule has several operators (\(operators.joined(separator: ", "))); use And to combine them")
            return
        }
        switch op {
        case "And", "Or":
            guard let items = operand.sequence, !items.isEmpty else {
                reader.typeMismatch(operand, Self.field(path(), op), expected: "a non-empty list of rules")
                return
            }
            if rule["Variable"] != nil { reader.error("asl.choice-rule", rule["Variable"] ?? rule, Self.field(path(), "Variable"), "\(op) rules have no Variable") }
            for (index, item) in items.enumerated() { checkRule(item, path: "\(Self.field(path(), op))[\(index)]", topLevel: false) }
        case "Not":
            if rule["Variable"] != nil { reader.error("asl.choice-rule", rule["Variable"] ?? rule, Self.field(path(), "Variable"), "Not rules have no Variable") }
            checkRule(operand, path: Self.field(path(), op), topLevel: false)
        default:
            checkComparison(rule, op: op, operand: operand, path: path())
        }
    }

    private mutating func checkComparison(_ rule: YAMLNode, op: String, operand: YAMLNode, path: @autoclosure () -> String) {
        if let variable = rule["Variable"] {
            if let text = reader.string(variable, at: Self.field(path(), "Variable")), let problem = PathSyntax.pathProblem(text) {
                reader.error("asl.jsonpath", variable, Self.field(path(), "Variable"), problem)
            }
        } else {
            reader.error("asl.choice-rule", rule, path(), "the comparison \(op) needs a Variable", hint: "e.g. Variable: $.status")
        }
        let operandPath = Self.field(path(), op)
        switch Self.comparisons[op] ?? .string {
        case .string:
            if operand.string == nil { reader.typeMismatch(operand, operandPath, expected: "a string") }
        case .number:
            if operand.double == nil { reader.typeMismatch(operand, operandPath, expected: "a number") }
        case .boolean, .isCheck:
            if operand.bool == nil { reader.typeMismatch(operand, operandPath, expected: "true or false") }
        case .timestamp:
            if let text = reader.string(operand, at: operandPath), !Self.isTimestamp(text) {
                reader.error("asl.timestamp", operand, operandPath, "'\(text)' is not an RFC 3339 timestamp", hint: "e.g. 2026-03-14T01:59:00Z")
            }
        case .path:
            if let text = reader.string(operand, at: operandPath), let problem = PathSyntax.pathProblem(text) {
                reader.error("asl.jsonpath", operand, operandPath, problem)
            }
        }
    }
}
