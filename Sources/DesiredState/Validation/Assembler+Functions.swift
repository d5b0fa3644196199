extension Assembler {
    /// Resolves functions: role, code folder, pre-traffic hook, environment defaults and limits.
    mutating func buildFunctions() -> [FunctionResource] {
        functions.keys.sorted().compactMap { name in
            guard let entry = functions[name] else { return nil }
            let manifest = entry.manifest
            var spec = entry.spec
            checkName(.role, spec.role, from: manifest, field: "spec.role", keys: "role")
            if let hook = spec.rollout.preTraffic, !exists(.function, hook.invoke) {
                reportUnknown(.function, hook.invoke, from: manifest, at: Self.locate(manifest, "rollout", "preTraffic", "invoke"),
                              field: "spec.rollout.preTraffic.invoke")
            }
            if let environment {
                spec.environment.merge(environment.functionEnvironment) { own, _ in own }
                spec.tags.merge(environment.tags) { own, _ in own }
            }
            checkEnvironmentSize(spec.environment, manifest)
            let treeID = codeIdentity(spec.code, manifest)
            return FunctionResource(name: name, labels: manifest.parsed.labels, spec: spec, arn: target.functionARN(name),
                                    roleARN: target.roleARN(spec.role), code: CodeIdentity(path: spec.code, treeID: treeID),
                                    source: manifest.parsed.location)
        }
    }

    /// The tree id of a function's code folder; reports a missing folder, a file or a symlink.
    private mutating func codeIdentity(_ path: String, _ manifest: DecodedManifest) -> String {
        guard !path.isEmpty else { return "" }
        let status: PathStatus
        if let known = codeStatus[path] {
            status = known
        } else {
            do {
                status = try source.status(of: path)
            } catch {
                status = .missing
                self.error("load.code-unreadable", manifest, at: Self.locate(manifest, "code"), field: "spec.code",
                           "the code folder '\(path)' cannot be read: \(error)")
            }
            codeStatus[path] = status
        }
        let location = Self.locate(manifest, "code")
        switch status {
        case .folder(let id):
            return id.hex
        case .symlink:
            error("load.code-symlink", manifest, at: location, field: "spec.code",
                  "the code path '\(path)' is (or passes through) a symbolic link; plumb does not follow links",
                  hint: "put the code itself in the repository at that path")
        case .file:
            error("load.code-not-folder", manifest, at: location, field: "spec.code", "the code path '\(path)' is a file, not a folder",
                  hint: "name the folder that holds the handler's code (e.g. \(RepositoryPath.parent(path).isEmpty ? "functions/NAME" : RepositoryPath.parent(path))")
        case .missing:
            error("load.code-missing", manifest, at: location, field: "spec.code",
                  "the code folder '\(path)' does not exist (or holds no files)",
                  hint: "create it with the handler's code, or fix the path (it is relative to the repository root)")
        }
        return ""
    }

    /// Lambda's 4 KB limit on the JSON of all environment variables.
    private mutating func checkEnvironmentSize(_ variables: [String: String], _ manifest: DecodedManifest) {
        guard !variables.isEmpty else { return }
        var size = 2
        for (key, value) in variables { size += key.utf8.count + value.utf8.count + 6 }
        size -= 1
        if size > 4096 {
            error("schema.env-size", manifest, at: Self.locate(manifest, "environment"), field: "spec.environment",
                  "the environment variables take \(size) bytes as JSON; Lambda allows 4 KB (4096 bytes) in total",
                  hint: "move large values into a configuration file in the code folder")
        }
    }
}
