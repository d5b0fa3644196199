import StatesLanguage
import YAML

extension FieldReader {
    static let stateMachineFields = ["type", "definition", "substitutions", "role", "alias", "rollout", "dependsOn", "tags", "description"]

    /// Decodes a StateMachine `spec`. Smoke tests with `inputFile` keep an empty input here; the
    /// loader reads the file.
    mutating func stateMachineSpec(_ spec: YAMLNode) -> StateMachineSpec {
        mapping(spec, at: "spec", allowed: Self.stateMachineFields, required: ["definition", "role"])
        var result = StateMachineSpec(definition: "", role: "")
        if let node = spec["type"], let type = enumeration(node, at: "spec.type", as: StateMachineType.self) { result.type = type }
        if let node = spec["definition"], let path = repositoryPath(node, at: "spec.definition") { result.definition = path }
        if let node = spec["substitutions"] {
            result.substitutions = stringMap(node, at: "spec.substitutions") ?? [:]
            for pair in node.mapping ?? [] {
                guard let key = pair.key.string else { continue }
                let valid = !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
                if !valid {
                    error("schema.substitution-name", pair.key, "spec.substitutions.\(key)",
                          "'\(key)' is not a valid substitution name", hint: "use letters, digits and '_' (it is written ${\(key)} in the definition)")
                }
            }
        }
        if let node = spec["role"], let role = string(node, at: "spec.role") { result.role = role }
        if let node = spec["alias"], let alias = string(node, at: "spec.alias") {
            if let problem = NameRules.stateMachineAlias(alias) { error("schema.name", node, "spec.alias", problem) } else { result.alias = alias }
        }
        if let node = spec["rollout"] { result.rollout = stateMachineRollout(node, hasAlias: result.alias != nil) }
        if let node = spec["dependsOn"] { result.dependsOn = dependencyList(node, at: "spec.dependsOn") }
        if let node = spec["tags"] { result.tags = tags(node, at: "spec.tags") }
        if let node = spec["description"], let text = string(node, at: "spec.description", nonEmpty: false) {
            if text.count > 256 {
                error("schema.length", node, "spec.description", "spec.description is \(text.count) characters long; Step Functions allows at most 256")
            } else {
                result.description = text
            }
        }
        return result
    }

    /// Decodes `spec.rollout` of a StateMachine.
    mutating func stateMachineRollout(_ node: YAMLNode, hasAlias: Bool) -> StateMachineRollout {
        var rollout = StateMachineRollout()
        guard mapping(node, at: "spec.rollout", allowed: ["strategy", "smokeTests"]) != nil else { return rollout }
        if let strategyNode = node["strategy"], let strategy = strategy(strategyNode, wholePercents: true) {
            rollout.strategy = strategy
            if !hasAlias && strategy != .allAtOnce {
                error("schema.rollout-without-alias", strategyNode, "spec.rollout.strategy",
                      "a gradual rollout needs an alias to shift, but spec.alias is not set",
                      hint: "add 'alias: live' to the spec, or use strategy: AllAtOnce")
            }
        }
        if let testsNode = node["smokeTests"] {
            guard let items = testsNode.sequence else {
                typeMismatch(testsNode, "spec.rollout.smokeTests", expected: "a list")
                return rollout
            }
            for (index, item) in items.enumerated() {
                if let test = smokeTest(item, at: "spec.rollout.smokeTests[\(index)]") { rollout.smokeTests.append(test) }
            }
        }
        return rollout
    }

    private mutating func smokeTest(_ node: YAMLNode, at path: String) -> SmokeTest? {
        guard mapping(node, at: path, allowed: ["input", "inputFile", "expect", "timeoutSeconds"]) != nil else { return nil }
        var test = SmokeTest()
        if node["input"] != nil, let fileNode = node["inputFile"] {
            error("schema.exclusive", fileNode, "\(path).inputFile", "give either input or inputFile, not both")
        }
        if let input = node["input"] { test.input = json(input, at: "\(path).input") ?? .emptyObject }
        if let file = node["inputFile"] { test.inputFile = repositoryPath(file, at: "\(path).inputFile") }
        if let expect = node["expect"], let status = enumeration(expect, at: "\(path).expect", as: ExpectedStatus.self) {
            test.expect = status
        }
        if let timeout = node["timeoutSeconds"], let value = int(timeout, at: "\(path).timeoutSeconds", in: 1...3600, unit: "seconds") {
            test.timeoutSeconds = value
        }
        return test
    }
}
