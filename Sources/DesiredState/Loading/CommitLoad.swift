import Foundation
import Git

/// What a load of a commit leaves behind so that loading a later commit of the same repository,
/// sub-path and environment can re-check only what changed.
struct CommitLoad: Sendable {
    /// Which repository, sub-path, environment and region it was loaded for.
    struct Key: Hashable, Sendable {
        var repository: String
        var path: String
        var environment: String?
        var region: String?
    }

    var key: Key
    var commit: ObjectID
    var result: LoadResult
    /// The catalog after the load (tables, code statuses, role facts).
    var catalog: Catalog
    /// The parsed manifest files, by path.
    var files: [String: ManifestFile]
    /// Folder tree ids known for the commit.
    var folders: [String: ObjectID]
    /// Positions of functions and state machines in the result's arrays, by name.
    var functionPositions: [String: Int]
    var stateMachinePositions: [String: Int]

    init(key: Key, commit: ObjectID, result: LoadResult, catalog: Catalog, files: [String: ManifestFile], folders: [String: ObjectID]) {
        self.key = key
        self.commit = commit
        self.result = result
        self.catalog = catalog
        self.files = files
        self.folders = folders
        var functions: [String: Int] = [:]
        functions.reserveCapacity(result.state.functions.count)
        for (position, function) in result.state.functions.enumerated() { functions[function.name] = position }
        functionPositions = functions
        var machines: [String: Int] = [:]
        for (position, machine) in result.state.stateMachines.enumerated() { machines[machine.name] = position }
        stateMachinePositions = machines
    }
}

extension CommitLoad {
    /// Whether a load for `other` gives what this load gave, for the same commit: the same
    /// repository, sub-path and environment, and the same region — asked for, or the one this
    /// load ended up in when it was asked for none (a region given explicitly only moves the
    /// target to it). Loads of later commits keep this as long as they take the incremental path,
    /// which refuses any change to an Environment manifest.
    func serves(_ other: Key) -> Bool {
        guard other.repository == key.repository, other.path == key.path, other.environment == key.environment else { return false }
        return other.region == key.region || (key.region == nil && other.region == result.state.target.region)
    }
}

extension DesiredStateCache {
    /// Takes the last commit load that serves `key` out of the cache (so the caller owns it alone
    /// and can update it in place), if there is one.
    func takeLastLoad(for key: CommitLoad.Key) -> CommitLoad? {
        takeLastCommitLoad { $0.serves(key) }
    }
}
