import CGit2

/// Walks a tree recursively, collecting every non-folder entry and every folder's id.
///
/// The caller holds the repository lock for the whole walk.
struct TreeCollector {
    let repository: Repository
    let handle: OpaquePointer
    var entries: [Snapshot.Entry] = []
    var folders: [String: ObjectID] = [:]

    init(repository: Repository, handle: OpaquePointer) {
        self.repository = repository
        self.handle = handle
    }

    /// Collects the tree `id`, prefixing paths with `prefix` ("" or ending in "/").
    mutating func collect(_ id: ObjectID, prefix: String) throws {
        let tree = try repository.lookupTree(handle, id)
        defer { git_tree_free(tree) }
        let count = git_tree_entrycount(tree)
        for index in 0..<count {
            guard let entry = git_tree_entry_byindex(tree, index), let name = git_tree_entry_name(entry) else { continue }
            let path = prefix + String(cString: name)
            let entryID = ObjectID(git_tree_entry_id(entry))
            let mode = git_tree_entry_filemode(entry)
            if mode == GIT_FILEMODE_TREE {
                folders[path] = entryID
                try collect(entryID, prefix: path + "/")
            } else if let fileMode = FileMode(mode) {
                entries.append(Snapshot.Entry(path: path, mode: fileMode, id: entryID))
            }
        }
    }
}
