import StatesLanguage

extension Assembler {
    /// Resolves managed policies.
    mutating func buildPolicies(_ resolver: Resolver) -> [PolicyResource] {
        policies.keys.sorted().compactMap { name in
            guard let entry = policies[name] else { return nil }
            checkRecordedReferences(entry.manifest)
            let document = resolver.resolve(entry.spec.document, in: .policy)
            checkSize(document, limit: 6144, quota: "PolicySize", entry.manifest, field: "spec.document", key: "document")
            return PolicyResource(name: name, labels: entry.manifest.parsed.labels, spec: entry.spec, arn: target.policyARN(name),
                                  document: document, source: entry.manifest.parsed.location)
        }
    }

    /// Resolves roles and checks their policy references and sizes.
    mutating func buildRoles(_ resolver: Resolver) -> [RoleResource] {
        roles.keys.sorted().compactMap { name in
            guard let entry = roles[name] else { return nil }
            checkRecordedReferences(entry.manifest)
            for (index, policy) in entry.spec.policies.enumerated() where !exists(.policy, policy) {
                let location = entry.manifest.parsed.spec["policies"]?[index].map(FieldReader.location) ?? entry.manifest.parsed.location
                reportUnknown(.policy, policy, from: entry.manifest, at: location, field: "spec.policies[\(index)]")
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
                error("iam.size", entry.manifest, at: Self.locate(entry.manifest, "inline"), field: "spec.inline",
                      "the inline policies add up to \(inlineSize) characters (without whitespace); IAM allows 10240 per role",
                      hint: "move some statements into Policy manifests (managed policies)")
            }
            return RoleResource(name: name, labels: entry.manifest.parsed.labels, spec: entry.spec, arn: target.roleARN(name),
                                trustPolicy: trust, managedPolicyARNs: entry.spec.policies.map(target.policyARN),
                                inlinePolicies: inline, source: entry.manifest.parsed.location)
        }
    }

    /// The size IAM counts for a policy: its JSON without whitespace.
    static func size(of document: JSONValue) -> Int {
        document.serialized().count
    }

    private mutating func checkSize(_ document: JSONValue, limit: Int, quota: String, _ manifest: DecodedManifest, field: String, key: String) {
        let size = Self.size(of: document)
        if size > limit {
            error("iam.size", manifest, at: Self.locate(manifest, key), field: field,
                  "the document has \(size) characters (without whitespace); IAM allows \(limit) (quota \(quota))",
                  hint: "split it into several policies")
        }
    }
}
