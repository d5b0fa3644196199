import Foundation
import Git

/// The files of one load, listed and parsed, before they are resolved for an environment.
struct ParsedFiles: Sendable {
    var source: any FileSource
    var revision: Revision
    /// Every file of the source, by path.
    var index: [String: SourceFile]
    /// The manifest files, in path order, and what parsing made of each (same order).
    var candidates: [SourceFile]
    var extra: [Diagnostic]
    var parsed: [ManifestFile]
}

/// A commit (or folder) whose files are parsed but not yet resolved for an environment.
///
/// A command that must pick the environment from the repository's Environment manifests first
/// (no `--env`) uses it to parse every file once: `DesiredStateLoader.prepare` parses and names
/// the environments; `DesiredStateLoader.load(_:environment:region:)` resolves and checks the
/// same parsed files for the one chosen. Between the two, `target(environment:region:)` tells
/// where the load will point, so that work on the environment can start while it is checked.
public struct PreparedLoad: Sendable {
    let files: ParsedFiles
    /// For a commit: what the finished load is kept under for the next one.
    let commit: (repository: String, root: String, id: ObjectID, folders: [String: ObjectID])?

    /// The names of the Environment manifests, sorted (duplicates and invalid manifests included:
    /// the load reports those).
    public let environmentNames: [String]

    init(files: ParsedFiles, commit: (repository: String, root: String, id: ObjectID, folders: [String: ObjectID])?) {
        self.files = files
        self.commit = commit
        var names = Set<String>()
        for file in files.parsed {
            for manifest in file.manifests {
                if case .environment = manifest.spec { names.insert(manifest.id.name) }
            }
        }
        environmentNames = names.sorted()
    }

    /// The account and region the load for `environment` (and `region`, a failover region) will
    /// target, as the first Environment manifest of that name declares them; the placeholder
    /// target for no environment; nil when there is no such manifest (the load reports it).
    /// The load's own `target` is authoritative: use this only to start work early, and check it
    /// against the load's.
    public func target(environment: String?, region: String?) -> DeploymentTarget? {
        var target = DeploymentTarget.placeholder
        if let environment {
            let spec = files.parsed.lazy.flatMap(\.manifests).first { $0.id.kind == .environment && $0.id.name == environment }
            guard let spec, case .environment(let environmentSpec) = spec.spec else { return nil }
            target = DeploymentTarget(environment: environment, spec: environmentSpec)
        }
        if let region { target = target.inRegion(region) }
        return target
    }
}

extension DesiredStateLoader {
    /// Parses the commit `revision` of `repository` below `path` (see `PreparedLoad`).
    ///
    /// - Throws: `LoadError`, like `load(repository:revision:path:environment:region:)`.
    public func prepare(repository: Repository, revision: String = "HEAD", path: String? = nil) throws -> PreparedLoad {
        let commit = try Self.commit(revision, of: repository)
        let root = Self.root(path)
        let snapshot = try Self.snapshot(of: commit, path: root, in: repository)
        let files = try parse(SnapshotFileSource(snapshot: snapshot), revision: .commit(commit.hex))
        return PreparedLoad(files: files, commit: (repository.gitDirectory, root, commit, snapshot.folders))
    }

    /// Parses the folder `directory` as it is on disk (see `PreparedLoad`).
    public func prepare(directory: String) throws -> PreparedLoad {
        try Self.requireFolder(directory)
        return PreparedLoad(files: try parse(DirectoryFileSource(root: directory), revision: .workingTree(directory)), commit: nil)
    }

    /// Resolves and checks prepared files for `environment` (nil: none) and `region` (a region
    /// to use instead of the environment's); a commit's load is kept for loading a later commit
    /// incrementally, as `load(repository:…)` keeps it.
    public func load(_ prepared: PreparedLoad, environment: String?, region: String? = nil) -> LoadResult {
        let loaded = assemble(prepared.files, environment: environment, region: region)
        if let commit = prepared.commit {
            let key = CommitLoad.Key(repository: commit.repository, path: commit.root, environment: environment, region: region)
            cache.lastCommitLoad = CommitLoad(key: key, commit: commit.id, result: loaded.result, catalog: loaded.catalog, files: loaded.files,
                                              folders: commit.folders)
        }
        return loaded.result
    }
}
