#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGit2

/// Computes the git tree id of a plain folder on disk, in memory, without a repository.
///
/// The result equals the id git gives the same content once it is added and committed, so the
/// identity of a folder in a working copy and in a commit can be compared directly:
/// - regular files are blobs with mode 100644, or 100755 when the owner may execute them;
/// - symbolic links are blobs of their target text with mode 120000 (never followed);
/// - folders are trees (mode 40000); folders with no files anywhere below them are left out, as git leaves them out;
/// - entries named `.git` are skipped; other file types (sockets, fifos, devices) are skipped, as git cannot store them.
///
/// Names are used as raw bytes (no Unicode normalization), as git stores them. Ignore rules
/// (`.gitignore`) are not applied: every file counts. Objects are hashed with libgit2
/// (`git_odb_hash`). A stateless value, `Sendable`.
public struct DirectoryTreeHasher: Sendable {
    /// Creates a hasher.
    public init() {}

    /// The git tree id of the folder at `path` (the empty tree's id when it holds no files).
    ///
    /// - Throws: `GitError` of kind `.fileSystem` naming the path that could not be read.
    public func treeID(ofDirectory path: String) throws -> ObjectID {
        try Libgit2.ensureInitialized()
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DirectoryTreeHasher.osError("open", path) }
        return try hashDirectory(descriptor, path: path) ?? ObjectID.emptyTree
    }

    /// The git blob id of `bytes` (what `git hash-object` prints for a file with these contents).
    public static func blobID(of bytes: [UInt8]) throws -> ObjectID {
        try Libgit2.ensureInitialized()
        return try TreeEncoder.hash(bytes, type: GIT_OBJECT_BLOB, subject: "a blob of \(bytes.count) bytes")
    }

    /// Hashes the folder open as `descriptor` (which this call closes); nil when nothing below it can be committed.
    private func hashDirectory(_ descriptor: Int32, path: String) throws -> ObjectID? {
        guard let directory = fdopendir(descriptor) else {
            let error = DirectoryTreeHasher.osError("fdopendir", path)
            close(descriptor)
            throw error
        }
        defer { closedir(directory) }
        var encoder = TreeEncoder()
        for name in try DirectoryTreeHasher.names(in: directory, path: path) {
            let childPath = DirectoryTreeHasher.join(path, name)
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { throw DirectoryTreeHasher.osError("fstatat", childPath) }
            let item = name.dropLast().map { UInt8(bitPattern: $0) }  // without the terminating NUL
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                let id = try DirectoryTreeHasher.hashFile(in: descriptor, name, path: childPath)
                encoder.items.append(.init(name: item, mode: info.st_mode & S_IXUSR != 0 ? 0o100755 : 0o100644, id: id))
            case S_IFLNK:
                let target = try DirectoryTreeHasher.linkTarget(in: descriptor, name, path: childPath)
                let id = try TreeEncoder.hash(target, type: GIT_OBJECT_BLOB, subject: "the symlink \(childPath)")
                encoder.items.append(.init(name: item, mode: 0o120000, id: id))
            case S_IFDIR:
                let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                guard child >= 0 else { throw DirectoryTreeHasher.osError("openat", childPath) }
                if let id = try hashDirectory(child, path: childPath) {
                    encoder.items.append(.init(name: item, mode: 0o040000, id: id))
                }
            default:
                continue
            }
        }
        return encoder.items.isEmpty ? nil : try encoder.hash()
    }
}
