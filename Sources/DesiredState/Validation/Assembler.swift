import Foundation

/// Builds the desired state from decoded manifest files: finds duplicates, applies the selected
/// environment, resolves and checks every resource (functions and state machines on several
/// threads), checks dependencies, and produces the resolved model with every diagnostic.
struct Assembler {
    var catalog: Catalog
    var diagnostics: [Diagnostic] = []
    /// How many threads check resources.
    let parallelism: Int

    init(catalog: Catalog, parallelism: Int) {
        self.catalog = catalog
        self.parallelism = parallelism
    }

    /// Runs every stage and returns the result.
    mutating func run(files: [ManifestFile], environmentName: String?, region: String?) -> LoadResult {
        var manifests: [DecodedManifest] = []
        var foreign: [FileLocation] = []
        for file in files {
            if file.manifests.isEmpty, let failure = file.diagnostics.first(where: { $0.severity == .error && $0.resource == nil }) {
                catalog.unreadableFiles.append(failure.location.file)
            }
            diagnostics.append(contentsOf: file.diagnostics)
            manifests.append(contentsOf: file.manifests)
            foreign.append(contentsOf: file.foreignDocuments)
        }
        let unique = removeDuplicates(manifests)
        selectEnvironment(unique, name: environmentName, region: region)
        let patched = applyPatches(unique)
        for manifest in patched {
            diagnostics.append(contentsOf: manifest.diagnostics)
            catalog.index(manifest)
        }
        reportForeignDocuments(foreign)
        let state = build()
        diagnostics.sort(by: Self.order)
        return LoadResult(state: state, diagnostics: diagnostics)
    }

    /// Diagnostics by file, line, column, then errors first, then message.
    static func order(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.location != b.location { return a.location < b.location }
        if a.severity != b.severity { return a.severity < b.severity }
        return a.message < b.message
    }

    /// Keeps the first manifest of each kind and name; reports the others naming both places.
    private mutating func removeDuplicates(_ manifests: [DecodedManifest]) -> [DecodedManifest] {
        var first: [ResourceID: DecodedManifest] = [:]
        first.reserveCapacity(manifests.count)
        var foldedIAM: [String: DecodedManifest] = [:]
        var maintenanceSeen: DecodedManifest?
        var result: [DecodedManifest] = []
        result.reserveCapacity(manifests.count)
        for manifest in manifests {
            if let earlier = first[manifest.id] {
                diagnostics.append(Diagnostic(.error, "ref.duplicate", at: manifest.parsed.location, resource: manifest.id, field: "metadata.name",
                                              "\(manifest.id) is defined twice: here and at \(earlier.parsed.location)",
                                              hint: "rename one of them, or remove the copy"))
                continue
            }
            if manifest.id.kind == .role || manifest.id.kind == .policy {
                let folded = "\(manifest.id.kind.rawValue)/\(manifest.id.name.lowercased())"
                if let earlier = foldedIAM[folded] {
                    diagnostics.append(Diagnostic(.error, "ref.duplicate-case", at: manifest.parsed.location, resource: manifest.id, field: "metadata.name",
                                                  "IAM names ignore case, so \(manifest.id) clashes with \(earlier.id) at \(earlier.parsed.location)",
                                                  hint: "give them names that differ in more than letter case"))
                    continue
                }
                foldedIAM[folded] = manifest
            }
            if manifest.id.kind == .maintenance {
                if let earlier = maintenanceSeen {
                    diagnostics.append(Diagnostic(.error, "ref.duplicate-maintenance", at: manifest.parsed.location, resource: manifest.id, field: "metadata.name",
                                                  "a repository has at most one Maintenance manifest, but \(earlier.id) is at \(earlier.parsed.location)",
                                                  hint: "merge the two into one"))
                    continue
                }
                maintenanceSeen = manifest
            }
            first[manifest.id] = manifest
            result.append(manifest)
        }
        return result
    }

    /// Warns about YAML documents that are not manifests, except inside function code folders.
    private mutating func reportForeignDocuments(_ locations: [FileLocation]) {
        guard !locations.isEmpty else { return }
        let codeFolders = catalog.functions.values.map { $0.spec.code + "/" }
        for location in locations where !codeFolders.contains(where: { location.file.hasPrefix($0) }) {
            diagnostics.append(Diagnostic(.warning, "load.not-a-manifest", at: location,
                                          "this YAML document has neither apiVersion nor kind, so it is not a manifest and is ignored",
                                          hint: "add apiVersion: plumb.dev/v1 and kind, or keep non-manifest YAML out of the desired-state folder (see --path)"))
        }
    }
}
