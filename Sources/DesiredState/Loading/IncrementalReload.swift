import Git

extension DesiredStateLoader {
    /// Loads `commit` by re-checking only what changed since the commit of `load`, or returns false when the
    /// change is beyond what this path handles (then the caller loads everything).
    ///
    /// Handled: manifest files whose Function and StateMachine manifests keep their names and
    /// their relations to other resources (role, dependsOn, pre-traffic hook, alias, code folder,
    /// definition, substitutions, smoke-test inputs); changed code folders, definitions and input
    /// files. Everything else (IAM, environments, maintenance, added or removed manifests, files
    /// with syntax errors, repositories with cycles or duplicates) takes the full path. The result
    /// is the same as a full load's; tests compare the two.
    ///
    /// `load` is updated in place (the collections it holds are copied only when someone else, such
    /// as a caller keeping the previous result, still uses them); after `false` it must be discarded.
    func reload(_ load: inout CommitLoad, to commit: ObjectID, in repository: Repository) throws -> Bool {
        let blocking: Set<String> = ["ref.cycle", "ref.duplicate", "ref.duplicate-case", "ref.duplicate-maintenance", "load.no-manifests", "load.symlink"]
        guard load.catalog.unreadableFiles.isEmpty, !load.result.diagnostics.contains(where: { blocking.contains($0.code) }) else { return false }
        let changes = try repository.changedPaths(from: load.commit, to: commit, under: load.key.path)
        for change in changes {
            var ancestor = change.path
            load.folders[ancestor] = nil
            while let slash = ancestor.lastIndex(of: "/") {
                ancestor = String(ancestor[..<slash])
                load.folders[ancestor] = nil
            }
            if let id = change.newID, let mode = change.newMode {
                load.catalog.fileIndex[change.path] = SourceFile(path: change.path, mode: mode, id: id)
            } else {
                load.catalog.fileIndex[change.path] = nil
            }
        }
        let source = CommitFileSource(repository: repository, commit: commit, root: load.key.path, files: load.catalog.fileIndex,
                                      knownFolders: load.folders)
        load.catalog.source = source
        load.catalog.revision = .commit(commit.hex)
        load.commit = commit

        var changed: [ResourceID: DecodedManifest] = [:]
        var touchedPaths: [String] = []
        for change in changes {
            guard ManifestFile.isManifestPath(change.path) else {
                touchedPaths.append(change.path)
                continue
            }
            guard let old = load.files[change.path], let file = load.catalog.fileIndex[change.path], file.kind == .file || file.kind == .executable else {
                return false
            }
            let new = try cache.manifestFile(file, from: source)
            guard old.diagnostics.isEmpty, new.diagnostics.isEmpty, old.foreignDocuments.isEmpty, new.foreignDocuments.isEmpty,
                  old.manifests.map(\.id) == new.manifests.map(\.id) else { return false }
            for (before, after) in zip(old.manifests, new.manifests) {
                guard Self.sameRelations(before, after) else { return false }
                changed[after.id] = after
            }
            load.files[change.path] = new
        }
        var affected = Set(changed.keys)
        for path in touchedPaths { affected.formUnion(Self.resources(using: path, in: load.catalog)) }
        guard !Self.patchTargets(of: load.catalog).contains(where: affected.contains) else { return false }
        guard recheck(affected, changed: changed, in: &load) else { return false }
        load.folders = source.knownFolders
        return true
    }

    /// Re-checks the affected resources and updates the load's catalog and result in place;
    /// false when the change turns out to alter relations between resources.
    private func recheck(_ affected: Set<ResourceID>, changed: [ResourceID: DecodedManifest], in load: inout CommitLoad) -> Bool {
        for (id, manifest) in changed {
            switch manifest.spec {
            case .function(let spec): load.catalog.functions[id.name] = Entry(manifest: manifest, spec: spec)
            case .stateMachine(let spec): load.catalog.stateMachines[id.name] = Entry(manifest: manifest, spec: spec)
            default: return false
            }
        }
        for id in affected where id.kind == .function {
            if let path = load.catalog.functions[id.name]?.spec.code, !path.isEmpty {
                load.catalog.codeStatus[path] = Checker.codeStatus(path, in: load.catalog.source)
            }
        }
        load.result.state.revision = load.catalog.revision
        load.result.state.codeReader = CodeReader(source: load.catalog.source)
        guard !affected.isEmpty else { return true }
        var checker = Checker(catalog: load.catalog)
        var local: [Diagnostic] = []
        let resolver = Resolver(target: load.catalog.target)
        for id in affected.sorted() {
            switch id.kind {
            case .function:
                guard let entry = load.catalog.functions[id.name], let position = load.functionPositions[id.name] else { return false }
                local += entry.manifest.diagnostics
                load.result.state.functions[position] = checker.function(entry)
                checker.checkDependencies(of: entry.manifest, entry.spec.dependsOn)
            case .stateMachine:
                guard let entry = load.catalog.stateMachines[id.name], let position = load.stateMachinePositions[id.name] else { return false }
                local += entry.manifest.diagnostics
                let machine = checker.stateMachine(entry, resolver: resolver)
                let before = Set(load.result.state.stateMachines[position].invokedFunctions.map(\.function))
                guard Set(machine.invokedFunctions.map(\.function)) == before else { return false }
                load.result.state.stateMachines[position] = machine
                checker.checkDependencies(of: entry.manifest, entry.spec.dependsOn)
            default:
                return false
            }
        }
        load.result.diagnostics.removeAll { $0.resource.map(affected.contains) ?? false }
        load.result.diagnostics += local
        load.result.diagnostics += checker.diagnostics
        load.result.diagnostics.sort(by: Assembler.order)
        return true
    }

    /// Whether two versions of a manifest relate to other resources in the same way.
    static func sameRelations(_ a: DecodedManifest, _ b: DecodedManifest) -> Bool {
        switch (a.spec, b.spec) {
        case (.function(let x), .function(let y)):
            return x.role == y.role && x.dependsOn == y.dependsOn && x.alias == y.alias && x.code == y.code
                && x.rollout.preTraffic?.invoke == y.rollout.preTraffic?.invoke
        case (.stateMachine(let x), .stateMachine(let y)):
            return x.role == y.role && x.dependsOn == y.dependsOn && x.alias == y.alias && x.definition == y.definition
                && x.substitutions == y.substitutions && x.rollout.smokeTests.map(\.inputFile) == y.rollout.smokeTests.map(\.inputFile)
        default:
            return false
        }
    }

    /// Functions whose code folder, and state machines whose definition or smoke-test input,
    /// is at, below or above `path`.
    static func resources(using path: String, in catalog: Catalog) -> [ResourceID] {
        func related(_ other: String) -> Bool { RepositoryPath.overlaps(other, path) }
        var result: [ResourceID] = []
        for (name, entry) in catalog.functions where related(entry.spec.code) { result.append(ResourceID(.function, name)) }
        for (name, entry) in catalog.stateMachines
        where related(entry.spec.definition) || entry.spec.rollout.smokeTests.contains(where: { related($0.inputFile ?? "") }) {
            result.append(ResourceID(.stateMachine, name))
        }
        return result
    }

    /// The resources environment patches apply to (the selected environment's, or every environment's).
    static func patchTargets(of catalog: Catalog) -> Set<ResourceID> {
        var targets = Set<ResourceID>()
        for (name, entry) in catalog.environments where catalog.target.environment == nil || catalog.target.environment == name {
            for patch in entry.spec.patches { targets.insert(patch.target) }
        }
        return targets
    }
}
