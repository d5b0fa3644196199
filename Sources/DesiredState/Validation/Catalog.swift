import Cloud
import YAML

/// A manifest of one kind with its typed spec. The spec sits in a shared box, so copying an
/// entry (as dictionary lookups and copies of the catalog do) costs two reference counts.
struct Entry<Spec: Sendable>: Sendable {
    let manifest: DecodedManifest
    private let box: SpecBox<Spec>

    init(manifest: DecodedManifest, spec: Spec) {
        self.manifest = manifest
        box = SpecBox(spec)
    }

    var spec: Spec { box.value }
    var name: String { manifest.id.name }
}

/// An immutable spec shared by copies of an entry.
final class SpecBox<Spec: Sendable>: Sendable {
    let value: Spec

    init(_ value: Spec) {
        self.value = value
    }
}

/// What IAM checks need to know about a role, computed once per load.
struct RoleFacts: Sendable {
    /// The service principals its trust policy lets assume it.
    var trustedServices: Set<String>
    /// Its managed and inline policies (resolved), for permission checks.
    var permissions: [NamedPolicyDocument]
}

/// The manifests of one load after duplicates are removed and the environment is applied,
/// indexed by kind and name, with the facts every per-resource check reads. Immutable while
/// resources are checked, so checks may run on several threads.
struct Catalog: Sendable {
    var source: any FileSource
    /// Not owned: the cache keeps the last commit load, catalog included, so a strong reference
    /// would keep every cache (and all it parsed) alive for ever. A catalog lives only during a
    /// load (while the loader holds its cache) and inside that cache.
    unowned let cache: DesiredStateCache
    var revision: Revision
    /// Every file of the source, by path.
    var fileIndex: [String: SourceFile]
    var target = DeploymentTarget.placeholder
    var environment: EnvironmentSpec?

    var functions: [String: Entry<FunctionSpec>] = [:]
    var stateMachines: [String: Entry<StateMachineSpec>] = [:]
    var roles: [String: Entry<RoleSpec>] = [:]
    var policies: [String: Entry<PolicySpec>] = [:]
    var maintenance: Entry<MaintenanceSpec>?
    var environments: [String: Entry<EnvironmentSpec>] = [:]
    /// Manifest files that could not be parsed at all (their manifests are unknown).
    var unreadableFiles: [String] = []
    /// What is at each function's code path.
    var codeStatus: [String: PathStatus] = [:]
    /// Trust and permissions of each role.
    var roleFacts: [String: RoleFacts] = [:]

    init(source: any FileSource, cache: DesiredStateCache, revision: Revision, fileIndex: [String: SourceFile]) {
        self.source = source
        self.cache = cache
        self.revision = revision
        self.fileIndex = fileIndex
    }

    /// Sorts a manifest into the table of its kind.
    mutating func index(_ manifest: DecodedManifest) {
        switch manifest.spec {
        case .function(let spec): functions[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .stateMachine(let spec): stateMachines[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .role(let spec): roles[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .policy(let spec): policies[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        case .maintenance(let spec): maintenance = Entry(manifest: manifest, spec: spec)
        case .environment(let spec): environments[manifest.id.name] = Entry(manifest: manifest, spec: spec)
        }
    }

    /// Whether a resource of `kind` named `name` exists.
    func exists(_ kind: ResourceKind, _ name: String) -> Bool {
        switch kind {
        case .function: return functions.index(forKey: name) != nil
        case .stateMachine: return stateMachines.index(forKey: name) != nil
        case .role: return roles.index(forKey: name) != nil
        case .policy: return policies.index(forKey: name) != nil
        case .maintenance: return maintenance?.name == name
        case .environment: return environments.index(forKey: name) != nil
        }
    }

    /// The names of every resource of `kind`.
    func names(of kind: ResourceKind) -> [String] {
        switch kind {
        case .function: return Array(functions.keys)
        case .stateMachine: return Array(stateMachines.keys)
        case .role: return Array(roles.keys)
        case .policy: return Array(policies.keys)
        case .maintenance: return maintenance.map { [$0.name] } ?? []
        case .environment: return Array(environments.keys)
        }
    }

    /// The `spec` node of a manifest: the one it keeps (patched specs), or the one read again
    /// from its file (decoded manifests drop theirs to save memory). Nil when the file cannot be read.
    func specNode(of manifest: DecodedManifest) -> YAMLNode? {
        if let spec = manifest.parsed.spec { return spec }
        guard let file = fileIndex[manifest.parsed.file],
              let documents = try? source.withContents(of: file, { try YAMLParser.parse(buffer: $0, file: file.path) }),
              documents.indices.contains(manifest.parsed.documentIndex) else { return nil }
        return documents[manifest.parsed.documentIndex].root["spec"]
    }

    /// The location of the value at `path` below a manifest's `spec`, or of the manifest when
    /// there is none.
    func locate(_ manifest: DecodedManifest, _ path: [PathComponent]) -> FileLocation {
        var node = specNode(of: manifest)
        for component in path {
            switch component {
            case .key(let key): node = node?[key]
            case .index(let index): node = node?[index]
            }
        }
        return node.map(FieldReader.location) ?? manifest.parsed.location
    }
}
