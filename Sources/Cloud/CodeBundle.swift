import Foundation

/// A function's code, passed whole like Lambda's `ZipFile`: an identity plus the files.
///
/// `id` is the git tree id of the code folder the function is deployed from, so equal ids mean
/// equal code; providers may store bundles by id and skip ones they already hold.
public struct CodeBundle: Sendable, Hashable {
    /// The code's identity: the git tree id of the folder it came from.
    public var id: String
    /// The files, by path relative to the code root (`app.py`, `lib/util.py`).
    public var files: [String: CodeFile]

    /// Creates a bundle from an id and files.
    public init(id: String, files: [String: CodeFile]) {
        self.id = id
        self.files = files
    }

    /// Total size of all files in bytes (Lambda's "unzipped size").
    public var unzippedSize: Int { files.values.reduce(0) { $0 + $1.bytes.count } }

    /// The paths in byte order, the order providers hash and write files in.
    public var sortedPaths: [String] { files.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } }
}

/// One file of a code bundle.
public struct CodeFile: Sendable, Hashable {
    /// The file contents.
    public var bytes: Data
    /// Whether the file is executable (git mode 100755).
    public var isExecutable: Bool

    /// Creates a file from its bytes.
    public init(bytes: Data, isExecutable: Bool = false) {
        self.bytes = bytes
        self.isExecutable = isExecutable
    }

    /// Creates a file from UTF-8 text.
    public init(text: String, isExecutable: Bool = false) {
        self.init(bytes: Data(text.utf8), isExecutable: isExecutable)
    }
}
