/// A failure that stops loading before validation can start: the repository, revision or folder
/// cannot be read at all.
public struct LoadError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    public enum Code: String, Sendable {
        /// The repository cannot be opened, cloned or fetched.
        case repository
        /// The repository has no commits.
        case emptyRepository
        /// The revision does not name a commit.
        case revision
        /// A file or folder that must exist does not.
        case missingFile
        /// The file system could not be read.
        case fileSystem
    }

    /// What failed.
    public var code: Code
    /// What happened, and what to do.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
