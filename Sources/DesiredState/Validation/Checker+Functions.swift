extension Checker {
    /// Resolves one function: role (which must trust Lambda), code folder, pre-traffic hook,
    /// environment defaults and limits.
    mutating func function(_ entry: Entry<FunctionSpec>) -> FunctionResource {
        let manifest = entry.manifest
        var spec = entry.spec
        if checkName(.role, spec.role, from: manifest, field: "spec.role", keys: "role"),
           let facts = catalog.roleFacts[spec.role], !facts.trustedServices.contains("lambda.amazonaws.com") {
            error("iam.trust-lambda", manifest, at: locate(manifest, "role"), field: "spec.role",
                  "role '\(spec.role)' does not trust lambda.amazonaws.com, so Lambda cannot run the function with it",
                  hint: "add lambda.amazonaws.com to the trust of Role/\(spec.role) (trust: {service: lambda.amazonaws.com})")
        }
        if let hook = spec.rollout.preTraffic, !exists(.function, hook.invoke) {
            reportUnknown(.function, hook.invoke, from: manifest, at: locate(manifest, "rollout", "preTraffic", "invoke"),
                          field: "spec.rollout.preTraffic.invoke")
        }
        if let environment = catalog.environment {
            if !environment.functionEnvironment.isEmpty { spec.environment.merge(environment.functionEnvironment) { own, _ in own } }
            if !environment.tags.isEmpty { spec.tags.merge(environment.tags) { own, _ in own } }
        }
        checkEnvironmentSize(spec.environment, manifest)
        let treeID = codeIdentity(spec.code, manifest)
        return FunctionResource(name: entry.name, labels: manifest.parsed.labels, spec: spec, arn: target.functionARN(entry.name),
                                roleARN: target.roleARN(spec.role), code: CodeIdentity(path: spec.code, treeID: treeID),
                                source: manifest.parsed.location)
    }

    /// What is at a code path, read from the source.
    static func codeStatus(_ path: String, in source: any FileSource) -> PathStatus? {
        try? source.status(of: path)
    }

    /// The tree id of a function's code folder; reports a missing folder, a file or a symlink.
    private mutating func codeIdentity(_ path: String, _ manifest: DecodedManifest) -> String {
        guard !path.isEmpty else { return "" }
        let catalog = self.catalog
        func location() -> FileLocation { catalog.locate(manifest, [.key("code")]) }
        guard let status = catalog.codeStatus[path] else {
            error("load.code-unreadable", manifest, at: location(), field: "spec.code", "the code folder '\(path)' cannot be read")
            return ""
        }
        switch status {
        case .folder(let id):
            return id.hex
        case .symlink:
            error("load.code-symlink", manifest, at: location(), field: "spec.code",
                  "the code path '\(path)' is (or passes through) a symbolic link; plumb does not follow links",
                  hint: "put the code itself in the repository at that path")
        case .file:
            error("load.code-not-folder", manifest, at: location(), field: "spec.code", "the code path '\(path)' is a file, not a folder",
                  hint: "name the folder that holds the handler's code (e.g. \(RepositoryPath.parent(path).isEmpty ? "functions/NAME" : RepositoryPath.parent(path)))")
        case .missing:
            error("load.code-missing", manifest, at: location(), field: "spec.code",
                  "the code folder '\(path)' does not exist (or holds no files)",
                  hint: "create it with the handler's code, or fix the path (it is relative to the repository root)")
        }
        return ""
    }

    /// Lambda's 4 KB limit on the JSON of all environment variables.
    private mutating func checkEnvironmentSize(_ variables: [String: String], _ manifest: DecodedManifest) {
        guard !variables.isEmpty else { return }
        var size = 1
        for (key, value) in variables { size += key.utf8.count + value.utf8.count + 6 }
        if size > 4096 {
            error("schema.env-size", manifest, at: locate(manifest, "environment"), field: "spec.environment",
                  "the environment variables take \(size) bytes as JSON; Lambda allows 4 KB (4096 bytes) in total",
                  hint: "move large values into a configuration file in the code folder")
        }
    }
}
