/// One file of a function's code folder.
public struct CodeFile: Sendable, Hashable {
    /// The path relative to the code folder (`app.py`, `lib/util.py`).
    public var path: String
    /// The contents.
    public var bytes: [UInt8]
    /// Whether the file is executable.
    public var executable: Bool
}

/// Reads function code from the source a desired state was loaded from (a commit or a folder),
/// so that later stages can package it without knowing about git.
public struct CodeReader: Sendable {
    let source: any FileSource

    /// Reads from `source`.
    public init(source: any FileSource) {
        self.source = source
    }

    /// Every regular file of the function's code folder, sorted by path. Symbolic links are not
    /// followed and are left out.
    public func files(of function: FunctionResource) throws -> [CodeFile] {
        try files(under: function.code.path)
    }

    /// Every regular file below `folder`, sorted by path.
    public func files(under folder: String) throws -> [CodeFile] {
        let prefix = folder.isEmpty ? "" : folder + "/"
        return try source.listFiles(under: folder).compactMap { file in
            guard file.kind == .file || file.kind == .executable else { return nil }
            return CodeFile(path: String(file.path.dropFirst(prefix.count)), bytes: try source.contents(of: file),
                            executable: file.kind == .executable)
        }
    }
}
