import CGit2

extension Repository {
    /// Resolves a revision to the commit it names.
    ///
    /// Accepts what `git rev-parse` accepts: a local branch (`main`), a remote-tracking branch
    /// (`origin/main`), a tag (annotated or lightweight, peeled to its commit), a full or short
    /// commit id, `HEAD`, `HEAD~2`, `main^`, `v1.0^{commit}`, a full ref name.
    ///
    /// - Throws: `GitError` of kind `.emptyRepository` when the repository has no commits,
    ///   `.notFound` when nothing has that name, `.ambiguous` for a short id matching several
    ///   objects, `.notACommit` when it names a tree or a blob, `.corrupt` for a damaged object.
    public func resolve(_ spec: String) throws -> ObjectID {
        guard !spec.isEmpty else {
            throw GitError(code: GIT_EINVALIDSPEC.rawValue, errorClass: 0, function: "resolve",
                           message: "empty revision", advice: "name a branch, tag or commit id (e.g. main or HEAD)",
                           kind: .invalidInput)
        }
        return try withHandle { repo in
            var object: OpaquePointer?
            let code = git_revparse_single(&object, repo, spec)
            if code < 0 {
                // Read libgit2's message first: the emptiness check below may overwrite it.
                let error = GitError.last(code, "git_revparse_single",
                                          subject: "cannot resolve '\(spec)' in \(displayPath)", advice: nil)
                if Repository.hasNoCommits(repo) {
                    throw GitError(code: error.code, errorClass: error.errorClass, function: error.function,
                                   message: "cannot resolve '\(spec)' in \(displayPath): the repository has no commits yet",
                                   advice: GitError.defaultAdvice(for: .emptyRepository), kind: .emptyRepository)
                }
                throw error
            }
            defer { git_object_free(object) }
            var commit: OpaquePointer?
            let peeled = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
            if peeled < 0 {
                let kind: GitError.Kind? = peeled == GIT_EINVALIDSPEC.rawValue || peeled == GIT_EPEEL.rawValue ? .notACommit : nil
                throw GitError.last(peeled, "git_object_peel",
                                    subject: "'\(spec)' in \(displayPath) does not name a commit",
                                    advice: nil, kind: kind)
            }
            defer { git_object_free(commit) }
            return ObjectID(git_object_id(commit))
        }
    }
}

extension Repository {
    /// Whether HEAD is unborn and no reference exists at all. The caller holds the lock.
    ///
    /// (`git_repository_is_empty` in libgit2 1.5 fails when `init.defaultBranch` is unset and
    /// HEAD names a branch other than `master`, so emptiness is decided here.)
    static func hasNoCommits(_ repo: OpaquePointer) -> Bool {
        guard git_repository_head_unborn(repo) == 1 else { return false }
        var iterator: OpaquePointer?
        guard git_reference_iterator_new(&iterator, repo) == 0 else { return false }
        defer { git_reference_iterator_free(iterator) }
        var name: UnsafePointer<CChar>?
        return git_reference_next_name(&name, iterator) == GIT_ITEROVER.rawValue
    }
}
