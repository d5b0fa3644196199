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
    static func open(_ options: GlobalOptions, workingTree: Bool = false, region: String? = nil,
                     chooseRef: ((String) async throws -> String?)? = nil,
                     chooseRegion: ((String) async throws -> String?)? = nil) async throws -> CommandContext {
        let loader = DesiredStateLoader(cacheFolder: (options.stateDir as NSString).appendingPathComponent("cache/desired-state"))
        let repository = try openRepository(options.repo, stateDirectory: options.stateDir, workingTree: workingTree)
        var commit: Commit?
        let loadAt: (String, String?, String?) throws -> LoadResult
        if workingTree {
            let folder = options.path.map { (options.repo as NSString).appendingPathComponent($0) } ?? options.repo
            loadAt = { _, environment, region in try loader.load(directory: folder, environment: environment, region: region) }
        } else {
            guard let repository else {
                throw CommandError("\(options.repo) is not a git repository; commit the manifests, or pass --working-tree to read the folder")
            }
            loadAt = { ref, environment, region in
                let id = try resolve(ref, in: repository)
                return try loader.load(repository: repository, revision: id.hex, path: options.path, environment: environment, region: region)
            }
        }
        var environment = options.env
        var early: LoadResult?
        if environment == nil {
            (environment, early) = try selectEnvironment(try loadAt(options.ref, nil, region))
        }
        var ref = options.ref
        if let chosen = try await chooseRef?(ledgerKey(environment)), !workingTree {
            ref = chosen
        }
        var region = region
        if region == nil, let chosen = try await chooseRegion?(ledgerKey(environment)) {
            region = chosen
            early = nil
        }
        let result: LoadResult
        if let early, ref == options.ref, environment == nil {
            result = early
        } else {
            result = try loadAt(ref, environment, region)
        }
        if !workingTree, let repository {
            commit = try repository.commit(try resolve(ref, in: repository))
        }
        let desired = try validated(result)
        let cloud = try SimCloud(stateDirectory: options.stateDir)
        let provider = try cloud.provider(account: desired.target.account, region: desired.target.region)
        return CommandContext(options: options, repository: repository, loader: loader, environment: environment,
                              desired: desired, commit: commit, cloud: cloud, provider: provider)
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
    var cacheFolder: String { (options.stateDir as NSString).appendingPathComponent("cache") }

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
    /// Whether `repo` is a URL rather than a local path.
    static func isURL(_ repo: String) -> Bool {
        if repo.contains("://") { return true }
        // scp-like ssh: user@host:path
        guard let at = repo.firstIndex(of: "@"), let colon = repo[at...].firstIndex(of: ":") else { return false }
        return !repo[..<at].contains("/") && !repo[at..<colon].contains("/")
    }

    /// Opens a local repository, or clones/fetches a URL into `<state-dir>/repos/`.
    static func openRepository(_ repo: String, stateDirectory: String, workingTree: Bool) throws -> Repository? {
        guard isURL(repo) else {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: repo, isDirectory: &isFolder), isFolder.boolValue else {
                throw CommandError("--repo \(repo) is not a folder; give the path of the desired-state repository (or its URL)")
            }
            if workingTree { return try? Repository.open(path: repo) }
            do {
                return try Repository.open(path: repo)
            } catch let error as GitError {
                throw CommandError("\(error.message). \(error.advice)")
            }
        }
        if workingTree { throw CommandError("--working-tree reads a local folder; --repo \(repo) is a URL. Drop --working-tree, or pass the folder") }
        let folder = (stateDirectory as NSString).appendingPathComponent("repos/\(cloneName(repo))")
        let refspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]
        do {
            if FileManager.default.fileExists(atPath: folder) {
                let repository = try Repository.open(path: folder)
                try repository.fetch(remote: "origin", refspecs: refspecs, prune: true)
                return repository
            }
            try FileManager.default.createDirectory(atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            return try Repository.clone(url: repo, to: folder, bare: true)
        } catch let error as GitError {
            throw CommandError("cannot fetch \(repo) into \(folder): \(error.message). \(error.advice)")
        }
    }

    /// A folder name for a clone of `url`: its last component and a hash of the whole URL.
    static func cloneName(_ url: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        let last = url.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "repo"
        let safe = String(last.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" || $0 == ".") ? Character($0) : "-" })
        return "\(safe)-\(String(hash, radix: 16))"
    }

    /// The default environment of a repository loaded without one (see `CommandContext`), and
    /// the load itself when it can be used as it is (no environment).
    static func selectEnvironment(_ plain: LoadResult) throws -> (String?, LoadResult?) {
        let names = plain.state.environments.map(\.name).sorted()
        switch names.count {
        case 0: return (nil, plain)
        case 1: return (names[0], nil)
        default:
            throw CommandError("the repository declares \(names.count) environments (\(names.joined(separator: ", "))); choose one with --env")
        }
    }
}
