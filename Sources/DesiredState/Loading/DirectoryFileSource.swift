#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Git

/// Desired-state files read from a folder on disk (a working tree), to validate before committing.
///
/// Gives the same answers as `SnapshotFileSource` would for a commit of the same content: `.git`
/// is skipped, symbolic links are never followed, folders without files do not exist, and a
/// folder's identity is the tree id git would give it.
public struct DirectoryFileSource: FileSource {
    /// The folder read (absolute or relative to the current directory), without a trailing `/`.
    public let root: String

    /// Reads from the folder `root`.
    public init(root: String) {
        var root = root
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.root = root
    }

    /// "working tree PATH".
    public var displayName: String { "working tree \(root)" }

    private func absolute(_ path: String) -> String {
        path.isEmpty ? root : "\(root)/\(path)"
    }

    /// Every file below the root, sorted by path bytes.
    public func listFiles() throws -> [SourceFile] {
        var files: [SourceFile] = []
        try walk("", into: &files)
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return files
    }

    /// Every file below `folder`, walking only that folder.
    public func listFiles(under folder: String) throws -> [SourceFile] {
        guard case .folder = try status(of: folder) else { return [] }
        var files: [SourceFile] = []
        try walk(folder, into: &files)
        files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return files
    }

    private func walk(_ folder: String, into files: inout [SourceFile]) throws {
        let full = absolute(folder)
        guard let directory = opendir(full) else { throw Self.osError("open the folder", full) }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw -> String in
                let bytes = raw.bindMemory(to: UInt8.self)
                return String(decoding: bytes[0..<(bytes.firstIndex(of: 0) ?? bytes.count)], as: UTF8.self)
            }
            if name == "." || name == ".." || name == ".git" { continue }
            let path = folder.isEmpty ? name : "\(folder)/\(name)"
            var info = stat()
            guard lstat(absolute(path), &info) == 0 else { throw Self.osError("read", absolute(path)) }
            switch info.st_mode & S_IFMT {
            case S_IFDIR: try walk(path, into: &files)
            case S_IFREG: files.append(SourceFile(path: path, kind: info.st_mode & S_IXUSR != 0 ? .executable : .file, knownID: nil))
            case S_IFLNK: files.append(SourceFile(path: path, kind: .symlink, knownID: nil))
            default: continue
            }
        }
    }

    /// Reads the file and lends its bytes.
    public func withContents<T>(of file: SourceFile, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let bytes = try Self.readFile(absolute(file.path))
        return try bytes.withUnsafeBytes(body)
    }

    /// What is at `path`, checking every component with `lstat`.
    public func status(of path: String) throws -> PathStatus {
        var prefix = ""
        var info = stat()
        for component in path.split(separator: "/") {
            prefix = prefix.isEmpty ? String(component) : "\(prefix)/\(component)"
            guard lstat(absolute(prefix), &info) == 0 else { return .missing }
            switch info.st_mode & S_IFMT {
            case S_IFLNK: return .symlink
            case S_IFDIR: continue
            case S_IFREG: return prefix == path ? .file : .missing
            default: return .missing
            }
        }
        let id = try DirectoryTreeHasher().treeID(ofDirectory: absolute(path))
        return id == ObjectID.emptyTree ? .missing : .folder(id)
    }

    /// The whole contents of a regular file.
    static func readFile(_ path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw osError("open", path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw osError("read", path) }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress.map { $0 + filled }, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw osError("read", path)
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }

    static func osError(_ action: String, _ path: String) -> LoadError {
        LoadError(.fileSystem, "cannot \(action) \(path): \(String(cString: strerror(errno)))")
    }
}
