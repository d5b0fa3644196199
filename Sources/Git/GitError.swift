import CGit2

/// An error reported by libgit2 (or by the file system while hashing a directory).
///
/// Every failing libgit2 call in this module goes through one funnel (`check`), which records the
/// libgit2 return code, the error class and message from `git_error_last()` (kept per thread by
/// libgit2, so it is read on the thread that made the call) and the name of the failing C function.
public struct GitError: Error, CustomStringConvertible, Sendable {
    /// A coarse classification callers can act on (retry, report, stop).
    public enum Kind: String, Sendable {
        /// A reference, object, path or remote does not exist.
        case notFound
        /// A short commit id or name matches more than one object.
        case ambiguous
        /// The repository has no commits yet.
        case emptyRepository
        /// An object in the repository cannot be read back intact.
        case corrupt
        /// The spec names something that is not a commit (a tree or a blob).
        case notACommit
        /// The input (a spec, a path, a URL) is malformed.
        case invalidInput
        /// The remote refused the credentials, or none were available.
        case authentication
        /// The network or the remote failed; retrying later may succeed.
        case network
        /// Reading or writing the local file system failed.
        case fileSystem
        /// Anything else.
        case other
    }

    /// libgit2's return code (a negative `GIT_E…` value), or -1 for a generic failure.
    public var code: Int32
    /// libgit2's error class (`git_error_t`, e.g. 9 for `GIT_ERROR_ODB`), or 0 when none was set.
    public var errorClass: Int32
    /// The C function that failed, e.g. `git_revparse_single`.
    public var function: String
    /// What went wrong, from libgit2 (or the operating system) plus the subject it concerned.
    public var message: String
    /// What the user can do about it.
    public var advice: String
    /// The classification of this error.
    public var kind: Kind

    /// Creates an error; `kind` is derived from `code`, `errorClass` and `message` when omitted.
    public init(code: Int32, errorClass: Int32, function: String, message: String, advice: String, kind: Kind? = nil) {
        self.code = code
        self.errorClass = errorClass
        self.function = function
        self.message = message
        self.advice = advice
        self.kind = kind ?? GitError.classify(code: code, errorClass: errorClass, message: message)
    }

    /// The name of `errorClass`, e.g. `odb`, `zlib`, `net`.
    public var errorClassName: String {
        let names = ["none", "nomemory", "os", "invalid", "reference", "zlib", "repository", "config",
                     "regex", "odb", "index", "object", "net", "tag", "tree", "indexer", "ssl",
                     "submodule", "thread", "stash", "checkout", "fetchhead", "merge", "ssh", "filter",
                     "revert", "callback", "cherrypick", "describe", "rebase", "filesystem", "patch",
                     "worktree", "sha", "http", "internal"]
        return names.indices.contains(Int(errorClass)) ? names[Int(errorClass)] : "class \(errorClass)"
    }

    /// `message (function, code N, class C). advice`
    public var description: String {
        var text = "\(message) (\(function) returned \(code), \(errorClassName) error)"
        if !advice.isEmpty { text += ". \(advice)" }
        return text
    }

    /// Builds an error from libgit2's last error for `code` returned by `function`.
    static func last(_ code: Int32, _ function: String, subject: String, advice: String?, kind: Kind? = nil) -> GitError {
        var detail = "unknown libgit2 error"
        var errorClass: Int32 = 0
        if let last = git_error_last() {
            errorClass = last.pointee.klass
            if let text = last.pointee.message { detail = String(cString: text) }
        }
        let resolvedKind = kind ?? classify(code: code, errorClass: errorClass, message: detail)
        let message = subject.isEmpty ? detail : "\(subject): \(detail)"
        return GitError(code: code, errorClass: errorClass, function: function, message: message,
                        advice: advice ?? defaultAdvice(for: resolvedKind), kind: resolvedKind)
    }

    static func classify(code: Int32, errorClass: Int32, message: String) -> Kind {
        switch code {
        case GIT_ENOTFOUND.rawValue: return .notFound
        case GIT_EAMBIGUOUS.rawValue: return .ambiguous
        case GIT_EUNBORNBRANCH.rawValue: return .emptyRepository
        case GIT_EMISMATCH.rawValue: return .corrupt
        case GIT_EPEEL.rawValue: return .notACommit
        case GIT_EINVALIDSPEC.rawValue, GIT_EINVALID.rawValue: return .invalidInput
        case GIT_EAUTH.rawValue: return .authentication
        case GIT_ECERTIFICATE.rawValue, GIT_EEOF.rawValue: return .network
        default: break
        }
        switch UInt32(bitPattern: errorClass) {
        case GIT_ERROR_ZLIB.rawValue, GIT_ERROR_OBJECT.rawValue, GIT_ERROR_SHA.rawValue, GIT_ERROR_TREE.rawValue: return .corrupt
        case GIT_ERROR_ODB.rawValue:
            // Generic object-database failures are unreadable objects ("failed to inflate loose
            // object", "invalid object header"), except when the database folder itself is missing.
            return message.contains("failed to load object database") ? .fileSystem : .corrupt
        case GIT_ERROR_NET.rawValue, GIT_ERROR_HTTP.rawValue, GIT_ERROR_SSL.rawValue, GIT_ERROR_SSH.rawValue: return .network
        case GIT_ERROR_OS.rawValue:
            // Socket failures ("failed to connect to HOST: Connection refused") are reported as OS errors.
            let networkWords = ["connect", "resolve address", "socket", "timed out"]
            return networkWords.contains(where: message.contains) ? .network : .fileSystem
        case GIT_ERROR_FILESYSTEM.rawValue: return .fileSystem
        default: return .other
        }
    }

    static func defaultAdvice(for kind: Kind) -> String {
        switch kind {
        case .notFound: return "check the name, id or path (and fetch first if it only exists on the remote)"
        case .ambiguous: return "give more characters of the commit id, or a full ref name such as refs/heads/NAME"
        case .emptyRepository: return "the repository has no commits yet: commit (or push) something first"
        case .corrupt: return "the repository is damaged: run `git fsck` on it, or clone it again"
        case .notACommit: return "name a commit, a branch or a tag that points at a commit"
        case .invalidInput: return "check the spelling of the revision, path or URL"
        case .authentication: return "check the credentials (ssh-agent for ssh, a token in the URL for https)"
        case .network: return "check the URL and the network, then retry"
        case .fileSystem: return "check that the path exists and is readable"
        case .other: return "see the libgit2 message above"
        }
    }
}

/// The error funnel: throws a `GitError` built from libgit2's last error when `code` is negative.
///
/// - Parameters:
///   - code: the return value of a libgit2 call.
///   - function: the name of that call, e.g. `"git_tree_lookup"`.
///   - subject: what the call was about (a path, a spec, an id), prefixed to libgit2's message.
///   - advice: what to do; a default per error kind is used when nil.
@inline(__always)
func check(_ code: Int32, _ function: String, subject: @autoclosure () -> String = "", advice: @autoclosure () -> String? = nil) throws {
    if code < 0 {
        throw GitError.last(code, function, subject: subject(), advice: advice())
    }
}
