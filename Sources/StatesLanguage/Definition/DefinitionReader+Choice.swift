extension DefinitionReader {
    mutating func readChoice(_ object: JSONObject, at location: String, names: [String: Int]) -> StateKind? {
        guard case .array(let entries)? = object["Choices"], !entries.isEmpty else {
            report(location, "These fields are required: [Choices] (a non-empty array)")
            return nil
        }
        if object["Next"] != nil || object["End"] != nil {
            report(location, "Choice states cannot have Next or End; use Choices and Default")
        }
        var rules: [ChoiceRule] = []
        var complete = true
        for (index, entry) in entries.enumerated() {
            let ruleLocation = "\(location)/Choices/\(index)"
            guard case .object(let rule) = entry else {
                report(ruleLocation, "A choice rule must be a JSON object")
                complete = false
                continue
            }
            guard let target = rule["Next"] else {
                report(ruleLocation, "These fields are required: [Next]")
                complete = false
                continue
            }
            let next = resolve(target, at: "\(ruleLocation)/Next", names: names)
            let condition = readCondition(rule, at: ruleLocation, topLevel: true)
            if let next, let condition { rules.append(ChoiceRule(condition: condition, next: next)) } else { complete = false }
        }
        var defaultIndex: Int?
        if let target = object["Default"] {
            defaultIndex = resolve(target, at: "\(location)/Default", names: names)
            if defaultIndex == nil { complete = false }
        }
        return complete ? .choice(rules: rules, defaultIndex: defaultIndex) : nil
    }

    mutating func readCondition(_ rule: JSONObject, at location: String, topLevel: Bool) -> ChoiceCondition? {
        var keys = Set(rule.keys).subtracting(["Comment"])
        if topLevel { keys.remove("Next") } else if keys.contains("Next") {
            report("\(location)/Next", "Next is only allowed on top-level choice rules")
            return nil
        }
        for combinator in ["And", "Or", "Not"] where rule[combinator] != nil {
            guard keys == [combinator] else {
                report(location, "A choice rule with \(combinator) cannot have other conditions")
                return nil
            }
            if combinator == "Not" {
                guard case .object(let inner)? = rule["Not"] else {
                    report("\(location)/Not", "Not must be a choice rule object")
                    return nil
                }
                return readCondition(inner, at: "\(location)/Not", topLevel: false).map(ChoiceCondition.not)
            }
            guard case .array(let entries)? = rule[combinator], !entries.isEmpty else {
                report("\(location)/\(combinator)", "\(combinator) must be a non-empty array of choice rules")
                return nil
            }
            var conditions: [ChoiceCondition] = []
            for (index, entry) in entries.enumerated() {
                guard case .object(let inner) = entry else {
                    report("\(location)/\(combinator)/\(index)", "A choice rule must be a JSON object")
                    return nil
                }
                guard let condition = readCondition(inner, at: "\(location)/\(combinator)/\(index)", topLevel: false) else { return nil }
                conditions.append(condition)
            }
            return combinator == "And" ? .and(conditions) : .or(conditions)
        }
        return readComparison(rule, keys: keys, at: location)
    }

    mutating func readComparison(_ rule: JSONObject, keys: Set<String>, at location: String) -> ChoiceCondition? {
        guard let variableText = string(rule, "Variable", at: location, required: true) else { return nil }
        guard let variable = path(variableText, at: "\(location)/Variable") else { return nil }
        let operatorKeys = keys.subtracting(["Variable"])
        guard operatorKeys.count == 1, let key = operatorKeys.first else {
            report(location, operatorKeys.isEmpty
                ? "A choice rule needs a comparison operator such as StringEquals or NumericGreaterThan"
                : "A choice rule must have exactly one comparison operator, found \(operatorKeys.sorted().joined(separator: ", "))")
            return nil
        }
        let isPathForm = key.hasSuffix("Path")
        let baseName = isPathForm ? String(key.dropLast(4)) : key
        guard let comparison = ChoiceOperator(rawValue: baseName), !isPathForm || comparison.hasPathForm else {
            report("\(location)/\(key)", "Unknown comparison operator '\(key)'")
            return nil
        }
        guard let operandValue = rule[key] else { return nil }
        if isPathForm {
            guard case .string(let text) = operandValue, let operandPath = path(text, at: "\(location)/\(key)") else {
                report("\(location)/\(key)", "\(key) must be a JSONPath string")
                return nil
            }
            return .compare(variable: variable, comparison, .path(operandPath))
        }
        let expectedType = comparison.operandType
        guard operandValue.typeName == expectedType else {
            report("\(location)/\(key)", "\(key) must be a \(expectedType), got \(operandValue.typeName)")
            return nil
        }
        if baseName.hasPrefix("Timestamp"), let text = operandValue.stringValue, Timestamp.parse(text) == nil {
            report("\(location)/\(key)", "\(key) must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, got '\(text)'")
            return nil
        }
        return .compare(variable: variable, comparison, .value(operandValue))
    }
}
