import Cloud
import StatesLanguage

/// IAM's rules for names, paths and policy documents, answered with IAM's errors.
enum IAMRules {
    static let namePattern = #"[\w+=,.@-]+"#

    /// Trust policy size quota (characters without whitespace).
    static let trustPolicyQuota = 2048
    /// Managed policy size quota.
    static let managedPolicyQuota = 6144
    /// Aggregate inline policy size quota per role.
    static let inlinePolicyQuota = 10240
    /// Managed policies attached per role.
    static let attachedPoliciesQuota = 10
    /// Versions kept per managed policy.
    static let policyVersionsQuota = 5
    /// Roles per account.
    static let rolesQuota = 1000
    /// Customer managed policies per account.
    static let policiesQuota = 1500

    /// Checks a role, policy or inline policy name: 1–`maximum` characters of `[\w+=,.@-]`.
    static func checkName(_ name: String, field: String, maximum: Int) throws {
        let allowed = name.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil || "_+=,.@-".unicodeScalars.contains(scalar))
        }
        guard !name.isEmpty else {
            throw constraint(name, field, "Member must have length greater than or equal to 1")
        }
        guard name.count <= maximum else {
            throw constraint(name, field, "Member must have length less than or equal to \(maximum)")
        }
        guard allowed else { throw constraint(name, field, "Member must satisfy regular expression pattern: \(namePattern)") }
    }

    /// Checks a path: `/` or `/a/b/`, characters U+0021–U+007F, at most 512.
    static func checkPath(_ path: String) throws {
        let valid = path.hasPrefix("/") && path.hasSuffix("/") && path.count <= 512 && !path.contains("//")
            && path.unicodeScalars.allSatisfy { $0.value >= 0x21 && $0.value <= 0x7f }
        if !valid {
            throw constraint(path, "path", #"Member must satisfy regular expression pattern: (\u002F)|(\u002F[\u0021-\u007E]+\u002F)"#)
        }
    }

    /// Checks a description of up to 1,000 characters.
    static func checkDescription(_ description: String) throws {
        if description.count > 1000 {
            throw constraint(String(description.prefix(40)) + "…", "description", "Member must have length less than or equal to 1000")
        }
    }

    /// Checks tags: at most 50, keys 1–128, values up to 256 characters.
    static func checkTags(_ tags: [String: String], existing: Int = 0, kind: String) throws {
        if tags.count + existing > 50 {
            throw CloudError(.limitExceeded, "Cannot exceed quota for TagsPer\(kind): 50")
        }
        for (key, value) in tags where key.isEmpty || key.count > 128 || value.count > 256 || key.lowercased().hasPrefix("aws:") {
            throw CloudError(.invalidInput, "Tag key '\(key)' must be 1-128 characters not starting with 'aws:', and its value at most 256 characters.")
        }
    }

    /// The kinds of policy document.
    enum DocumentKind { case trust, identity }

    /// Checks a policy document's characters, JSON, shape and principal rule; answers its size
    /// without whitespace (what IAM's quotas count).
    @discardableResult
    static func checkDocument(_ document: String, kind: DocumentKind) throws -> Int {
        if document.count > 131_072 {
            throw constraint("…", "policyDocument", "Member must have length less than or equal to 131072")
        }
        if let bad = document.unicodeScalars.first(where: { !($0.value == 0x09 || $0.value == 0x0a || $0.value == 0x0d || ($0.value >= 0x20 && $0.value <= 0xff)) }) {
            throw CloudError(.malformedPolicyDocument, "The policy contains a character IAM does not accept (U+\(String(bad.value, radix: 16, uppercase: true))); use only tab, newline, carriage return and U+0020 to U+00FF.")
        }
        guard let json = try? JSONValue(parsing: document), case .object = json else {
            throw CloudError(.malformedPolicyDocument, "This policy contains invalid Json")
        }
        if let version = json["Version"], version != "2012-10-17" && version != "2008-10-17" {
            throw CloudError(.malformedPolicyDocument, "The policy failed legacy parsing")
        }
        let statements: [JSONValue]
        switch json["Statement"] {
        case .array(let list)?: statements = list
        case .object?: statements = [json["Statement"] ?? .null]
        default: throw CloudError(.malformedPolicyDocument, "Syntax errors in policy.")
        }
        guard !statements.isEmpty else { throw CloudError(.malformedPolicyDocument, "Syntax errors in policy.") }
        for statement in statements {
            guard case .object = statement, statement["Effect"] == "Allow" || statement["Effect"] == "Deny" else {
                throw CloudError(.malformedPolicyDocument, "Syntax errors in policy.")
            }
            if statement["Action"] == nil && statement["NotAction"] == nil {
                throw CloudError(.malformedPolicyDocument, "Policy statement must contain actions.")
            }
            let hasPrincipal = statement["Principal"] != nil || statement["NotPrincipal"] != nil
            switch kind {
            case .identity:
                if hasPrincipal { throw CloudError(.malformedPolicyDocument, "Policy document should not specify a principal.") }
                if statement["Resource"] == nil && statement["NotResource"] == nil {
                    throw CloudError(.malformedPolicyDocument, "Policy statement must contain resources.")
                }
            case .trust:
                if !hasPrincipal { throw CloudError(.malformedPolicyDocument, "Has prohibited field Resource, or is missing required field Principal.") }
            }
        }
        return document.unicodeScalars.filter { !$0.properties.isWhitespace }.count
    }

    /// Parses a managed policy ARN or answers IAM's `ValidationError`.
    static func policyArn(_ text: String) throws -> ARN {
        guard let arn = ARN(text), arn.service == "iam", arn.iamResourceType == "policy", arn.iamPathAndName != nil else {
            throw CloudError(.validationError, "Invalid ARN:  Could not be parsed!")
        }
        return arn
    }

    /// Parses `v<N>` or answers IAM's `ValidationError`.
    static func versionNumber(_ versionId: String) throws -> Int {
        guard versionId.hasPrefix("v"), let number = Int(versionId.dropFirst()), number > 0, !versionId.dropFirst().hasPrefix("0") else {
            throw constraint(versionId, "versionId", #"Member must satisfy regular expression pattern: v[1-9][0-9]*(\.[A-Za-z0-9-]*)?"#)
        }
        return number
    }

    /// IAM's "1 validation error detected" message.
    static func constraint(_ value: String, _ field: String, _ rule: String) -> CloudError {
        CloudError(.validationError, "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(rule)")
    }
}
