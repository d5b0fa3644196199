import Git

/// The files of a commit, looked up in its tree only when asked for: single files and folders
/// by path, a folder's files when it is listed. Nothing is walked in advance, which suits loads
/// that read a few files of a large tree (`DesiredStateLoader.loadChanges`); it answers like
/// `SnapshotFileSource` for the same commit.
struct LazyCommitFileSource: FileSource {
    let repository: Repository
    let commit: ObjectID
    /// The sub-path of the repository the desired state is read from ("" for the root).
    let root: String

    /// "commit abc1234" (with the sub-path when there is one).
    var displayName: String {
        root.isEmpty ? "commit \(commit.short())" : "\(root)/ at commit \(commit.short())"
    }

    func listFiles() throws -> [SourceFile] {
        try listFiles(under: "")
    }

    func listFiles(under folder: String) throws -> [SourceFile] {
        guard case .folder = try status(of: folder) else { return [] }
        let full = root.isEmpty ? folder : folder.isEmpty ? root : "\(root)/\(folder)"
        let prefix = folder.isEmpty ? "" : folder + "/"
        return try repository.snapshot(of: commit, path: full).entries.map { SourceFile(path: prefix + $0.path, mode: $0.mode, id: $0.id) }
    }

    func withContents<T>(of file: SourceFile, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        guard let id = try file.knownID ?? repository.files(at: [file.path], of: commit, under: root)[file.path]?.id else {
            throw LoadError(.missingFile, "'\(file.path)' does not exist in \(displayName)")
        }
        return try repository.withBlob(id, body)
    }

    func status(of path: String) throws -> PathStatus {
        // A symlink at any component (the path itself included) hides what is below it.
        var prefixes: [String] = []
        var prefix = ""
        for component in path.split(separator: "/") where component != "." {
            prefix = prefix.isEmpty ? String(component) : "\(prefix)/\(component)"
            prefixes.append(prefix)
        }
        let files = try repository.files(at: prefixes, of: commit, under: root)
        for candidate in prefixes.dropLast() where files[candidate]?.mode == .symlink { return .symlink }
        if let entry = prefixes.last.flatMap({ files[$0] }) {
            switch entry.mode {
            case .file, .executable: return .file
            case .symlink: return .symlink
            case .submodule: return .missing
            }
        }
        guard let id = try? repository.folderID(at: path, of: commit, under: root) else { return .missing }
        return .folder(id)
    }
}
