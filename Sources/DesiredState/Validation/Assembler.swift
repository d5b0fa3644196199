import YAML

/// A manifest of one kind with its typed spec.
struct Entry<Spec: Sendable>: Sendable {
    var manifest: DecodedManifest
    var spec: Spec
    var name: String { manifest.id.name }
}

/// Builds the desired state from decoded manifest files: finds duplicates, applies the selected
/// environment, resolves and checks references, checks definitions, dependencies and permissions,
/// and produces the resolved model with every diagnostic.
struct Assembler {
    let source: any FileSource
    let cache: DesiredStateCache
    let revision: Revision
    var diagnostics: [Diagnostic] = []
    var target = DeploymentTarget.placeholder
    var environment: EnvironmentSpec?

    var functions: [String: Entry<FunctionSpec>] = [:]
    var stateMachines: [String: Entry<StateMachineSpec>] = [:]
    var roles: [String: Entry<RoleSpec>] = [:]
    var policies: [String: Entry<PolicySpec>] = [:]
    var maintenance: Entry<MaintenanceSpec>?
    var environments: [String: Entry<EnvironmentSpec>] = [:]
    /// Code folders seen in this load, by path.
    var codeStatus: [String: PathStatus] = [:]
    /// Every file of the source, by path.
    let fileIndex: [String: SourceFile]
    /// Manifest files that could not be parsed at all (their manifests are unknown).
    var unreadableFiles: [String] = []

    init(source: any FileSource, cache: DesiredStateCache, revision: Revision, fileIndex: [String: SourceFile]) {
        self.source = source
        self.cache = cache
        self.revision = revision
        self.fileIndex = fileIndex
    }

    /// Runs every stage and returns the result.
    mutating func run(files: [ManifestFile], environmentName: String?, region: String?) -> LoadResult {
        var manifests: [DecodedManifest] = []
        var foreign: [FileLocation] = []
        for file in files {
            if file.manifests.isEmpty, let failure = file.diagnostics.first(where: { $0.severity == .error && $0.resource == nil }) {
                unreadableFiles.append(failure.location.file)
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
            index(manifest)
        }
        reportForeignDocuments(foreign)
        let state = build()
        diagnostics.sort { ($0.location, $0.severity, $0.message) < ($1.location, $1.severity, $1.message) }
        return LoadResult(state: state, diagnostics: diagnostics)
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

    /// Sorts a manifest into the table of its kind.
    private mutating func index(_ manifest: DecodedManifest) {
        switch manifest.spec {
        case .function(let spec): functions[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .stateMachine(let spec): stateMachines[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .role(let spec): roles[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .policy(let spec): policies[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .maintenance(let spec): maintenance = Entry(manifest: manifest, spec: spec)
        case .environment(let spec): environments[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        }
    }

    /// Warns about YAML documents that are not manifests, except inside function code folders.
    private mutating func reportForeignDocuments(_ locations: [FileLocation]) {
        guard !locations.isEmpty else { return }
        let codeFolders = functions.values.map { $0.spec.code + "/" }
        for location in locations where !codeFolders.contains(where: { location.file.hasPrefix($0) }) {
            diagnostics.append(Diagnostic(.warning, "load.not-a-manifest", at: location,
                                          "this YAML document has neither apiVersion nor kind, so it is not a manifest and is ignored",
                                          hint: "add apiVersion: plumb.dev/v1 and kind, or keep non-manifest YAML out of the desired-state folder (see --path)"))
        }
    }

    /// The location of `spec.<keys…>` of a manifest, or of the manifest when the field is absent.
    static func locate(_ manifest: DecodedManifest, _ keys: String...) -> FileLocation {
        var node: YAMLNode? = manifest.parsed.spec
        for key in keys { node = node?[key] }
        return node.map(FieldReader.location) ?? manifest.parsed.location
    }

    /// Adds an error about a manifest.
    mutating func error(_ code: String, _ manifest: DecodedManifest, at location: FileLocation? = nil, field: String,
                        _ message: String, hint: String = "") {
        diagnostics.append(Diagnostic(.error, code, at: location ?? manifest.parsed.location, resource: manifest.id, field: field, message, hint: hint))
    }

    /// Adds a warning about a manifest.
    mutating func warning(_ code: String, _ manifest: DecodedManifest, at location: FileLocation? = nil, field: String,
                          _ message: String, hint: String = "") {
        diagnostics.append(Diagnostic(.warning, code, at: location ?? manifest.parsed.location, resource: manifest.id, field: field, message, hint: hint))
    }
}
