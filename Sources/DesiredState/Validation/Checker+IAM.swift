import Cloud
import StatesLanguage

extension Checker {
    /// Resolves one managed policy and checks its references and size.
    mutating func policy(_ entry: Entry<PolicySpec>, resolver: Resolver) -> PolicyResource {
        checkRecordedReferences(entry.manifest)
        let document = resolver.resolve(entry.spec.document, in: .policy)
        checkSize(document, limit: 6144, quota: "PolicySize", entry.manifest, field: "spec.document", key: "document")
        return PolicyResource(name: entry.name, labels: entry.manifest.parsed.labels, spec: entry.spec, arn: target.policyARN(entry.name),
                              document: document, source: entry.manifest.parsed.location)
    }

    /// Resolves one role and checks its policy references and sizes.
    mutating func role(_ entry: Entry<RoleSpec>, resolver: Resolver) -> RoleResource {
        checkRecordedReferences(entry.manifest)
        for (index, policy) in entry.spec.policies.enumerated() where !exists(.policy, policy) {
            reportUnknown(.policy, policy, from: entry.manifest, at: locate(entry.manifest, "policies", index), field: "spec.policies[\(index)]")
        }
        let trust = entry.spec.trust.document
        checkSize(trust, limit: 2048, quota: "ACLSizePerRole", entry.manifest, field: "spec.trust", key: "trust")
        var inline: [String: JSONValue] = [:]
        var inlineSize = 0
        for (policyName, document) in entry.spec.inline {
            let resolved = resolver.resolve(document, in: .policy)
            inline[policyName] = resolved
            inlineSize += Self.size(of: resolved)
        }
        if inlineSize > 10240 {
            error("iam.size", entry.manifest, at: locate(entry.manifest, "inline"), field: "spec.inline",
                  "the inline policies add up to \(inlineSize) characters (without whitespace); IAM allows 10240 per role",
                  hint: "move some statements into Policy manifests (managed policies)")
        }
        return RoleResource(name: entry.name, labels: entry.manifest.parsed.labels, spec: entry.spec, arn: target.roleARN(entry.name),
                            trustPolicy: trust, managedPolicyARNs: entry.spec.policies.map(target.policyARN),
                            inlinePolicies: inline, source: entry.manifest.parsed.location)
    }

    /// Trust and permissions of a resolved role, given the resolved managed policies by name.
    static func facts(of role: RoleResource, policies: [String: PolicyResource]) -> RoleFacts {
        let managed = role.spec.policies.compactMap { name in policies[name].map { NamedPolicyDocument(name: $0.arn, document: $0.document) } }
        let inline = role.inlinePolicies.keys.sorted().compactMap { name in
            role.inlinePolicies[name].map { NamedPolicyDocument(name: name, document: $0) }
        }
        return RoleFacts(trustedServices: trustedServices(role.trustPolicy), permissions: managed + inline)
    }

    /// The size IAM counts for a policy: its JSON without whitespace.
    static func size(of document: JSONValue) -> Int {
        document.serialized().count
    }

    private mutating func checkSize(_ document: JSONValue, limit: Int, quota: String, _ manifest: DecodedManifest, field: String, key: String) {
        let size = Self.size(of: document)
        if size > limit {
            error("iam.size", manifest, at: locate(manifest, key), field: field,
                  "the document has \(size) characters (without whitespace); IAM allows \(limit) (quota \(quota))",
                  hint: "split it into several policies")
        }
    }

    /// The service principals a trust policy allows to assume the role.
    static func trustedServices(_ document: JSONValue) -> Set<String> {
        var services = Set<String>()
        let raw = document["Statement"]
        for statement in raw?.arrayValue ?? (raw.map { [$0] } ?? []) {
            guard statement["Effect"]?.stringValue == "Allow" else { continue }
            let actions: [String]
            switch statement["Action"] {
            case .string(let text)?: actions = [text]
            case .array(let items)?: actions = items.compactMap(\.stringValue)
            default: actions = []
            }
            guard actions.contains(where: { Wildcard.matches($0, "sts:AssumeRole", ignoringCase: true) }) else { continue }
            switch statement["Principal"]?["Service"] {
            case .string(let text)?: services.insert(text)
            case .array(let items)?: services.formUnion(items.compactMap(\.stringValue))
            default: break
            }
        }
        return services
    }
}
