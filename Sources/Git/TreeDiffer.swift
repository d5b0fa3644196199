#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGit2

/// Compares two trees entry by entry, descending only into subtrees whose ids differ.
///
/// The caller holds the repository lock for the whole comparison.
struct TreeDiffer {
    let repository: Repository
    let handle: OpaquePointer
    var changes: [Change] = []

    init(repository: Repository, handle: OpaquePointer) {
        self.repository = repository
        self.handle = handle
    }

    /// Appends the changes between trees `old` and `new` (nil means an empty tree) below `prefix`.
    mutating func compare(_ old: ObjectID?, _ new: ObjectID?, prefix: String) throws {
        if old == new { return }
        let oldTree = try old.map(lookup)
        defer { if let oldTree { git_tree_free(oldTree) } }
        let newTree = try new.map(lookup)
        defer { if let newTree { git_tree_free(newTree) } }
        let oldCount = oldTree.map(git_tree_entrycount) ?? 0
        let newCount = newTree.map(git_tree_entrycount) ?? 0
        var oldIndex = 0
        var newIndex = 0
        while oldIndex < oldCount || newIndex < newCount {
            let oldEntry = oldIndex < oldCount ? oldTree.flatMap { git_tree_entry_byindex($0, oldIndex) } : nil
            let newEntry = newIndex < newCount ? newTree.flatMap { git_tree_entry_byindex($0, newIndex) } : nil
            let order: Int
            switch (oldEntry, newEntry) {
            case let (oldEntry?, newEntry?): order = TreeDiffer.order(oldEntry, newEntry)
            case (_?, nil): order = -1
            case (nil, _?): order = 1
            case (nil, nil): return
            }
            if order < 0, let oldEntry {
                try removed(oldEntry, prefix: prefix)
                oldIndex += 1
            } else if order > 0, let newEntry {
                try added(newEntry, prefix: prefix)
                newIndex += 1
            } else if let oldEntry, let newEntry {
                try changed(oldEntry, newEntry, prefix: prefix)
                oldIndex += 1
                newIndex += 1
            }
        }
    }

    /// Both sides have an entry with this name and the same "is a folder" status.
    private mutating func changed(_ old: OpaquePointer, _ new: OpaquePointer, prefix: String) throws {
        let oldID = ObjectID(git_tree_entry_id(old))
        let newID = ObjectID(git_tree_entry_id(new))
        let oldMode = git_tree_entry_filemode(old)
        let newMode = git_tree_entry_filemode(new)
        if oldID == newID && oldMode == newMode { return }
        let path = prefix + TreeDiffer.name(old)
        if oldMode == GIT_FILEMODE_TREE {
            try compare(oldID, newID, prefix: path + "/")
            return
        }
        guard let before = FileMode(oldMode), let after = FileMode(newMode) else { return }
        let sameKind = before == after || (before != .symlink && before != .submodule && after != .symlink && after != .submodule)
        changes.append(Change(kind: sameKind ? .modified : .typeChanged, path: path,
                              oldID: oldID, newID: newID, oldMode: before, newMode: after))
    }

    private mutating func removed(_ entry: OpaquePointer, prefix: String) throws {
        let path = prefix + TreeDiffer.name(entry)
        let id = ObjectID(git_tree_entry_id(entry))
        let mode = git_tree_entry_filemode(entry)
        if mode == GIT_FILEMODE_TREE {
            try compare(id, nil, prefix: path + "/")
        } else if let fileMode = FileMode(mode) {
            changes.append(Change(kind: .deleted, path: path, oldID: id, newID: nil, oldMode: fileMode, newMode: nil))
        }
    }

    private mutating func added(_ entry: OpaquePointer, prefix: String) throws {
        let path = prefix + TreeDiffer.name(entry)
        let id = ObjectID(git_tree_entry_id(entry))
        let mode = git_tree_entry_filemode(entry)
        if mode == GIT_FILEMODE_TREE {
            try compare(nil, id, prefix: path + "/")
        } else if let fileMode = FileMode(mode) {
            changes.append(Change(kind: .added, path: path, oldID: nil, newID: id, oldMode: nil, newMode: fileMode))
        }
    }

    private func lookup(_ id: ObjectID) throws -> OpaquePointer {
        try repository.lookupTree(handle, id)
    }

    private static func name(_ entry: OpaquePointer) -> String {
        git_tree_entry_name(entry).map { String(cString: $0) } ?? ""
    }

    /// git's tree order between two entries (a folder's name compares as if followed by `/`).
    private static func order(_ left: OpaquePointer, _ right: OpaquePointer) -> Int {
        guard let leftName = git_tree_entry_name(left), let rightName = git_tree_entry_name(right) else { return 0 }
        let leftBytes = UnsafeBufferPointer(start: UnsafeRawPointer(leftName).assumingMemoryBound(to: UInt8.self), count: strlen(leftName))
        let rightBytes = UnsafeBufferPointer(start: UnsafeRawPointer(rightName).assumingMemoryBound(to: UInt8.self), count: strlen(rightName))
        return TreeEncoder.compareNames(leftBytes, git_tree_entry_filemode(left) == GIT_FILEMODE_TREE,
                                        rightBytes, git_tree_entry_filemode(right) == GIT_FILEMODE_TREE)
    }
}
