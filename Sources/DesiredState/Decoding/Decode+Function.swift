import YAML

extension FieldReader {
    /// The Lambda runtimes plumb accepts.
    static let runtimes = [
        "python3.9", "python3.10", "python3.11", "python3.12", "python3.13",
        "nodejs18.x", "nodejs20.x", "nodejs22.x", "java11", "java17", "java21",
        "dotnet8", "ruby3.2", "ruby3.3", "provided.al2", "provided.al2023",
    ]

    /// Environment variable names Lambda reserves for itself.
    static let reservedVariables: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]

    static let functionFields = ["runtime", "handler", "code", "memoryMB", "timeoutSeconds", "environment",
                                 "reservedConcurrency", "role", "alias", "keepVersions", "rollout", "dependsOn",
                                 "tags", "description"]

    /// Decodes a Function `spec`; invalid optional fields keep their defaults (and are reported).
    mutating func functionSpec(_ spec: YAMLNode) -> FunctionSpec {
        mapping(spec, at: "spec", allowed: Self.functionFields, required: ["runtime", "handler", "code", "role"])
        var result = FunctionSpec(runtime: "", handler: "", code: "", role: "")
        if let node = spec["runtime"], let runtime = string(node, at: "spec.runtime") {
            if Self.runtimes.contains(runtime) {
                result.runtime = runtime
            } else {
                error("schema.enum", node, "spec.runtime", "unsupported runtime '\(runtime)'",
                      hint: suggestion(for: runtime, among: Self.runtimes).map { "did you mean '\($0)'?" }
                        ?? "supported runtimes: \(Self.runtimes.joined(separator: ", "))")
            }
        }
        if let node = spec["handler"], let handler = string(node, at: "spec.handler") {
            if handler.count > 128 || handler.contains(where: \.isWhitespace) {
                error("schema.handler", node, "spec.handler", "handler '\(handler)' must be 1–128 characters without whitespace",
                      hint: "write module.function, e.g. app.handler")
            } else {
                result.handler = handler
            }
        }
        if let node = spec["code"], let path = repositoryPath(node, at: "spec.code") { result.code = path }
        if let node = spec["memoryMB"], let value = int(node, at: "spec.memoryMB", in: 128...10240, unit: "MB") { result.memoryMB = value }
        if let node = spec["timeoutSeconds"], let value = int(node, at: "spec.timeoutSeconds", in: 1...900, unit: "seconds") {
            result.timeoutSeconds = value
        }
        if let node = spec["environment"] { result.environment = environmentVariables(node, at: "spec.environment") }
        if let node = spec["reservedConcurrency"] {
            result.reservedConcurrency = int(node, at: "spec.reservedConcurrency", in: 0...1_000_000)
        }
        if let node = spec["role"], let role = string(node, at: "spec.role") { result.role = role }
        if let node = spec["alias"], let alias = string(node, at: "spec.alias") {
            if let problem = NameRules.functionAlias(alias) { error("schema.name", node, "spec.alias", problem) } else { result.alias = alias }
        }
        if let node = spec["keepVersions"], let value = int(node, at: "spec.keepVersions", in: 1...100) { result.keepVersions = value }
        if let node = spec["rollout"] { result.rollout = functionRollout(node) }
        if let node = spec["dependsOn"] { result.dependsOn = dependencyList(node, at: "spec.dependsOn") }
        if let node = spec["tags"] { result.tags = tags(node, at: "spec.tags") }
        if let node = spec["description"], let text = string(node, at: "spec.description", nonEmpty: false) {
            if text.count > 256 {
                error("schema.length", node, "spec.description", "spec.description is \(text.count) characters long; Lambda allows at most 256")
            } else {
                result.description = text
            }
        }
        if result.alias == nil, let node = spec["rollout"], let strategy = node["strategy"], strategy.string != "AllAtOnce" {
            error("schema.rollout-without-alias", strategy, "spec.rollout.strategy",
                  "a gradual rollout needs an alias to shift, but spec.alias is not set",
                  hint: "add 'alias: live' to the spec, or use strategy: AllAtOnce")
        }
        return result
    }

    /// Environment variables: string values, valid names, no names Lambda reserves.
    mutating func environmentVariables(_ node: YAMLNode, at path: String) -> [String: String] {
        let variables = stringMap(node, at: path) ?? [:]
        for pair in node.mapping ?? [] {
            guard let key = pair.key.string else { continue }
            let valid = key.first.map { $0.isASCII && $0.isLetter } == true
                && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if !valid {
                error("schema.env-name", pair.key, "\(path).\(key)", "'\(key)' is not a valid environment variable name",
                      hint: "start with a letter; use letters, digits and '_' only")
            } else if Self.reservedVariables.contains(key) {
                error("schema.env-reserved", pair.key, "\(path).\(key)", "'\(key)' is reserved by Lambda and cannot be set",
                      hint: "choose another name; Lambda sets \(key) itself")
            }
        }
        return variables
    }

    /// Tags: at most 50, keys 1–128 characters not starting with `aws:`, values up to 256.
    mutating func tags(_ node: YAMLNode, at path: String) -> [String: String] {
        let tags = stringMap(node, at: path) ?? [:]
        if tags.count > 50 {
            error("schema.tags", node, path, "\(tags.count) tags given; AWS allows at most 50 per resource")
        }
        for pair in node.mapping ?? [] {
            guard let key = pair.key.string else { continue }
            if key.isEmpty || key.count > 128 {
                error("schema.tags", pair.key, "\(path).\(key)", "tag keys must be 1–128 characters long")
            } else if key.lowercased().hasPrefix("aws:") {
                error("schema.tags", pair.key, "\(path).\(key)", "tag keys starting with 'aws:' are reserved by AWS")
            }
            if let value = pair.value.string, value.count > 256 {
                error("schema.tags", pair.value, "\(path).\(key)", "tag values must be at most 256 characters long")
            }
        }
        return tags
    }

    /// A list of resource names (`name` or `Kind/name`), without repeats.
    mutating func dependencyList(_ node: YAMLNode, at path: String) -> [String] {
        let names = stringList(node, at: path) ?? []
        var seen = Set<String>()
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            error("schema.duplicate-entry", node[index] ?? node, "\(path)[\(index)]", "'\(name)' is listed twice in \(path)")
        }
        return names
    }

    /// A path inside the repository: relative, no `..`, normalized to `a/b`.
    mutating func repositoryPath(_ node: YAMLNode, at path: String) -> String? {
        guard let text = string(node, at: path) else { return nil }
        switch RepositoryPath.normalize(text) {
        case .success(let normalized):
            return normalized
        case .failure(let problem):
            error(problem.code, node, path, "\(path) '\(text)' \(problem.message)", hint: problem.hint)
            return nil
        }
    }
}
