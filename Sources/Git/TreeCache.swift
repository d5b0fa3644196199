import CGit2

/// Parsed trees kept between calls, so that repeated snapshots and change lists do not inflate
/// and parse the same trees again (libgit2's own object cache skips trees larger than 4 KiB,
/// i.e. folders of more than about a hundred entries).
///
/// Only used while the owning `Repository`'s lock is held. Each cached tree holds one libgit2
/// reference; `tree(_:in:)` hands out a second one (`git_object_dup`) that the caller frees, so
/// clearing the cache never invalidates a tree in use.
final class TreeCache {
    private var trees: [ObjectID: OpaquePointer] = [:]
    /// The most trees kept; past that the cache starts over (a bounded memory cost, about 4 KiB per tree).
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The tree `id`, as a new reference the caller must release with `git_tree_free`.
    func tree(_ id: ObjectID, in repository: OpaquePointer, displayPath: String) throws -> OpaquePointer {
        let cached: OpaquePointer
        if let hit = trees[id] {
            cached = hit
        } else {
            var oid = id.oid
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, repository, &oid), "git_tree_lookup",
                      subject: "cannot read tree \(id) in \(displayPath)")
            guard let tree else {
                throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, function: "git_tree_lookup",
                               message: "tree \(id) not found in \(displayPath)", advice: GitError.defaultAdvice(for: .corrupt))
            }
            if trees.count >= capacity { removeAll() }
            trees[id] = tree
            cached = tree
        }
        var copy: OpaquePointer?
        try check(git_object_dup(&copy, cached), "git_object_dup", subject: "cannot use tree \(id)")
        guard let copy else {
            throw GitError(code: -1, errorClass: 0, function: "git_object_dup", message: "no tree returned for \(id)",
                           advice: "retry; report this if it persists")
        }
        return copy
    }

    /// Releases every cached tree (their users keep their own references).
    func removeAll() {
        for tree in trees.values { git_tree_free(tree) }
        trees.removeAll(keepingCapacity: true)
    }
}
