import StatesLanguage

/// Replaces `${...}` placeholders with ARNs and values of the deployment target.
struct Resolver {
    let target: DeploymentTarget

    /// The ARN (or value) a reference expression stands for; nil for forms left alone.
    /// `substitutions` holds resolved values (ARNs or literals) by name.
    func value(of expression: ReferenceExpression, substitutions: [String: String] = [:]) -> String? {
        switch expression {
        case .resource(let kind, let name, let qualifier):
            return target.arn(kind, name, qualifier: qualifier)
        case .environmentValue(let word):
            switch word {
            case "account": return target.account
            case "region": return target.region
            default: return target.partition
            }
        case .substitution(let name):
            return substitutions[name]
        case .foreign, .invalid:
            return nil
        }
    }

    /// `text` with every placeholder it can resolve replaced.
    func resolve(_ text: String, in context: ReferenceExpression.Context, substitutions: [String: String] = [:]) -> String {
        guard Placeholders.mayContain(text) else { return text }
        let occurrences = Placeholders.scan(text).occurrences
        guard !occurrences.isEmpty else { return text }
        var result = ""
        var index = text.startIndex
        for occurrence in occurrences {
            result += text[index..<occurrence.range.lowerBound]
            let expression = ReferenceExpression.parse(placeholder: occurrence.body, in: context)
            result += value(of: expression, substitutions: substitutions) ?? String(text[occurrence.range])
            index = occurrence.range.upperBound
        }
        result += text[index...]
        return result
    }

    /// `value` with every string resolved; parts without placeholders are shared, not copied.
    func resolve(_ value: JSONValue, in context: ReferenceExpression.Context, substitutions: [String: String] = [:]) -> JSONValue {
        resolveIfChanged(value, in: context, substitutions: substitutions) ?? value
    }

    /// The resolved value, or nil when nothing in it changes.
    private func resolveIfChanged(_ value: JSONValue, in context: ReferenceExpression.Context, substitutions: [String: String]) -> JSONValue? {
        switch value {
        case .string(let text):
            guard Placeholders.mayContain(text) else { return nil }
            let resolved = resolve(text, in: context, substitutions: substitutions)
            return resolved == text ? nil : .string(resolved)
        case .array(let items):
            var copy: [JSONValue]?
            for (index, item) in items.enumerated() {
                if let changed = resolveIfChanged(item, in: context, substitutions: substitutions) {
                    if copy == nil { copy = items }
                    copy?[index] = changed
                }
            }
            return copy.map(JSONValue.array)
        case .object(let object):
            var copy: JSONObject?
            for (key, member) in object {
                if let changed = resolveIfChanged(member, in: context, substitutions: substitutions) {
                    if copy == nil { copy = object }
                    copy?[key] = changed
                }
            }
            return copy.map(JSONValue.object)
        case .null, .bool, .int, .double:
            return nil
        }
    }
}
