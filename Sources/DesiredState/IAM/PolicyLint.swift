import YAML

/// Which grammar a policy document follows.
enum PolicyDocumentKind {
    /// An identity policy (managed or inline): Action and Resource, no Principal.
    case identity
    /// A role trust policy: Principal and Action, no Resource.
    case trust
}

extension FieldReader {
    static let statementFields = ["Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"]

    /// Checks a policy document's grammar and records the references in its resources.
    mutating func lintPolicy(_ node: YAMLNode, at path: String, kind: PolicyDocumentKind) {
        guard mapping(node, at: path, allowed: ["Version", "Id", "Statement"], required: ["Statement"]) != nil else { return }
        if let version = node["Version"] {
            if let text = string(version, at: "\(path).Version"), text != "2012-10-17", text != "2008-10-17" {
                error("iam.version", version, "\(path).Version", "policy Version must be \"2012-10-17\" (or the old \"2008-10-17\"), but is '\(text)'",
                      hint: "write Version: \"2012-10-17\"")
            }
        } else {
            warning("iam.version-missing", node, "\(path).Version", "the policy has no Version, so IAM reads it as 2008-10-17, where policy variables do not work",
                    hint: "add Version: \"2012-10-17\"")
        }
        if let id = node["Id"] { _ = string(id, at: "\(path).Id") }
        guard let statementNode = node["Statement"] else { return }
        let statements: [(YAMLNode, String)]
        if let items = statementNode.sequence {
            if items.isEmpty { error("iam.statement", statementNode, "\(path).Statement", "the policy has no statements") }
            statements = items.enumerated().map { ($1, "\(path).Statement[\($0)]") }
        } else if statementNode.mapping != nil {
            statements = [(statementNode, "\(path).Statement")]
        } else {
            typeMismatch(statementNode, "\(path).Statement", expected: "a statement or a list of statements")
            return
        }
        var sids: [String: YAMLNode] = [:]
        for (statement, statementPath) in statements {
            lintStatement(statement, at: statementPath, kind: kind)
            if let sidNode = statement["Sid"], let sid = sidNode.string {
                if let first = sids[sid] {
                    error("iam.duplicate-sid", sidNode, "\(statementPath).Sid",
                          "Sid '\(sid)' is used twice in one policy (first at line \(first.mark.line))", hint: "give every statement its own Sid")
                } else {
                    sids[sid] = sidNode
                }
            }
        }
    }

    private mutating func lintStatement(_ node: YAMLNode, at path: String, kind: PolicyDocumentKind) {
        guard mapping(node, at: path, allowed: Self.statementFields, required: ["Effect"]) != nil else { return }
        if let sid = node["Sid"], let text = string(sid, at: "\(path).Sid"),
           !text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
            error("iam.sid", sid, "\(path).Sid", "Sid '\(text)' may only hold ASCII letters and digits")
        }
        var effect: String?
        if let effectNode = node["Effect"], let text = string(effectNode, at: "\(path).Effect") {
            if text == "Allow" || text == "Deny" {
                effect = text
            } else {
                error("iam.effect", effectNode, "\(path).Effect", "Effect must be Allow or Deny, but is '\(text)'",
                      hint: suggestion(for: text, among: ["Allow", "Deny"]).map { "did you mean '\($0)'?" } ?? "")
            }
        }
        let actions = exactlyOne(node, "Action", "NotAction", at: path)
        var actionValues: [String] = []
        if let (key, value) = actions {
            actionValues = actionList(value, at: "\(path).\(key)", trust: kind == .trust)
            if key == "NotAction", effect == "Allow" {
                warning("iam.allow-not-action", node["NotAction"] ?? node, "\(path).NotAction",
                        "Allow with NotAction grants every action except the listed ones, including ones added to AWS later",
                        hint: "list the allowed actions with Action instead")
            }
            if key == "Action", effect == "Allow", actionValues.contains("*") {
                warning("iam.wildcard-action", value, "\(path).Action", "the statement allows every action ('*')",
                        hint: "list only the actions needed")
            }
        }
        switch kind {
        case .identity:
            for key in ["Principal", "NotPrincipal"] {
                if let principal = node[key] {
                    error("iam.principal", principal, "\(path).\(key)", "an identity policy must not specify a \(key)",
                          hint: "principals belong in a role's trust policy, not in its permission policies")
                }
            }
            if let (key, value) = exactlyOne(node, "Resource", "NotResource", at: path) {
                let resources = resourceList(value, at: "\(path).\(key)")
                if key == "Resource", effect == "Allow", resources.contains("*") {
                    let passRole = actionValues.contains { $0.lowercased() == "iam:passrole" || $0 == "iam:*" }
                    if passRole {
                        warning("iam.passrole-wildcard", value, "\(path).Resource", "iam:PassRole on every resource lets the holder hand any role to a service",
                                hint: "name the roles that may be passed, e.g. ${role:NAME}")
                    } else {
                        warning("iam.wildcard-resource", value, "\(path).Resource", "the statement applies to every resource ('*')",
                                hint: "name the resources, e.g. ${function:NAME} or an ARN pattern")
                    }
                }
            }
        case .trust:
            if node["Principal"] == nil && node["NotPrincipal"] == nil {
                error("iam.trust-principal", node, path, "a trust policy statement needs a Principal",
                      hint: "e.g. Principal: {Service: lambda.amazonaws.com}")
            }
            if let principal = node["Principal"] { lintPrincipal(principal, at: "\(path).Principal") }
            if let principal = node["NotPrincipal"] { lintPrincipal(principal, at: "\(path).NotPrincipal") }
            for key in ["Resource", "NotResource"] {
                if let resource = node[key] {
                    error("iam.trust-resource", resource, "\(path).\(key)", "a trust policy must not specify a \(key)",
                          hint: "the role itself is the resource of its trust policy")
                }
            }
        }
        if let condition = node["Condition"] { lintCondition(condition, at: "\(path).Condition") }
    }

    /// Reports unless exactly one of two keys is present; returns the one present.
    private mutating func exactlyOne(_ node: YAMLNode, _ first: String, _ second: String, at path: String) -> (String, YAMLNode)? {
        switch (node[first], node[second]) {
        case (let value?, nil): return (first, value)
        case (nil, let value?): return (second, value)
        case (_?, let value?):
            error("iam.exclusive", value, "\(path).\(second)", "a statement has either \(first) or \(second), not both")
            return nil
        case (nil, nil):
            error("iam.missing-element", node, path, "the statement has neither \(first) nor \(second)",
                  hint: "add \(first): ...")
            return nil
        }
    }

    /// A string or a non-empty list of strings.
    mutating func stringOrList(_ node: YAMLNode, at path: @autoclosure () -> String) -> [(String, YAMLNode)] {
        if node.sequence == nil {
            guard let text = string(node, at: path()) else { return [] }
            return [(text, node)]
        }
        let items = node.sequence ?? []
        if items.isEmpty { error("iam.empty", node, path(), "\(path()) must not be an empty list") }
        return items.enumerated().compactMap { index, item in
            string(item, at: "\(path())[\(index)]").map { ($0, item) }
        }
    }
}
