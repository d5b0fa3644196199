import Foundation
import Git

/// Desired-state files of a commit, described by an index of its files that was derived from an
/// earlier commit's index and the list of paths that changed in between (so no full tree walk).
///
/// Folder ids are carried over for folders the changes did not touch and looked up in the
/// repository, once, for the others.
struct CommitFileSource: FileSource {
    let repository: Repository
    let commit: ObjectID
    /// The sub-path of the repository the desired state is read from ("" for the root).
    let root: String
    /// Every file below the root, by path.
    let files: [String: SourceFile]
    private let folders: FolderIDs

    init(repository: Repository, commit: ObjectID, root: String, files: [String: SourceFile], knownFolders: [String: ObjectID]) {
        self.repository = repository
        self.commit = commit
        self.root = root
        self.files = files
        folders = FolderIDs(knownFolders)
    }

    /// "commit abc1234" (with the sub-path when there is one).
    var displayName: String {
        root.isEmpty ? "commit \(commit.short())" : "\(root)/ at commit \(commit.short())"
    }

    /// The folder ids known so far.
    var knownFolders: [String: ObjectID] { folders.all }

    func listFiles() throws -> [SourceFile] {
        files.values.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    func listFiles(under folder: String) throws -> [SourceFile] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return files.values.filter { $0.path.hasPrefix(prefix) }.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    func withContents<T>(of file: SourceFile, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        guard let id = file.knownID ?? files[file.path]?.knownID else {
            throw LoadError(.missingFile, "'\(file.path)' does not exist in \(displayName)")
        }
        return try repository.withBlob(id, body)
    }

    func status(of path: String) throws -> PathStatus {
        if let file = files[path] {
            switch file.kind {
            case .file, .executable: return .file
            case .symlink: return .symlink
            case .other: return .missing
            }
        }
        if let id = folders[path] { return .folder(id) }
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix = prefix.isEmpty ? String(component) : "\(prefix)/\(component)"
            if files[prefix]?.kind == .symlink { return .symlink }
        }
        let full = root.isEmpty ? path : "\(root)/\(path)"
        guard let id = try? repository.snapshot(of: commit, path: full).treeID else { return .missing }
        folders[path] = id
        return .folder(id)
    }
}

/// Folder tree ids, filled in as they are looked up; shared by copies of a source.
private final class FolderIDs: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String: ObjectID]

    init(_ ids: [String: ObjectID]) {
        self.ids = ids
    }

    subscript(path: String) -> ObjectID? {
        get { lock.withLock { ids[path] } }
        set { lock.withLock { ids[path] = newValue } }
    }

    var all: [String: ObjectID] { lock.withLock { ids } }
}
