import CGit2

/// The files of a commit's tree, or of one folder in it, read from git objects without a checkout.
///
/// A `Snapshot` is an immutable value listing every file below its root with its mode and blob id;
/// contents are read on demand from the repository (`contents(of:)`, `blob(_:)`, `forEachFile`).
/// It is `Sendable`: it holds the `Repository` (itself `Sendable`) and plain values.
public struct Snapshot: Sendable {
    /// One file (or symlink, or submodule) of a snapshot.
    public struct Entry: Hashable, Sendable {
        /// The path relative to the snapshot's root, with `/` separators (e.g. `functions/a/app.py`).
        public var path: String
        /// File, executable, symlink or submodule.
        public var mode: FileMode
        /// The blob id (for a submodule: the commit id it pins).
        public var id: ObjectID

        /// The last path component.
        public var name: Substring {
            guard let slash = path.lastIndex(of: "/") else { return Substring(path) }
            return path[path.index(after: slash)...]
        }
    }

    /// The repository the snapshot reads from.
    public let repository: Repository
    /// The commit the snapshot was taken at.
    public let commit: ObjectID
    /// The snapshot's root within the commit's tree ("" for the whole tree, else e.g. `deploy/prod`).
    public let root: String
    /// The tree id of the root.
    public let treeID: ObjectID
    /// Every non-folder entry below the root, sorted by path bytes (git's order).
    public let entries: [Entry]
    private let entryIndex: [String: Int]
    private let folderIDs: [String: ObjectID]

    init(repository: Repository, commit: ObjectID, root: String, treeID: ObjectID, entries: [Entry], folders: [String: ObjectID]) {
        self.repository = repository
        self.commit = commit
        self.root = root
        self.treeID = treeID
        self.entries = entries
        var index: [String: Int] = [:]
        index.reserveCapacity(entries.count)
        for (position, entry) in entries.enumerated() { index[entry.path] = position }
        entryIndex = index
        folderIDs = folders
    }

    /// The entry at `path` (relative to the root), or nil if there is no file there.
    public func entry(at path: String) -> Entry? {
        let key = (try? normalizedRepositoryPath(path)) ?? path
        return entryIndex[key].map { entries[$0] }
    }

    /// The tree id of the folder at `path` (relative to the root; "" is the root), or nil if there is no such folder.
    ///
    /// Equal folders have equal tree ids, so this is the identity of a folder's content.
    public func treeID(of folder: String) -> ObjectID? {
        guard let key = try? normalizedRepositoryPath(folder) else { return nil }
        return key.isEmpty ? treeID : folderIDs[key]
    }

    /// Every folder below the root (not the root itself) with its tree id.
    public var folders: [String: ObjectID] { folderIDs }

    /// The bytes of the file at `path` (relative to the root); for a symlink, its target text.
    ///
    /// - Throws: `GitError` `.notFound` if there is no file at `path` (a folder is not a file),
    ///   `.invalidInput` for a submodule, `.corrupt` if the blob cannot be read.
    public func contents(of path: String) throws -> [UInt8] {
        guard let entry = entry(at: path) else {
            let isFolder = treeID(of: path) != nil
            throw GitError(code: GIT_ENOTFOUND.rawValue, errorClass: 0, function: "Snapshot.contents",
                           message: "'\(path)' is \(isFolder ? "a folder, not a file" : "not a file") in \(describe)",
                           advice: isFolder ? "read the files below it (entries or forEachFile)" : "check the path (it is relative to the snapshot root)",
                           kind: .notFound)
        }
        return try contents(of: entry)
    }

    /// The bytes of `entry`'s blob.
    public func contents(of entry: Entry) throws -> [UInt8] {
        if entry.mode == .submodule {
            throw GitError(code: GIT_EINVALID.rawValue, errorClass: 0, function: "Snapshot.contents",
                           message: "'\(entry.path)' is a submodule in \(describe); its content is in another repository",
                           advice: "clone the submodule's repository to read it", kind: .invalidInput)
        }
        return try repository.blob(entry.id)
    }

    /// The bytes of the blob with id `id`.
    public func blob(_ id: ObjectID) throws -> [UInt8] {
        try repository.blob(id)
    }

    /// Calls `body` with each file (not submodules) accepted by `filter` and a borrowed view of its bytes,
    /// in path order. The bytes are valid only during the call; copy them to keep them.
    ///
    /// This is the fastest way to read many files: no copy of the contents is made.
    public func forEachFile(
        matching filter: (Entry) -> Bool = { _ in true },
        _ body: (Entry, UnsafeRawBufferPointer) throws -> Void
    ) throws {
        for entry in entries where entry.mode != .submodule && filter(entry) {
            try repository.withBlob(entry.id) { bytes in try body(entry, bytes) }
        }
    }

    /// "commit abc1234" or "deploy/ at commit abc1234", for messages.
    var describe: String {
        root.isEmpty ? "commit \(commit.short())" : "\(root)/ at commit \(commit.short())"
    }
}
