import Git

extension DesiredStateLoader {
    /// A commit loaded from the digest of an earlier one: only what the commit changed is checked.
    public struct ChangedLoad: Sendable {
        /// The commit loaded.
        public var commit: ObjectID
        /// The re-checked resources only (functions and state machines the commits changed, and
        /// those asked for), with the commit's complete deployment order, its target,
        /// maintenance, environments and code.
        public var state: DesiredState
        /// Every diagnostic of the commit: the digest's, with those of the re-checked resources
        /// replaced by what the check found.
        public var diagnostics: [Diagnostic]
        /// The re-checked resources (changed by the commits, or asked for).
        public var changed: Set<ResourceID>
        /// The commit's digest; the fingerprints of the re-checked resources are still the old
        /// ones, for the caller to replace.
        public var digest: DesiredDigest
    }

    /// Loads the commit `revision` of `repository` by checking only the functions and state
    /// machines it changed since the commit of `digest`, or returns nil when the change is beyond
    /// what this path handles (then load the commit whole).
    ///
    /// Handled: manifest files that define only functions and state machines, edited so that
    /// their resources keep their names and their relations to other resources (the rules of
    /// `reload`), and changed code folders, definitions and input files. The changed resources
    /// are checked in a load of their manifest files together with those of every resource they
    /// refer to (roles with their policies, functions they invoke or name, dependencies) and the
    /// Environment manifests; the result stands only when the changed resources have the same
    /// kinds of diagnostics as in the digest, invoke the same functions, and are not targets of
    /// environment patches. Everything else (IAM, environments, added, removed or renamed
    /// resources, new or fixed problems) returns nil.
    ///
    /// `including` names more resources to load and check although the commits did not change
    /// them (those the caller must compare with the live environment), of any deployable kind;
    /// the other resources of their manifest files are loaded with them.
    public func loadChanges(repository: Repository, revision: String = "HEAD", since digest: DesiredDigest,
                            including: Set<ResourceID> = []) throws -> ChangedLoad? {
        guard digest.key.repository == repository.gitDirectory else { return nil }
        let commit = try Self.commit(revision, of: repository)
        let root = digest.key.path
        let changes = commit == digest.commit ? [] : try repository.changedPaths(from: digest.commit, to: commit, under: root)
        let contextFiles = Set(digest.contextFiles)
        guard let (edited, files, changed) = Self.filesToCheck(changes, digest: digest, contextFiles: contextFiles, including: including) else {
            return nil
        }

        // Files are looked up in the commit's tree one by one (listing a large tree costs more
        // than the rest of such a load): the manifests to check, the Environment and
        // Maintenance manifests, and the definitions and input files of what is checked.
        let source = LazyCommitFileSource(repository: repository, commit: commit, root: root)
        var index: [String: SourceFile] = [:]
        func lookUp(_ paths: some Sequence<String>) throws {
            let missing = paths.filter { index[$0] == nil }
            guard !missing.isEmpty else { return }
            for (path, entry) in try repository.files(at: missing, of: commit, under: root) {
                index[path] = SourceFile(path: path, mode: entry.mode, id: entry.id)
            }
        }
        try lookUp(files.union(contextFiles).union(changed.flatMap { digest.resources[$0]?.uses ?? [] }))
        for change in edited {
            guard let oldID = change.oldID, let file = index[change.path] else { return nil }
            let old = try cache.manifestFile(SourceFile(path: change.path, kind: .file, knownID: oldID), from: source)
            let new = try cache.manifestFile(file, from: source)
            guard old.diagnostics.isEmpty, new.diagnostics.isEmpty, old.foreignDocuments.isEmpty, new.foreignDocuments.isEmpty,
                  old.manifests.map(\.id) == new.manifests.map(\.id),
                  zip(old.manifests, new.manifests).allSatisfy({ Self.sameRelations($0, $1) }) else { return nil }
        }
        var subset = files.union(contextFiles)
        var related = Set<ResourceID>()
        var names = Set<String>()
        for file in files {
            guard let manifestFile = index[file] else { return nil }
            for manifest in try cache.manifestFile(manifestFile, from: source).manifests {
                try addRelated(of: manifest, digest: digest, file: { path in
                    try lookUp([path])
                    return index[path]
                }, source: source, to: &related, names: &names)
            }
        }
        for (id, resource) in digest.resources where related.contains(id) || names.contains(id.name) { subset.insert(resource.file) }
        try lookUp(subset)
        guard let checked = try checkSubset(subset, of: source, index: index, commit: commit, digest: digest, changed: changed) else { return nil }
        var next = digest
        next.commit = commit
        next.diagnostics = checked.diagnostics
        for machine in checked.state.stateMachines {
            next.resources[ResourceID(.stateMachine, machine.name)]?.uses = DesiredDigest.uses(machine)
        }
        for function in checked.state.functions {
            next.resources[ResourceID(.function, function.name)]?.uses = DesiredDigest.uses(function)
        }
        return ChangedLoad(commit: commit, state: checked.state, diagnostics: checked.diagnostics, changed: changed, digest: next)
    }

    /// The manifest changes among `changes`, the manifest files to check and the resources they
    /// define: files edited, those of resources using a changed path, and those of the resources
    /// asked for (one pass over the digest's resources). Nil when a change is not handled.
    private static func filesToCheck(_ changes: [Change], digest: DesiredDigest, contextFiles: Set<String>, including: Set<ResourceID>)
        -> (edited: [Change], files: Set<String>, changed: Set<ResourceID>)? {
        var edited: [Change] = []
        var touched: [String] = []
        for change in changes {
            guard ManifestFile.isManifestPath(change.path) else {
                touched.append(change.path)
                continue
            }
            guard change.kind == .modified, !contextFiles.contains(change.path),
                  let mode = change.newMode, mode == .file || mode == .executable else { return nil }
            edited.append(change)
        }
        var files = Set(edited.map(\.path))
        if !touched.isEmpty {
            for resource in digest.resources.values
            where resource.uses.contains(where: { used in touched.contains { RepositoryPath.overlaps(used, $0) } }) {
                files.insert(resource.file)
            }
        }
        let changedFiles = files
        for id in including {
            guard let resource = digest.resources[id] else { return nil }
            files.insert(resource.file)
        }
        var changed = Set<ResourceID>()
        var editedFilesFound = Set<String>()
        for (id, resource) in digest.resources where files.contains(resource.file) {
            changed.insert(id)
            guard changedFiles.contains(resource.file) else { continue }
            // What the commits changed may only be functions and state machines.
            guard id.kind == .function || id.kind == .stateMachine else { return nil }
            editedFilesFound.insert(resource.file)
        }
        // An edited manifest file that defines no deployable resource (or a new one) is not handled.
        guard edited.allSatisfy({ editedFilesFound.contains($0.path) }) else { return nil }
        return (edited, files, changed)
    }

    /// Adds the resources a manifest names to `related` (or their names to `names`, when any
    /// kind may be meant): role (with the role's policies), pre-traffic hook, dependencies,
    /// references, and for a state machine the functions and resources its definition names.
    private func addRelated(of manifest: DecodedManifest, digest: DesiredDigest, file: (String) throws -> SourceFile?, source: any FileSource,
                            to related: inout Set<ResourceID>, names: inout Set<String>) throws {
        func named(_ text: String) {
            if let id = ResourceLookup.parseQualified(text) { related.insert(id) }
            names.insert(text)
        }
        var role = ""
        var dependsOn: [String] = []
        switch manifest.spec {
        case .function(let spec):
            role = spec.role
            dependsOn = spec.dependsOn
            if let hook = spec.rollout.preTraffic { named(hook.invoke) }
        case .stateMachine(let spec):
            role = spec.role
            dependsOn = spec.dependsOn
            for function in digest.resources[manifest.id]?.invoked ?? [] { related.insert(ResourceID(.function, function)) }
            if let definition = try file(spec.definition) {
                for site in try cache.definition(definition, from: source).placeholders {
                    for part in site.body.split(separator: ":") { names.insert(String(part)) }
                }
            }
        case .role(let spec):
            for policy in spec.policies { related.insert(ResourceID(.policy, policy)) }
        case .policy:
            break
        default:
            return
        }
        for text in dependsOn { named(text) }
        for site in manifest.references {
            if case .resource(let kind, let name, _) = site.expression { related.insert(ResourceID(kind, name)) }
        }
        guard !role.isEmpty else { return }
        let id = ResourceID(.role, role)
        related.insert(id)
        if let path = digest.resources[id]?.file, let roleFile = try file(path) {
            for candidate in try cache.manifestFile(roleFile, from: source).manifests where candidate.id == id {
                if case .role(let spec) = candidate.spec { for policy in spec.policies { related.insert(ResourceID(.policy, policy)) } }
            }
        }
    }

    /// Loads the manifest files `subset` of `source` and takes the changed resources from the
    /// result, or nil when that result cannot stand for a load of the whole commit.
    private func checkSubset(_ subset: Set<String>, of source: LazyCommitFileSource, index: [String: SourceFile], commit: ObjectID,
                             digest: DesiredDigest, changed: Set<ResourceID>) throws -> (state: DesiredState, diagnostics: [Diagnostic])? {
        var candidates: [SourceFile] = []
        for path in subset.sorted() {
            guard let file = index[path], file.kind == .file || file.kind == .executable else { return nil }
            candidates.append(file)
        }
        let parsed = parseAll(candidates, from: source, index: index)
        var assembler = Assembler(catalog: Catalog(source: source, cache: cache, revision: .commit(commit.hex), fileIndex: index), parallelism: parallelism)
        let result = assembler.run(files: parsed, environmentName: digest.key.environment, region: digest.key.region)
        guard result.state.target == digest.target, Self.patchTargets(of: assembler.catalog).isDisjoint(with: changed) else { return nil }
        var functions: [FunctionResource] = []
        var machines: [StateMachineResource] = []
        var roles: [RoleResource] = []
        var policies: [PolicyResource] = []
        for id in changed.sorted() {
            switch id.kind {
            case .function:
                guard let function = result.state.function(named: id.name) else { return nil }
                functions.append(function)
            case .stateMachine:
                guard let machine = result.state.stateMachine(named: id.name),
                      DesiredDigest.invoked(machine) == digest.resources[id]?.invoked else { return nil }
                machines.append(machine)
            case .role:
                guard let role = result.state.role(named: id.name) else { return nil }
                roles.append(role)
            case .policy:
                guard let policy = result.state.policy(named: id.name) else { return nil }
                policies.append(policy)
            case .maintenance, .environment:
                return nil
            }
        }
        func concerns(_ diagnostic: Diagnostic) -> Bool { diagnostic.resource.map(changed.contains) ?? false }
        let found = result.diagnostics.filter(concerns)
        func kinds(_ list: [Diagnostic]) -> [String] {
            list.map { "\($0.severity) \($0.code) \($0.resource?.description ?? "") \($0.field)" }.sorted()
        }
        guard kinds(found) == kinds(digest.diagnostics.filter(concerns)) else { return nil }
        let diagnostics = (digest.diagnostics.filter { !concerns($0) } + found).sorted(by: Assembler.order)
        let state = DesiredState(revision: .commit(commit.hex), target: digest.target, functions: functions, stateMachines: machines,
                                 roles: roles, policies: policies, maintenance: result.state.maintenance, environments: result.state.environments,
                                 deploymentOrder: digest.deploymentOrder, codeReader: CodeReader(source: source))
        return (state, diagnostics)
    }
}
