import YAML

extension Assembler {
    /// Picks the environment to resolve ARNs for: the one named, or the placeholder target.
    mutating func selectEnvironment(_ manifests: [DecodedManifest], name: String?, region: String?) {
        var declared: [String: (DecodedManifest, EnvironmentSpec)] = [:]
        for manifest in manifests {
            if case .environment(let spec) = manifest.spec { declared[manifest.id.name] = (manifest, spec) }
        }
        if let name {
            if let (_, spec) = declared[name] {
                catalog.environment = spec
                catalog.target = DeploymentTarget(environment: name, spec: spec)
            } else {
                let hint = declared.isEmpty ? "the repository declares no Environment manifest; add one named '\(name)'"
                                            : ResourceLookup.hint(for: name, among: declared.keys, kind: .environment)
                diagnostics.append(Diagnostic(.error, "ref.unknown-environment", at: .none, resource: ResourceID(.environment, name),
                                              "there is no environment named '\(name)'", hint: hint))
            }
        }
        if let region { catalog.target = catalog.target.inRegion(region) }
    }

    /// Applies the selected environment's patches; without a selected environment, checks that
    /// every environment's patches apply and give valid specs.
    mutating func applyPatches(_ manifests: [DecodedManifest]) -> [DecodedManifest] {
        let patching = manifests.contains {
            guard case .environment(let spec) = $0.spec, !spec.patches.isEmpty else { return false }
            return catalog.target.environment == nil || catalog.target.environment == $0.id.name
        }
        guard patching else { return manifests }
        var byID: [ResourceID: Int] = [:]
        byID.reserveCapacity(manifests.count)
        for (position, manifest) in manifests.enumerated() { byID[manifest.id] = position }
        var result = manifests
        var environmentEntries: [(DecodedManifest, EnvironmentSpec)] = manifests.compactMap {
            if case .environment(let spec) = $0.spec { return ($0, spec) }
            return nil
        }
        if let selected = catalog.target.environment {
            environmentEntries = environmentEntries.filter { $0.0.id.name == selected }
        }
        for (environmentManifest, spec) in environmentEntries {
            var patchedHere: [ResourceID: DecodedManifest] = [:]
            for patch in spec.patches {
                guard let position = byID[patch.target] else {
                    let names = manifests.filter { $0.id.kind == patch.target.kind }.map(\.id.name)
                    diagnostics.append(Diagnostic(.error, "ref.patch-target", at: patch.location, resource: environmentManifest.id, field: "spec.patches",
                                                  "the patch targets \(patch.target), which does not exist",
                                                  hint: ResourceLookup.hint(for: patch.target.name, among: names, kind: patch.target.kind)))
                    continue
                }
                let base = patchedHere[patch.target] ?? result[position]
                guard let original = catalog.specNode(of: base) else { continue }
                let merged = MergePatch.apply(patch.merge, to: original)
                var reader = FieldReader(resource: base.id)
                var parsed = base.parsed
                parsed.spec = merged
                let decoded = ManifestFile.decode(parsed, spec: merged, reader: &reader, keepSpec: true)
                patchedHere[patch.target] = decoded
            }
            if catalog.target.environment != nil {
                for (id, decoded) in patchedHere { if let position = byID[id] { result[position] = decoded } }
            } else {
                // Report what the patches break, without applying them.
                for (id, decoded) in patchedHere {
                    guard let position = byID[id] else { continue }
                    let known = Set(result[position].diagnostics)
                    for diagnostic in decoded.diagnostics where !known.contains(diagnostic) {
                        var copy = diagnostic
                        copy.message += " (with the patches of environment '\(environmentManifest.id.name)')"
                        diagnostics.append(copy)
                    }
                }
            }
        }
        return result
    }
}
