import YAML

extension FieldReader {
    static let conditionOperators: Set<String> = [
        "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
        "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
        "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
        "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
    ]

    /// Actions: `*` or `service:Action` (wildcards `*` and `?` allowed in the action part).
    mutating func actionList(_ node: YAMLNode, at path: @autoclosure () -> String, trust: Bool) -> [String] {
        var result: [String] = []
        for (action, item) in stringOrList(node, at: path()) {
            result.append(action)
            if action == "*" { continue }
            let parts = action.split(separator: ":", omittingEmptySubsequences: false)
            let valid = parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
                && parts[0].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                && parts[1].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "*" || $0 == "?") }
            if !valid {
                error("iam.action", item, path(), "'\(action)' is not an action: write service:Action, e.g. lambda:InvokeFunction")
            } else if trust && parts[0].lowercased() != "sts" {
                error("iam.trust-action", item, path(), "a trust policy only grants sts actions, but lists '\(action)'",
                      hint: "use sts:AssumeRole")
            }
        }
        return result
    }

    /// Resources: `*`, an ARN (at least six `:`-separated parts), or a reference; references are recorded.
    mutating func resourceList(_ node: YAMLNode, at path: @autoclosure () -> String) -> [String] {
        var result: [String] = []
        for (resource, item) in stringOrList(node, at: path()) {
            result.append(resource)
            let references = recordPlaceholders(resource, node: item, at: path(), context: .policy)
            if resource == "*" { continue }
            let isWholeReference = references == 1 && resource.hasPrefix("${") && resource.hasSuffix("}")
            if isWholeReference { continue }
            if !resource.hasPrefix("arn:") || resource.split(separator: ":", omittingEmptySubsequences: false).count < 6 {
                error("iam.resource", item, path(), "'\(resource)' is not a resource: write '*', an ARN (arn:partition:service:region:account:resource) or a reference such as ${function:NAME}")
            }
        }
        return result
    }

    /// Records every `${...}` in `text` as a reference site (invalid ones are reported); returns how many there were.
    @discardableResult
    mutating func recordPlaceholders(_ text: String, node: YAMLNode, at path: @autoclosure () -> String, context: ReferenceExpression.Context) -> Int {
        guard Placeholders.mayContain(text) else { return 0 }
        let (occurrences, unterminated) = Placeholders.scan(text)
        if unterminated != nil {
            error("ref.syntax", node, path(), "'\(text)' has a '${' without a closing '}'")
        }
        for occurrence in occurrences {
            let expression = ReferenceExpression.parse(placeholder: occurrence.body, in: context)
            switch expression {
            case .invalid(let message, let hint):
                error("ref.syntax", node, path(), message, hint: hint)
            case .foreign:
                break
            default:
                references.append(ReferenceSite(expression: expression, location: Self.location(node), field: path()))
            }
        }
        return occurrences.count
    }

    /// Principal: `*` or `{AWS|Service|Federated|CanonicalUser: string or list}`.
    mutating func lintPrincipal(_ node: YAMLNode, at path: @autoclosure () -> String) {
        if node.string == "*" { return }
        guard mapping(node, at: path(), allowed: ["AWS", "Service", "Federated", "CanonicalUser"]) != nil else { return }
        for pair in node.mapping ?? [] {
            guard let key = pair.key.string else { continue }
            for (value, item) in stringOrList(pair.value, at: "\(path()).\(key)") where key == "Service" {
                if !value.utf8.contains(UInt8(ascii: ".")) {
                    error("iam.principal", item, "\(path()).\(key)", "'\(value)' is not a service principal",
                          hint: "service principals look like lambda.amazonaws.com")
                }
            }
        }
    }

    /// Condition: `{Operator: {key: value or list}}`.
    mutating func lintCondition(_ node: YAMLNode, at path: @autoclosure () -> String) {
        guard let operators = node.mapping else {
            typeMismatch(node, path(), expected: "a mapping of condition operators")
            return
        }
        for pair in operators {
            guard let name = pair.key.string else { continue }
            var base = Substring(name)
            for prefix in ["ForAllValues:", "ForAnyValue:"] where base.hasPrefix(prefix) { base = base.dropFirst(prefix.count) }
            if base.hasSuffix("IfExists"), base != "Null" { base = base.dropLast("IfExists".count) }
            if !Self.conditionOperators.contains(String(base)) {
                error("iam.condition-operator", pair.key, "\(path()).\(name)", "unknown condition operator '\(name)'",
                      hint: suggestion(for: String(base), among: Self.conditionOperators.sorted()).map { "did you mean '\($0)'?" } ?? "")
            }
            guard let keys = pair.value.mapping else {
                typeMismatch(pair.value, "\(path()).\(name)", expected: "a mapping of condition keys to values")
                continue
            }
            for keyPair in keys {
                let keyPath = "\(path()).\(name).\(keyPair.key.text ?? "?")"
                if let items = keyPair.value.sequence {
                    for (index, item) in items.enumerated() where item.scalar == nil || item.isNull {
                        typeMismatch(item, "\(keyPath)[\(index)]", expected: "a string, number or boolean")
                    }
                } else if keyPair.value.scalar == nil || keyPair.value.isNull {
                    typeMismatch(keyPair.value, keyPath, expected: "a value or a list of values")
                }
            }
        }
    }
}
