import Cloud
import StatesLanguage

/// Whether a role's trust policy lets an AWS service assume it.
enum TrustPolicy {
    /// True when some statement allows `sts:AssumeRole` to `service` (e.g. `lambda.amazonaws.com`)
    /// and none denies it. Conditions are not evaluated.
    static func allows(_ document: String, service: String) -> Bool {
        guard let policy = try? JSONValue(parsing: document) else { return false }
        let statements: [JSONValue]
        switch policy["Statement"] {
        case .array(let list)?: statements = list
        case .object?: statements = [policy["Statement"] ?? .null]
        default: return false
        }
        var allowed = false
        for statement in statements {
            guard matchesAction(statement["Action"]), matchesPrincipal(statement["Principal"], service: service) else { continue }
            switch statement["Effect"]?.stringValue {
            case "Deny": return false
            case "Allow": allowed = true
            default: continue
            }
        }
        return allowed
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .array(let list)?: return list.compactMap(\.stringValue)
        default: return []
        }
    }

    private static func matchesAction(_ value: JSONValue?) -> Bool {
        strings(value).contains { action in
            let lower = action.lowercased()
            return lower == "sts:assumerole" || lower == "sts:*" || lower == "*"
        }
    }

    private static func matchesPrincipal(_ value: JSONValue?, service: String) -> Bool {
        if value?.stringValue == "*" { return true }
        if strings(value?["AWS"]).contains("*") { return true }
        return strings(value?["Service"]).contains(service)
    }

    /// Answers `error` unless `roleArn` names a role of the caller's account that `service` may
    /// assume. Roles of other accounts cannot be checked and are accepted.
    static func requireAssumable(_ roleArn: String, service: String, _ context: CallContext, error: CloudError) throws {
        guard let arn = ARN(roleArn), let (_, name) = arn.iamPathAndName else { throw error }
        guard arn.account == context.scope.account else { return }
        guard let role = try RoleRecord.find(context.db, account: arn.account, name: name),
              ARN.role(role.name, path: role.path, in: context.scope).description == roleArn,
              allows(role.trustPolicy, service: service) else {
            throw error
        }
    }
}
