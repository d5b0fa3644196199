import Git

/// One file of a desired-state source, as listed (contents are read on demand).
public struct SourceFile: Sendable, Hashable {
    /// Path relative to the source's root, `/`-separated.
    public var path: String
    /// What the entry is.
    public var kind: Kind
    /// The git blob id when the source knows it without reading the file (a commit), else nil.
    public var knownID: ObjectID?

    /// The kinds of entries.
    public enum Kind: Sendable, Hashable {
        /// A regular file.
        case file
        /// An executable regular file.
        case executable
        /// A symbolic link (never followed).
        case symlink
        /// Something else (a submodule, a device): never read.
        case other
    }

    /// Creates an entry.
    public init(path: String, kind: Kind, knownID: ObjectID?) {
        self.path = path
        self.kind = kind
        self.knownID = knownID
    }

    /// An entry of a commit's tree with git mode `mode` and blob `id` (a submodule is `.other`,
    /// with no id: it is never read).
    public init(path: String, mode: FileMode, id: ObjectID) {
        let kind: Kind
        switch mode {
        case .file: kind = .file
        case .executable: kind = .executable
        case .symlink: kind = .symlink
        case .submodule: kind = .other
        }
        self.init(path: path, kind: kind, knownID: mode == .submodule ? nil : id)
    }
}

/// What is found at a path of a source.
public enum PathStatus: Sendable, Hashable {
    /// A folder, with the git tree id of its contents.
    case folder(ObjectID)
    /// A regular file.
    case file
    /// A symbolic link (plumb never follows them).
    case symlink
    /// Nothing (or something plumb cannot use, such as a submodule).
    case missing
}

/// Where desired-state files come from: the tree of a commit, or a folder on disk.
///
/// Both implementations give the same answers for the same content, which is what makes
/// validating a working tree before committing meaningful.
public protocol FileSource: Sendable {
    /// "commit abc1234" or "working tree /path", for messages.
    var displayName: String { get }
    /// Every file below the root, sorted by path.
    func listFiles() throws -> [SourceFile]
    /// Every file below `folder` (relative to the root; paths stay relative to the root), sorted by path.
    func listFiles(under folder: String) throws -> [SourceFile]
    /// Lends the bytes of `file` to `body`; they are valid only during the call.
    func withContents<T>(of file: SourceFile, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T
    /// What is at `path` (relative to the root), without following symbolic links at any component.
    func status(of path: String) throws -> PathStatus
}

extension FileSource {
    /// Every file below `folder`, from the whole listing.
    public func listFiles(under folder: String) throws -> [SourceFile] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return try listFiles().filter { $0.path.hasPrefix(prefix) }
    }

    /// A copy of the bytes of `file`.
    public func contents(of file: SourceFile) throws -> [UInt8] {
        try withContents(of: file) { Array($0) }
    }

    /// The git blob id of a file: the known one, or one computed from its bytes.
    func blobID(of file: SourceFile, bytes: UnsafeRawBufferPointer) throws -> ObjectID {
        if let known = file.knownID { return known }
        return try DirectoryTreeHasher.blobID(of: Array(bytes))
    }
}
