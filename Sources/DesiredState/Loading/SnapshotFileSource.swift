import Git

/// Desired-state files read from a commit's tree (no checkout).
public struct SnapshotFileSource: FileSource {
    /// The snapshot read.
    public let snapshot: Snapshot
    /// Reads the blobs, several at once (loads parse files on every processor).
    private let blobs: BlobReader

    /// Reads from `snapshot`.
    public init(snapshot: Snapshot) {
        self.snapshot = snapshot
        blobs = BlobReader(snapshot.repository)
    }

    /// "commit abc1234" (with the sub-path when there is one).
    public var displayName: String {
        snapshot.root.isEmpty ? "commit \(snapshot.commit.short())" : "\(snapshot.root)/ at commit \(snapshot.commit.short())"
    }

    /// Every entry of the snapshot.
    public func listFiles() throws -> [SourceFile] {
        snapshot.entries.map { SourceFile(path: $0.path, mode: $0.mode, id: $0.id) }
    }

    /// Lends the blob's bytes.
    public func withContents<T>(of file: SourceFile, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        guard let id = file.knownID ?? snapshot.entry(at: file.path)?.id else {
            throw LoadError(.missingFile, "'\(file.path)' does not exist in \(displayName)")
        }
        return try blobs.withBlob(id, body)
    }

    /// A folder's tree id, or what else is at the path.
    public func status(of path: String) throws -> PathStatus {
        if let id = snapshot.treeID(of: path) { return .folder(id) }
        if let entry = snapshot.entry(at: path) {
            switch entry.mode {
            case .file, .executable: return .file
            case .symlink: return .symlink
            case .submodule: return .missing
            }
        }
        // A symlink at an outer component hides everything below it.
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix = prefix.isEmpty ? String(component) : "\(prefix)/\(component)"
            if snapshot.entry(at: prefix)?.mode == .symlink { return .symlink }
        }
        return .missing
    }
}
