import CGit2

extension Repository {
    /// Reads the commit with id `id`.
    ///
    /// - Throws: `GitError` `.notFound` when no such commit exists, `.corrupt` when it cannot be read.
    public func commit(_ id: ObjectID) throws -> Commit {
        try withHandle { repo in
            try withCommit(repo, id) { Commit(borrowing: $0) }
        }
    }

    /// Whether `ancestor` is reachable from `descendant` (or is the same commit), like
    /// `git merge-base --is-ancestor`.
    ///
    /// When the commit a controller last deployed is no longer an ancestor of the branch it
    /// follows, the branch's history was rewritten (force-pushed).
    public func isAncestor(_ ancestor: ObjectID, of descendant: ObjectID) throws -> Bool {
        if ancestor == descendant {
            _ = try commit(ancestor)
            return true
        }
        return try withHandle { repo in
            var commitID = descendant.oid
            var ancestorID = ancestor.oid
            let result = git_graph_descendant_of(repo, &commitID, &ancestorID)
            try check(result, "git_graph_descendant_of",
                      subject: "cannot tell whether \(ancestor.short()) is an ancestor of \(descendant.short()) in \(displayPath)")
            return result == 1
        }
    }

    /// The commits reached by following first parents from `start` (included), newest first, at most `limit`.
    public func firstParentLog(from start: ObjectID, limit: Int = Int.max) throws -> [Commit] {
        guard limit > 0 else { return [] }
        return try withHandle { repo in
            var log: [Commit] = []
            var next: ObjectID? = start
            while let id = next, log.count < limit {
                let commit = try withCommit(repo, id) { Commit(borrowing: $0) }
                log.append(commit)
                next = commit.parents.first
            }
            return log
        }
    }

    /// Looks up a commit and lends it to `body`; the caller must hold the lock.
    func withCommit<T>(_ repo: OpaquePointer, _ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
        var oid = id.oid
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, repo, &oid), "git_commit_lookup",
                  subject: "cannot read commit \(id) in \(displayPath)")
        guard let commit else {
            throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, function: "git_commit_lookup",
                           message: "commit \(id) not found in \(displayPath)", advice: GitError.defaultAdvice(for: .notFound))
        }
        defer { git_commit_free(commit) }
        return try body(commit)
    }
}
