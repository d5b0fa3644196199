import Foundation
import Git

/// Loads and validates desired state from a commit or from a folder on disk.
///
/// One loader (with its cache) should serve a controller for its whole life: files are parsed once
/// per blob id, and loading the next commit of a repository re-checks only what the commit
/// changed when that is possible (see `reload`), otherwise everything, from the parsed files.
public struct DesiredStateLoader: Sendable {
    /// Parsed files kept between loads.
    public let cache: DesiredStateCache
    /// How many files are parsed at once (default: the number of processors).
    public var parallelism: Int
    /// A folder where parsed files are kept between processes, keyed by blob id (nil: none).
    public let cacheFolder: String?

    /// Creates a loader with its own cache, or sharing `cache`; with `cacheFolder`, parsed files
    /// are also read from and written to that folder, so that a new process starts warm.
    public init(cache: DesiredStateCache = DesiredStateCache(), parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
                cacheFolder: String? = nil) {
        self.cache = cache
        self.parallelism = max(1, parallelism)
        self.cacheFolder = cacheFolder
        if let cacheFolder, cache.disk?.folder != cacheFolder { cache.disk = DiskCache(folder: cacheFolder) }
    }

    /// Loads the commit `revision` (a branch, tag, id or `HEAD~1`) of `repository`, reading the
    /// manifests below `path` (the whole tree when nil).
    ///
    /// - Parameters:
    ///   - environment: the Environment manifest to apply; nil for none (placeholder account and region).
    ///   - region: a region to use instead of the environment's (failover to the backup region).
    /// - Throws: `LoadError` when the repository has no commits, the revision names no commit, or
    ///   the folder does not exist. Problems of the desired state itself are diagnostics in the result.
    public func load(repository: Repository, revision: String = "HEAD", path: String? = nil,
                     environment: String? = nil, region: String? = nil) throws -> LoadResult {
        let commit = try Self.commit(revision, of: repository)
        let root = Self.root(path)
        let key = CommitLoad.Key(repository: repository.gitDirectory, path: root, environment: environment, region: region)
        if var previous = cache.takeLastLoad(for: key) {
            if previous.commit == commit {
                cache.lastCommitLoad = previous
                return previous.result
            }
            if (try? reload(&previous, to: commit, in: repository)) == true {
                cache.lastCommitLoad = previous
                cache.countIncrementalLoad()
                return previous.result
            }
        }
        let snapshot = try Self.snapshot(of: commit, path: root, in: repository)
        let loaded = try loadAll(from: SnapshotFileSource(snapshot: snapshot), revision: .commit(commit.hex), environment: environment, region: region)
        cache.lastCommitLoad = CommitLoad(key: key, commit: commit, result: loaded.result, catalog: loaded.catalog, files: loaded.files,
                                          folders: snapshot.folders)
        return loaded.result
    }

    /// Loads a snapshot of a commit.
    public func load(snapshot: Snapshot, environment: String? = nil, region: String? = nil) throws -> LoadResult {
        try load(from: SnapshotFileSource(snapshot: snapshot), revision: .commit(snapshot.commit.hex), environment: environment, region: region)
    }

    /// Loads the folder `directory` as it is on disk (uncommitted changes included).
    public func load(directory: String, environment: String? = nil, region: String? = nil) throws -> LoadResult {
        try Self.requireFolder(directory)
        return try load(from: DirectoryFileSource(root: directory), revision: .workingTree(directory), environment: environment, region: region)
    }

    /// The names of the Environment manifests of the commit `revision` of `repository` below
    /// `path`, sorted, found without checking anything: the files are parsed (and kept in the
    /// cache for the load that follows, which reports their problems).
    public func environmentNames(repository: Repository, revision: String = "HEAD", path: String? = nil) throws -> [String] {
        try prepare(repository: repository, revision: revision, path: path).environmentNames
    }

    /// The names of the Environment manifests of the folder `directory` as it is on disk, sorted
    /// (see `environmentNames(repository:revision:path:)`).
    public func environmentNames(directory: String) throws -> [String] {
        try prepare(directory: directory).environmentNames
    }

    /// Loads from any file source.
    public func load(from source: any FileSource, revision: Revision, environment: String? = nil, region: String? = nil) throws -> LoadResult {
        try loadAll(from: source, revision: revision, environment: environment, region: region).result
    }

    /// Loads everything from `source`: the result, the final catalog and the parsed manifest files by path.
    func loadAll(from source: any FileSource, revision: Revision, environment: String?, region: String?) throws
        -> (result: LoadResult, catalog: Catalog, files: [String: ManifestFile]) {
        try assemble(parse(source, revision: revision), environment: environment, region: region)
    }

    /// Lists `source` and parses its manifest files (and the definitions they name), starting a
    /// load of the cache (`assemble` ends it).
    func parse(_ source: any FileSource, revision: Revision) throws -> ParsedFiles {
        let files = try Self.files(of: source)
        cache.beginLoad()
        var index: [String: SourceFile] = [:]
        index.reserveCapacity(files.count)
        var candidates: [SourceFile] = []
        var extra: [Diagnostic] = []
        for file in files {
            index[file.path] = file
            guard ManifestFile.isManifestPath(file.path) else { continue }
            switch file.kind {
            case .file, .executable:
                candidates.append(file)
            case .symlink:
                extra.append(Diagnostic(.error, "load.symlink", at: FileLocation(file: file.path),
                                        "the manifest file is a symbolic link; plumb does not follow links", hint: "replace the link by the file itself"))
            case .other:
                break
            }
        }
        if candidates.isEmpty {
            extra.append(Diagnostic(.warning, "load.no-manifests", at: .none, "\(source.displayName) holds no manifest files (*.yaml, *.yml)",
                                    hint: "run plumb init to start a desired-state repository, or point --path at the folder of the manifests"))
        }
        return ParsedFiles(source: source, revision: revision, index: index, candidates: candidates, extra: extra,
                           parsed: parseAll(candidates, from: source, index: index))
    }

    /// Resolves and checks parsed files for an environment, ending the cache's load.
    func assemble(_ files: ParsedFiles, environment: String?, region: String?) -> (result: LoadResult, catalog: Catalog, files: [String: ManifestFile]) {
        defer { cache.endLoad() }
        var assembler = Assembler(catalog: Catalog(source: files.source, cache: cache, revision: files.revision, fileIndex: files.index),
                                  parallelism: parallelism)
        assembler.diagnostics = files.extra
        let result = assembler.run(files: files.parsed, environmentName: environment, region: region)
        var byPath: [String: ManifestFile] = [:]
        byPath.reserveCapacity(files.candidates.count)
        for (file, manifestFile) in zip(files.candidates, files.parsed) { byPath[file.path] = manifestFile }
        return (result, assembler.catalog, byPath)
    }

    /// Parses the manifest files, several at once, and the definitions their state machines name.
    func parseAll(_ files: [SourceFile], from source: any FileSource, index: [String: SourceFile]) -> [ManifestFile] {
        let slots = ChunkSlots<ManifestFile>(count: files.count)
        let workers = min(parallelism, max(1, files.count / 64))
        let cache = self.cache
        // Files are handed out in small runs, so that no thread idles while another still has
        // a long tail (state machines, with their definitions, cost several times what a
        // function costs).
        ParallelRuns.run(count: files.count, workers: workers, run: 16) { position in
            slots[position] = Self.parse(files[position], from: source, index: index, cache: cache)
        }
        return slots.values
    }

    /// One manifest file, parsed, with the definitions its state machines name.
    private static func parse(_ file: SourceFile, from source: any FileSource, index: [String: SourceFile], cache: DesiredStateCache) -> ManifestFile {
        do {
            let parsed = try cache.manifestFile(file, from: source)
            for manifest in parsed.manifests {
                guard case .stateMachine(let spec) = manifest.spec, let definition = index[spec.definition] else { continue }
                _ = try? cache.definition(definition, from: source)
            }
            return parsed
        } catch {
            return ManifestFile(manifests: [], diagnostics: [
                Diagnostic(.error, "load.unreadable", at: FileLocation(file: file.path), "the file cannot be read: \(error)"),
            ], foreignDocuments: [])
        }
    }

    /// Every file of `source`, with an error that names it when they cannot be listed.
    static func files(of source: any FileSource) throws -> [SourceFile] {
        do {
            return try source.listFiles()
        } catch let error as LoadError {
            throw error
        } catch {
            throw LoadError(.fileSystem, "cannot list the files of \(source.displayName): \(error)")
        }
    }

    /// Refuses a folder that does not exist.
    static func requireFolder(_ directory: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isFolder), isFolder.boolValue else {
            throw LoadError(.missingFile, "the folder \(directory) does not exist")
        }
    }

    /// The commit `revision` names, with errors that say what to do.
    static func commit(_ revision: String, of repository: Repository) throws -> ObjectID {
        do {
            return try repository.resolve(revision)
        } catch let error as GitError {
            switch error.kind {
            case .emptyRepository:
                throw LoadError(.emptyRepository, "the repository \(repository.workingDirectory ?? repository.gitDirectory) has no commits yet; commit the manifests first (or validate the folder with --working-tree)")
            default:
                throw LoadError(.revision, "'\(revision)' does not name a commit: \(error.message). \(error.advice)")
            }
        }
    }

    /// A sub-path as the loader keys it: no `.` components, no leading or trailing `/`.
    static func root(_ path: String?) -> String {
        (path ?? "").split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    /// The files of `commit` below `root`.
    static func snapshot(of commit: ObjectID, path root: String, in repository: Repository) throws -> Snapshot {
        do {
            return try repository.snapshot(of: commit, path: root)
        } catch let error as GitError {
            throw LoadError(error.kind == .notFound ? .missingFile : .repository, "\(error.message). \(error.advice)")
        }
    }
}
