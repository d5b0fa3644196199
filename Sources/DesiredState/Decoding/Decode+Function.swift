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

    static let functionRequired = ["runtime", "handler", "code", "role"]

    static let functionFields = ["runtime", "handler", "code", "memoryMB", "timeoutSeconds", "environment",
                                 "reservedConcurrency", "role", "alias", "keepVersions", "rollout", "dependsOn",
                                 "tags", "description"]

    /// Decodes a Function `spec`; invalid optional fields keep their defaults (and are reported).
    ///
    /// One pass over the spec's keys (manifests of functions are the most numerous).
    mutating func functionSpec(_ spec: YAMLNode) -> FunctionSpec {
        var result = FunctionSpec(runtime: "", handler: "", code: "", role: "")
        guard let pairs = spec.mapping else {
            typeMismatch(spec, "spec", expected: "a mapping")
            return result
        }
        var present: UInt32 = 0
        var strategyNode: YAMLNode?
        // Pairs are read in place (by position), not copied with their nodes' strings.
        for index in pairs.indices {
            guard let key = pairs[index].key.string else {
                error("schema.invalid-key", pairs[index].key, "spec", "keys must be strings, but found \(pairs[index].key.summary)", hint: "quote the key")
                continue
            }
            let node = pairs[index].value
            if let position = Self.functionRequired.firstIndex(of: key) { present |= 1 << position }
            switch key {
            case "runtime":
                guard let runtime = string(node, at: "spec.runtime") else { break }
                if Self.runtimes.contains(runtime) {
                    result.runtime = runtime
                } else {
                    error("schema.enum", node, "spec.runtime", "unsupported runtime '\(runtime)'",
                          hint: suggestion(for: runtime, among: Self.runtimes).map { "did you mean '\($0)'?" }
                            ?? "supported runtimes: \(Self.runtimes.joined(separator: ", "))")
                }
            case "handler":
                guard let handler = string(node, at: "spec.handler") else { break }
                if handler.utf8.count > 128 || handler.utf8.contains(where: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                    error("schema.handler", node, "spec.handler", "handler '\(handler)' must be 1–128 characters without whitespace",
                          hint: "write module.function, e.g. app.handler")
                } else {
                    result.handler = handler
                }
            case "code":
                if let path = repositoryPath(node, at: "spec.code") { result.code = path }
            case "memoryMB":
                if let value = int(node, at: "spec.memoryMB", in: 128...10240, unit: "MB") { result.memoryMB = value }
            case "timeoutSeconds":
                if let value = int(node, at: "spec.timeoutSeconds", in: 1...900, unit: "seconds") { result.timeoutSeconds = value }
            case "environment":
                result.environment = environmentVariables(node, at: "spec.environment")
            case "reservedConcurrency":
                result.reservedConcurrency = int(node, at: "spec.reservedConcurrency", in: 0...1_000_000)
            case "role":
                if let role = string(node, at: "spec.role") { result.role = role }
            case "alias":
                guard let alias = string(node, at: "spec.alias") else { break }
                if let problem = NameRules.functionAlias(alias) { error("schema.name", node, "spec.alias", problem) } else { result.alias = alias }
            case "keepVersions":
                if let value = int(node, at: "spec.keepVersions", in: 1...100) { result.keepVersions = value }
            case "rollout":
                result.rollout = functionRollout(node)
                strategyNode = node["strategy"]
            case "dependsOn":
                result.dependsOn = dependencyList(node, at: "spec.dependsOn")
            case "tags":
                result.tags = tags(node, at: "spec.tags")
            case "description":
                guard let text = string(node, at: "spec.description", nonEmpty: false) else { break }
                if text.count > 256 {
                    error("schema.length", node, "spec.description", "spec.description is \(text.count) characters long; Lambda allows at most 256")
                } else {
                    result.description = text
                }
            default:
                unknownField(key, node: pairs[index].key, in: "spec", allowed: Self.functionFields)
            }
        }
        for (position, key) in Self.functionRequired.enumerated() where present & (1 << position) == 0 {
            error("schema.missing-field", spec, "spec", "missing required field '\(key)' in spec", hint: "add '\(key):' to spec")
        }
        if result.alias == nil, let strategy = strategyNode, strategy.string != "AllAtOnce" {
            error("schema.rollout-without-alias", strategy, "spec.rollout.strategy",
                  "a gradual rollout needs an alias to shift, but spec.alias is not set",
                  hint: "add 'alias: live' to the spec, or use strategy: AllAtOnce")
        }
        return result
    }

    /// Environment variables: string values, valid names, no names Lambda reserves.
    mutating func environmentVariables(_ node: YAMLNode, at path: @autoclosure () -> String) -> [String: String] {
        guard let pairs = node.mapping else {
            typeMismatch(node, path(), expected: "a mapping of names to strings")
            return [:]
        }
        var variables = [String: String](minimumCapacity: pairs.count)
        for index in pairs.indices {
            guard let key = pairs[index].key.string else {
                error("schema.invalid-key", pairs[index].key, path(), "keys must be strings, but found \(pairs[index].key.summary)", hint: "quote the key")
                continue
            }
            if let value = string(pairs[index].value, at: "\(path()).\(key)", nonEmpty: false) { variables[key] = value }
            let valid = key.utf8.first.map(ASCII.isLetter) == true
                && ASCII.all(key) { ASCII.isAlphanumeric($0) || $0 == UInt8(ascii: "_") }
            if !valid {
                error("schema.env-name", pairs[index].key, "\(path()).\(key)", "'\(key)' is not a valid environment variable name",
                      hint: "start with a letter; use letters, digits and '_' only")
            } else if let first = key.utf8.first, first == UInt8(ascii: "A") || first == UInt8(ascii: "_") || first == UInt8(ascii: "L"),
                      Self.reservedVariables.contains(key) {
                error("schema.env-reserved", pairs[index].key, "\(path()).\(key)", "'\(key)' is reserved by Lambda and cannot be set",
                      hint: "choose another name; Lambda sets \(key) itself")
            }
        }
        return variables
    }

    /// Tags: at most 50, keys 1–128 characters not starting with `aws:`, values up to 256.
    mutating func tags(_ node: YAMLNode, at path: @autoclosure () -> String) -> [String: String] {
        let tags = stringMap(node, at: path()) ?? [:]
        if tags.count > 50 {
            error("schema.tags", node, path(), "\(tags.count) tags given; AWS allows at most 50 per resource")
        }
        let pairs = node.mapping ?? []
        for index in pairs.indices {
            guard let key = pairs[index].key.string else { continue }
            // (Characters are counted only when the bytes could be too many.)
            if key.isEmpty || (key.utf8.count > 128 && key.count > 128) {
                error("schema.tags", pairs[index].key, "\(path()).\(key)", "tag keys must be 1–128 characters long")
            } else if key.utf8.count >= 4, key.utf8.prefix(4).map({ $0 | 0x20 }) == Array("aws:".utf8) {
                error("schema.tags", pairs[index].key, "\(path()).\(key)", "tag keys starting with 'aws:' are reserved by AWS")
            }
            if let value = pairs[index].value.string, value.utf8.count > 256, value.count > 256 {
                error("schema.tags", pairs[index].value, "\(path()).\(key)", "tag values must be at most 256 characters long")
            }
        }
        return tags
    }

    /// A list of resource names (`name` or `Kind/name`), without repeats.
    mutating func dependencyList(_ node: YAMLNode, at path: @autoclosure () -> String) -> [String] {
        let names = stringList(node, at: path()) ?? []
        var seen = Set<String>()
        for (index, name) in names.enumerated() where !seen.insert(name).inserted {
            error("schema.duplicate-entry", node[index] ?? node, "\(path())[\(index)]", "'\(name)' is listed twice in \(path())")
        }
        return names
    }

    /// A path inside the repository: relative, no `..`, normalized to `a/b`.
    mutating func repositoryPath(_ node: YAMLNode, at path: @autoclosure () -> String) -> String? {
        guard let text = string(node, at: path()) else { return nil }
        switch RepositoryPath.normalize(text) {
        case .success(let normalized):
            return normalized
        case .failure(let problem):
            error(problem.code, node, path(), "\(path()) '\(text)' \(problem.message)", hint: problem.hint)
            return nil
        }
    }
}
