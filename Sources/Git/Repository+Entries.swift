import CGit2

extension Repository {
    /// The files at `paths` (relative to the folder `root` of `commit`'s tree), by path, read
    /// one by one from the tree without listing it: paths where there is no file (nothing, or a
    /// folder) are left out.
    ///
    /// - Throws: `GitError` `.notFound` if the commit does not exist, `.invalidInput` for a path
    ///   with `..`, `.corrupt` if a tree cannot be read.
    public func files(at paths: some Sequence<String>, of commit: ObjectID, under root: String = "") throws -> [String: Snapshot.Entry] {
        let base = try normalizedRepositoryPath(root)
        let wanted = try paths.map { ($0, try normalizedRepositoryPath(base.isEmpty ? $0 : base + "/" + $0)) }
        return try withHandle { repo in
            let rootTree = try withCommit(repo, commit) { ObjectID(git_commit_tree_id($0)) }
            let tree = try lookupTree(repo, rootTree)
            defer { git_tree_free(tree) }
            var found: [String: Snapshot.Entry] = [:]
            for (path, full) in wanted where !full.isEmpty {
                var entry: OpaquePointer?
                let code = git_tree_entry_bypath(&entry, tree, full)
                if code == GIT_ENOTFOUND.rawValue { continue }
                try check(code, "git_tree_entry_bypath", subject: "cannot find '\(full)' at commit \(commit.short()) in \(displayPath)")
                defer { git_tree_entry_free(entry) }
                guard let mode = FileMode(git_tree_entry_filemode(entry)) else { continue }
                found[path] = Snapshot.Entry(path: path, mode: mode, id: ObjectID(git_tree_entry_id(entry)))
            }
            return found
        }
    }
}

extension Repository {
    /// The tree id of the folder at `path` (relative to the folder `root` of `commit`'s tree; ""
    /// is `root` itself), found without listing it; nil when nothing is there.
    ///
    /// - Throws: `GitError` `.invalidInput` when `path` is a file (or has `..`), `.notFound` if
    ///   the commit does not exist.
    public func folderID(at path: String, of commit: ObjectID, under root: String = "") throws -> ObjectID? {
        let base = try normalizedRepositoryPath(root)
        let relative = try normalizedRepositoryPath(path)
        let full = base.isEmpty ? relative : relative.isEmpty ? base : base + "/" + relative
        return try withHandle { repo in
            let rootTree = try withCommit(repo, commit) { ObjectID(git_commit_tree_id($0)) }
            let (id, found) = try subtreeID(repo, of: rootTree, at: full, describe: "commit \(commit.short())")
            return found ? id : nil
        }
    }
}
