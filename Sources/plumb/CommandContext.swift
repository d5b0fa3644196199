import Cloud
import CloudSim
import DesiredState
import Foundation
import Git

/// What a command that acts on an environment needs: the desired state, read from the
/// repository and validated, and the environment's simulated cloud.
///
/// - `--repo` is a local path (a working tree or a bare repository) or a URL (`file://`,
///   `git://`, `https://`, `ssh://`, `user@host:path`); URLs are cloned once into
///   `<state-dir>/repos/` (bare) and fetched on each use.
/// - `--ref` names the commit read (default `HEAD`); with `--working-tree` the folder is read as
///   it is on disk instead (local paths only).
/// - `--env` names the Environment manifest (account, region, patches). Without it: the
///   repository's only environment when it declares exactly one; none (account 000000000000 in
///   us-east-1) when it declares none; an error naming them when it declares several.
/// - Desired state with errors is refused with every diagnostic; warnings go to standard error.
/// - The simulated cloud lives in `<state-dir>/sim/`; the provider acts in the environment's
///   account and region (or `region` when given, for failover).
struct CommandContext {
    /// The options the command was given.
    let options: GlobalOptions
    /// The repository (nil with `--working-tree` on a folder that is not a repository).
    let repository: Repository?
    /// The loader (its cache makes loading another commit cheap).
    let loader: DesiredStateLoader
    /// The environment selected (nil: none, placeholder account and region).
    let environment: String?
    /// The validated desired state.
    let desired: DesiredState
    /// The commit read, nil for a working tree.
    let commit: Commit?
    /// The simulated cloud.
    let cloud: SimCloud
    /// The provider for the environment's account and region.
    let provider: SimProvider
    /// The load's diagnostics (warnings: errors are refused).
    let diagnostics: [Diagnostic]
    /// The names of the repository's Environment manifests, when they were looked up (no `--env`).
    let environmentNames: [String]?
    /// The region the load was asked to use instead of the environment's, or nil.
    let requestedRegion: String?

    /// Opens the repository, loads and validates the desired state, and opens the environment.
    ///
    /// - Parameters:
    ///   - workingTree: read the folder `--repo` as it is on disk instead of a commit.
    ///   - region: act in this region instead of the environment's (failover).
    ///   - chooseRef: given the environment's ledger key, the revision to read instead of
    ///     `--ref` (e.g. the last deployed commit), or nil to read `--ref`. The desired state at
    ///     `--ref` need not be valid when another revision is chosen.
    ///   - chooseRegion: given the environment's ledger key, the region to act in when `region`
    ///     is nil (the active region after a failover), or nil for the environment's own.
    ///   - backgroundSaves: write the parse cache on another thread while the command goes on;
    ///     the command must then call `loader.cache.waitForSaves()` before it returns.
    ///   - onTarget: called, once the files are parsed and before they are checked, with a
    ///     provider for the account and region the environment's manifest names, so that the
    ///     command can start reading the environment while the desired state is checked. The
    ///     context's `provider` is that same provider when the checked desired state targets
    ///     the same account and region (compare their `scope`), another one otherwise.
    static func open(_ options: GlobalOptions, workingTree: Bool = false, region: String? = nil,
                     chooseRef: ((String) async throws -> String?)? = nil,
                     chooseRegion: ((String) async throws -> String?)? = nil,
                     backgroundSaves: Bool = false,
                     onTarget: ((SimProvider) -> Void)? = nil) async throws -> CommandContext {
        let loader = DesiredStateLoader(cacheFolder: desiredStateCacheFolder(options.stateDir))
        loader.cache.savesInBackground = backgroundSaves
        // For reads started early, the environment's store is opened on another thread while the
        // repository is opened and its files parsed (it does not depend on them).
        let stateDirectory = options.stateDir
        let opening = onTarget == nil ? nil : Task.detached { SimCloud.existing(stateDirectory: stateDirectory) }
        let repository = try openRepository(options.repo, stateDirectory: options.stateDir, workingTree: workingTree)
        var commit: Commit?
        let prepareAt: (String) throws -> PreparedLoad
        if workingTree {
            let folder = options.path.map { (options.repo as NSString).appendingPathComponent($0) } ?? options.repo
            prepareAt = { _ in try loader.prepare(directory: folder) }
        } else {
            guard let repository else {
                throw CommandError("\(options.repo) is not a git repository; commit the manifests, or pass --working-tree to read the folder")
            }
            prepareAt = { ref in try loader.prepare(repository: repository, revision: try resolve(ref, in: repository).hex, path: options.path) }
        }
        // Every file is parsed once: the environment is picked from the parsed files, and the
        // same files are then resolved and checked for it.
        var environment = options.env
        var names: [String]?
        var prepared: (ref: String, load: PreparedLoad)?
        if environment == nil {
            let load = try prepareAt(options.ref)
            prepared = (options.ref, load)
            names = load.environmentNames
            environment = try selectEnvironment(load.environmentNames)
        }
        var ref = options.ref
        if let chosen = try await chooseRef?(ledgerKey(environment)), !workingTree {
            ref = chosen
        }
        var region = region
        if region == nil, let chosen = try await chooseRegion?(ledgerKey(environment)) {
            region = chosen
        }
        let load: PreparedLoad
        if let prepared, prepared.ref == ref {
            load = prepared.load
        } else {
            load = try prepareAt(ref)
        }
        var early: (cloud: SimCloud, provider: SimProvider)?
        let opened = await opening?.value
        // Only an environment that exists already: desired state the check refuses must not
        // leave a new one behind. Not an error here when the environment cannot be opened for
        // this target (an invalid account, say): the check reports the desired state's problems.
        if let onTarget, let target = load.target(environment: environment, region: region), let cloud = opened,
           let provider = try? cloud.provider(account: target.account, region: target.region) {
            early = (cloud, provider)
            onTarget(provider)
        }
        let result = loader.load(load, environment: environment, region: region)
        if !workingTree, let repository {
            commit = try repository.commit(try resolve(ref, in: repository))
        }
        let desired: DesiredState
        do {
            desired = try validated(result)
        } catch {
            loader.cache.waitForSaves()
            throw error
        }
        let cloud = try early?.cloud ?? opened ?? SimCloud(stateDirectory: options.stateDir)
        let provider: SimProvider
        if let early, early.provider.scope.account == desired.target.account, early.provider.scope.region == desired.target.region {
            provider = early.provider
        } else {
            provider = try cloud.provider(account: desired.target.account, region: desired.target.region)
        }
        return CommandContext(options: options, repository: repository, loader: loader, environment: environment,
                              desired: desired, commit: commit, cloud: cloud, provider: provider, diagnostics: result.diagnostics,
                              environmentNames: ref == options.ref ? names : nil, requestedRegion: region)
    }

    /// The digest of the commit loaded (nil for a working tree, or when the load cannot have one),
    /// given the fingerprint of every deployable resource.
    func digest(fingerprints: [ResourceID: UInt64]) -> DesiredDigest? {
        guard let repository, let commit else { return nil }
        let key = DesiredDigest.Key(repository: repository.gitDirectory, path: options.path, environment: environment, region: requestedRegion)
        return DesiredDigest(result: LoadResult(state: desired, diagnostics: diagnostics), commit: commit.id, key: key,
                             environmentNames: environmentNames, fingerprints: fingerprints)
    }

    /// The name the ledger keeps this environment's history under: the Environment manifest's
    /// name, or `default` when none is selected.
    var ledgerKey: String { CommandContext.ledgerKey(environment) }

    /// The ledger key for an environment name (`default` for none).
    static func ledgerKey(_ environment: String?) -> String { environment ?? "default" }

    /// Loads and validates another commit of the same repository, for the same environment
    /// (the last deployed commit for drift, an earlier one for rollback).
    func desiredState(at ref: String, reportWarnings: Bool = true) throws -> DesiredState {
        guard let repository else { throw CommandError("--working-tree reads a folder; another commit (\(ref)) needs a git repository") }
        let id = try CommandContext.resolve(ref, in: repository)
        let result = try loader.load(repository: repository, revision: id.hex, path: options.path,
                                     environment: environment, region: desired.target.region)
        return try CommandContext.validated(result, reportWarnings: reportWarnings)
    }

    /// The folder of plumb's state (`--state-dir`).
    var stateDirectory: String { options.stateDir }

    /// The folder for caches that only speed things up (`<state-dir>/cache`).
    var cacheFolder: String { CommandContext.cacheFolder(options.stateDir) }

    /// `<state-dir>/cache`.
    static func cacheFolder(_ stateDirectory: String) -> String {
        (stateDirectory as NSString).appendingPathComponent("cache")
    }

    /// Stops the simulated cloud's function workers started by this process.
    func close() async {
        await cloud.shutdown()
    }

    /// Resolves `ref` to a commit id, with a message that says what to do.
    static func resolve(_ ref: String, in repository: Repository) throws -> ObjectID {
        do {
            return try repository.resolve(ref)
        } catch let error as GitError {
            throw CommandError("cannot read revision '\(ref)' of \(repository.workingDirectory ?? repository.gitDirectory): \(error.message). \(error.advice)")
        }
    }

    /// Refuses desired state with errors, printing the first warnings to standard error.
    static func validated(_ result: LoadResult, reportWarnings: Bool = true) throws -> DesiredState {
        let warnings = reportWarnings ? result.warnings : []
        var text = warnings.prefix(3).map { "\($0)\n" }.joined()
        if warnings.count > 3 { text += "warning: … and \(warnings.count - 3) more (plumb validate lists them all)\n" }
        if !text.isEmpty { FileHandle.standardError.write(Data(text.utf8)) }
        do {
            return try result.validState()
        } catch let failure as ValidationFailure {
            throw CommandError(failure.description + "\nFix the errors above (plumb validate shows them too); nothing in the environment was changed.")
        }
    }
}

/// An error of a command, with what to do; printed as `Error: …`, exit status 1.
struct CommandError: Error, CustomStringConvertible {
    /// What went wrong and what to do.
    var description: String
    /// Creates the error.
    init(_ message: String) { description = message }
}

extension CommandContext {
    /// Opens a local repository, or clones/fetches a URL into `<state-dir>/repos/` (see `RepositoryLocator`).
    static func openRepository(_ repo: String, stateDirectory: String, workingTree: Bool) throws -> Repository? {
        if RepositoryLocator.isURL(repo) {
            if workingTree { throw CommandError("--working-tree reads a local folder; --repo \(repo) is a URL. Drop --working-tree, or pass the folder") }
        } else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: repo, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandError("--repo \(repo) is not a folder; give the path of the desired-state repository (or its URL)")
            }
            if workingTree { return try? Repository.open(path: repo) }
        }
        do {
            return try RepositoryLocator.open(repo, cacheDirectory: cloneFolder(stateDirectory)).repository
        } catch let error as LoadError {
            throw CommandError(error.message)
        }
    }

    /// Where clones of URL repositories are kept: `<state-dir>/repos`.
    static func cloneFolder(_ stateDirectory: String) -> String {
        (stateDirectory as NSString).appendingPathComponent("repos")
    }

    /// The on-disk cache of parsed desired-state files: `<state-dir>/cache/desired-state`.
    static func desiredStateCacheFolder(_ stateDirectory: String) -> String {
        (cacheFolder(stateDirectory) as NSString).appendingPathComponent("desired-state")
    }

    /// The default environment of a repository given the names of its Environment manifests
    /// (see `CommandContext`): its only one, or none when it declares none.
    static func selectEnvironment(_ names: [String]) throws -> String? {
        switch names.count {
        case 0: return nil
        case 1: return names[0]
        default:
            throw CommandError("the repository declares \(names.count) environments (\(names.joined(separator: ", "))); choose one with --env")
        }
    }
}
