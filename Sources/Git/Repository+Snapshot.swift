import CGit2

extension Repository {
    /// Takes a snapshot of the tree of `commit`, or of the folder `path` within it.
    ///
    /// - Parameters:
    ///   - commit: a commit id (see `resolve(_:)`).
    ///   - path: a folder relative to the repository root ("" or omitted for the whole tree).
    /// - Throws: `GitError` `.notFound` if the commit or the folder does not exist,
    ///   `.invalidInput` if `path` is a file, `.corrupt` if a tree cannot be read.
    public func snapshot(of commit: ObjectID, path: String = "") throws -> Snapshot {
        let root = try normalizedRepositoryPath(path)
        return try withHandle { repo in
            let rootTree = try withCommit(repo, commit) { commitHandle in
                ObjectID(git_commit_tree_id(commitHandle))
            }
            let (treeID, found) = try subtreeID(repo, of: rootTree, at: root,
                                               describe: "commit \(commit.short())")
            guard let treeID, found else {
                throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, function: "git_tree_entry_bypath",
                               message: "folder '\(root)' does not exist at commit \(commit.short()) in \(displayPath)",
                               advice: "check the path (relative to the repository root) and the revision", kind: .notFound)
            }
            var walker = TreeCollector(repository: self, handle: repo)
            try walker.collect(treeID, prefix: "")
            return Snapshot(repository: self, commit: commit, root: root, treeID: treeID,
                            entries: walker.entries, folders: walker.folders)
        }
    }

    /// The bytes of the blob `id` (a file's contents or a symlink's target).
    ///
    /// - Throws: `GitError` `.notFound` if there is no such blob, `.corrupt` if it cannot be read.
    public func blob(_ id: ObjectID) throws -> [UInt8] {
        try withBlob(id) { Array($0) }
    }

    /// Lends the bytes of blob `id` to `body` without copying them; they are valid only during the call.
    public func withBlob<T>(_ id: ObjectID, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let blob: OpaquePointer = try withHandle { repo in
            var oid = id.oid
            var blob: OpaquePointer?
            try check(git_blob_lookup(&blob, repo, &oid), "git_blob_lookup",
                      subject: "cannot read blob \(id) in \(displayPath)")
            guard let blob else {
                throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, function: "git_blob_lookup",
                               message: "blob \(id) not found in \(displayPath)", advice: GitError.defaultAdvice(for: .notFound))
            }
            return blob
        }
        // The blob object is ours alone until freed; its bytes may be read without the lock.
        defer { withHandle { _ in git_blob_free(blob) } }
        let size = Int(git_blob_rawsize(blob))
        return try body(UnsafeRawBufferPointer(start: size == 0 ? nil : git_blob_rawcontent(blob), count: size))
    }

    /// The id of the tree at `path` below `tree` ("" is `tree` itself); `found` is false when the
    /// path does not exist. Throws when the path names a file. The caller holds the lock.
    func subtreeID(_ repo: OpaquePointer, of tree: ObjectID, at path: String, describe: String) throws -> (ObjectID?, Bool) {
        if path.isEmpty { return (tree, true) }
        let treeHandle = try lookupTree(repo, tree)
        defer { git_tree_free(treeHandle) }
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, treeHandle, path)
        if code == GIT_ENOTFOUND.rawValue { return (nil, false) }
        try check(code, "git_tree_entry_bypath", subject: "cannot find '\(path)' at \(describe) in \(displayPath)")
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_TREE else {
            throw GitError(code: GIT_EINVALID.rawValue, errorClass: 0, function: "git_tree_entry_bypath",
                           message: "'\(path)' is a file, not a folder, at \(describe) in \(displayPath)",
                           advice: "give the path of a folder", kind: .invalidInput)
        }
        return (ObjectID(git_tree_entry_id(entry)), true)
    }
}
