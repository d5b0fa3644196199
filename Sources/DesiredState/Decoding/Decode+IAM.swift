import StatesLanguage
import YAML

extension FieldReader {
    /// Decodes a Role `spec`, linting its trust and inline policy documents.
    mutating func roleSpec(_ spec: YAMLNode) -> RoleSpec {
        mapping(spec, at: "spec", allowed: ["trust", "policies", "inline", "description", "maxSessionDuration"], required: ["trust"])
        var result = RoleSpec(trust: .services([]))
        if let node = spec["trust"] { result.trust = trust(node) }
        if let node = spec["policies"] {
            result.policies = dependencyList(node, at: "spec.policies")
            if result.policies.count > 10 {
                warning("iam.policies-per-role", node, "spec.policies",
                        "\(result.policies.count) managed policies are attached; IAM's default quota is 10 per role",
                        hint: "merge policies, or make sure the account's PoliciesPerRole quota was raised")
            }
        }
        if let node = spec["inline"] {
            if let pairs = node.mapping {
                for pair in pairs {
                    guard let name = pair.key.string else {
                        error("schema.invalid-key", pair.key, "spec.inline", "keys must be strings, but found \(pair.key.summary)")
                        continue
                    }
                    let path = "spec.inline.\(name)"
                    if let problem = NameRules.inlinePolicy(name) { error("schema.name", pair.key, path, problem) }
                    lintPolicy(pair.value, at: path, kind: .identity)
                    if let document = json(pair.value, at: path) { result.inline[name] = document }
                }
            } else {
                typeMismatch(node, "spec.inline", expected: "a mapping of policy names to policy documents")
            }
        }
        if let node = spec["description"], let text = string(node, at: "spec.description", nonEmpty: false) {
            if text.count > 1000 {
                error("schema.length", node, "spec.description", "spec.description is \(text.count) characters long; IAM allows at most 1000")
            } else {
                result.description = text
            }
        }
        if let node = spec["maxSessionDuration"],
           let value = int(node, at: "spec.maxSessionDuration", in: 3600...43200, unit: "seconds") {
            result.maxSessionDuration = value
        }
        return result
    }

    /// `trust: {service: NAME or [NAMES]}` or a full trust policy document.
    private mutating func trust(_ node: YAMLNode) -> TrustPolicy {
        if let service = node["service"] {
            mapping(node, at: "spec.trust", allowed: ["service"])
            var services: [String] = []
            if service.sequence != nil {
                services = stringList(service, at: "spec.trust.service") ?? []
                if services.isEmpty { error("schema.empty", service, "spec.trust.service", "spec.trust.service must name at least one service") }
            } else if let single = string(service, at: "spec.trust.service") {
                services = [single]
            }
            for (index, name) in services.enumerated() where !name.utf8.contains(UInt8(ascii: ".")) {
                error("iam.principal", service[index] ?? service, "spec.trust.service", "'\(name)' is not a service principal",
                      hint: "service principals look like lambda.amazonaws.com or states.amazonaws.com")
            }
            return .services(services)
        }
        if node.mapping != nil, node["Statement"] == nil, node["Version"] == nil {
            let keys = (node.mapping ?? []).compactMap { $0.key.string }
            for key in keys {
                unknownField(key, node: node, in: "spec.trust", allowed: ["service", "Version", "Statement"])
            }
            if keys.isEmpty {
                error("schema.missing-field", node, "spec.trust", "spec.trust is empty",
                      hint: "write trust: {service: lambda.amazonaws.com} or a full trust policy document")
            }
            return .services([])
        }
        lintPolicy(node, at: "spec.trust", kind: .trust)
        return .document(json(node, at: "spec.trust") ?? .null)
    }

    /// Decodes a Policy `spec`, linting its document.
    mutating func policySpec(_ spec: YAMLNode) -> PolicySpec {
        mapping(spec, at: "spec", allowed: ["document", "description"], required: ["document"])
        var result = PolicySpec(document: .null)
        if let node = spec["document"] {
            lintPolicy(node, at: "spec.document", kind: .identity)
            result.document = json(node, at: "spec.document") ?? .null
        }
        if let node = spec["description"], let text = string(node, at: "spec.description", nonEmpty: false) {
            if text.count > 1000 {
                error("schema.length", node, "spec.description", "spec.description is \(text.count) characters long; IAM allows at most 1000")
            } else {
                result.description = text
            }
        }
        return result
    }
}
