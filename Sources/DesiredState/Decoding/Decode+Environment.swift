import YAML

extension FieldReader {
    /// Decodes an Environment `spec`.
    mutating func environmentSpec(_ spec: YAMLNode) -> EnvironmentSpec {
        mapping(spec, at: "spec", allowed: ["account", "region", "backupRegion", "tags", "functionEnvironment", "patches"],
                required: ["account", "region"])
        var result = EnvironmentSpec(account: "", region: "")
        if let node = spec["account"] {
            if let account = string(node, at: "spec.account") {
                if account.count == 12, account.allSatisfy({ $0.isASCII && $0.isNumber }) {
                    result.account = account
                } else {
                    error("schema.account", node, "spec.account", "'\(account)' is not an AWS account id: it must be exactly 12 digits")
                }
            }
        }
        if let node = spec["region"], let region = self.region(node, at: "spec.region") { result.region = region }
        if let node = spec["backupRegion"], let region = self.region(node, at: "spec.backupRegion") {
            if region == result.region {
                error("schema.backup-region", node, "spec.backupRegion", "the backup region is the primary region (\(region))",
                      hint: "name another region, or remove backupRegion")
            } else {
                result.backupRegion = region
            }
        }
        if let node = spec["tags"] { result.tags = tags(node, at: "spec.tags") }
        if let node = spec["functionEnvironment"] { result.functionEnvironment = environmentVariables(node, at: "spec.functionEnvironment") }
        if let node = spec["patches"] {
            if let items = node.sequence {
                for (index, item) in items.enumerated() {
                    if let patch = patch(item, at: "spec.patches[\(index)]") { result.patches.append(patch) }
                }
            } else {
                typeMismatch(node, "spec.patches", expected: "a list")
            }
        }
        return result
    }

    /// An AWS region name such as `us-east-1`.
    mutating func region(_ node: YAMLNode, at path: @autoclosure () -> String) -> String? {
        guard let text = string(node, at: path()) else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let valid = parts.count >= 3 && parts[0].count == 2
            && parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
            && parts.last.map { $0.count == 1 && $0.allSatisfy { $0.isASCII && $0.isNumber } } == true
        if !valid {
            error("schema.region", node, path(), "'\(text)' is not an AWS region name", hint: "e.g. us-east-1, eu-west-2")
            return nil
        }
        return text
    }

    private mutating func patch(_ node: YAMLNode, at path: String) -> EnvironmentSpec.Patch? {
        guard mapping(node, at: path, allowed: ["target", "merge"], required: ["target", "merge"]) != nil,
              let targetNode = node["target"], let mergeNode = node["merge"],
              mapping(targetNode, at: "\(path).target", allowed: ["kind", "name"], required: ["kind", "name"]) != nil,
              let kindNode = targetNode["kind"], let nameNode = targetNode["name"] else { return nil }
        let kind = enumeration(kindNode, at: "\(path).target.kind", as: ResourceKind.self)
        let name = string(nameNode, at: "\(path).target.name")
        if kind == .environment {
            error("schema.patch-target", kindNode, "\(path).target.kind", "an environment cannot patch an Environment")
            return nil
        }
        guard mergeNode.mapping != nil else {
            typeMismatch(mergeNode, "\(path).merge", expected: "a mapping (an RFC 7386 merge patch of the target's spec)")
            return nil
        }
        guard let kind, let name else { return nil }
        return EnvironmentSpec.Patch(target: ResourceID(kind, name), merge: mergeNode, location: Self.location(node))
    }
}
