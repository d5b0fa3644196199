import CGit2

/// The kind of a non-folder entry in a git tree.
public enum FileMode: UInt32, Sendable, Hashable, CustomStringConvertible {
    /// A regular file (mode 100644).
    case file = 0o100644
    /// A regular file with the executable bit (mode 100755).
    case executable = 0o100755
    /// A symbolic link (mode 120000); its blob holds the link target, which is never followed.
    case symlink = 0o120000
    /// A submodule (mode 160000); its id is a commit in another repository, not a blob.
    case submodule = 0o160000

    /// The octal mode as git prints it, e.g. `100755`.
    public var description: String { String(rawValue, radix: 8) }

    /// Maps a libgit2 file mode; nil for a folder (tree) or an unknown mode.
    init?(_ mode: git_filemode_t) {
        switch mode {
        case GIT_FILEMODE_BLOB: self = .file
        case GIT_FILEMODE_BLOB_EXECUTABLE: self = .executable
        case GIT_FILEMODE_LINK: self = .symlink
        case GIT_FILEMODE_COMMIT: self = .submodule
        default: return nil
        }
    }
}

/// Turns a user-supplied repository path into git's form: no leading `./` or `/`, no trailing
/// `/`, no empty or `.` components; "" means the root. `..` is rejected.
func normalizedRepositoryPath(_ path: String) throws -> String {
    var parts: [Substring] = []
    for component in path.split(separator: "/", omittingEmptySubsequences: true) {
        if component == "." { continue }
        if component == ".." {
            throw GitError(code: GIT_EINVALID.rawValue, errorClass: 0, function: "normalizedRepositoryPath",
                           message: "path '\(path)' leaves the repository ('..' is not allowed)",
                           advice: "give a path relative to the repository root, without '..'", kind: .invalidInput)
        }
        parts.append(component)
    }
    return parts.joined(separator: "/")
}
