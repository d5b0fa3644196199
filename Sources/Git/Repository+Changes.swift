import CGit2

extension Repository {
    /// The files that differ between the trees of commits `old` and `new`, optionally only below the folder `under`.
    ///
    /// Both trees are walked side by side and any pair of subtrees with the same id is skipped
    /// without being read, so the cost follows the size of the change, not of the repository.
    /// Renames show as a deletion plus an addition; a file replaced by a folder (or the reverse)
    /// shows as the deletion of one and the addition of the other's files.
    ///
    /// - Parameters:
    ///   - old: the older commit (or any commit: the order only decides added versus deleted).
    ///   - new: the newer commit.
    ///   - under: a folder relative to the repository root; paths in the result are relative to it.
    ///     A folder missing on one side counts as empty there.
    /// - Returns: the changes, sorted by path bytes (git's order).
    public func changedPaths(from old: ObjectID, to new: ObjectID, under: String? = nil) throws -> [Change] {
        let folder = try normalizedRepositoryPath(under ?? "")
        return try withHandle { repo in
            let oldRoot = try withCommit(repo, old) { ObjectID(git_commit_tree_id($0)) }
            let newRoot = try withCommit(repo, new) { ObjectID(git_commit_tree_id($0)) }
            let oldTree = try subtreeID(repo, of: oldRoot, at: folder, describe: "commit \(old.short())").0
            let newTree = try subtreeID(repo, of: newRoot, at: folder, describe: "commit \(new.short())").0
            var differ = TreeDiffer(repository: self, handle: repo)
            try differ.compare(oldTree, newTree, prefix: "")
            return differ.changes
        }
    }
}
