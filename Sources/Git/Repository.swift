import CGit2
import Foundation

/// An open git repository (bare or with a working tree), read through libgit2.
///
/// Thread safety: `Repository` is `Sendable`. libgit2 does not allow one `git_repository` to be
/// used by two threads at once, so every call into libgit2 made through an instance happens while
/// holding the instance's lock (`withHandle`). Everything the methods return (`ObjectID`, `Commit`,
/// `Snapshot`, `Change`, byte arrays) is a value type that owns its data and may cross threads
/// freely. For parallel reading, open one `Repository` per task or thread.
public final class Repository: @unchecked Sendable {
    /// The `git_repository` this instance owns; only touched while `lock` is held.
    private let handle: OpaquePointer
    private let lock = NSLock()
    /// Parsed trees reused across calls; only touched while `lock` is held.
    private let trees = TreeCache()
    /// The path of the git directory (`…/.git/` or the bare repository itself), as libgit2 reports it.
    public let gitDirectory: String
    /// The working tree's path, or nil for a bare repository.
    public let workingDirectory: String?

    /// Takes ownership of `handle`; `deinit` frees it with `git_repository_free`.
    init(takingOwnershipOf handle: OpaquePointer) {
        self.handle = handle
        gitDirectory = git_repository_path(handle).map { String(cString: $0) } ?? ""
        workingDirectory = git_repository_workdir(handle).map { String(cString: $0) }
    }

    deinit {
        trees.removeAll()
        git_repository_free(handle)
    }

    /// Opens the repository at `path`: a working tree, its `.git` folder, or a bare repository.
    ///
    /// Parent folders are not searched: `path` must be the repository itself.
    public static func open(path: String) throws -> Repository {
        try Libgit2.ensureInitialized()
        var handle: OpaquePointer?
        try check(git_repository_open_ext(&handle, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil),
                  "git_repository_open_ext", subject: "cannot open a git repository at \(path)",
                  advice: "check that \(path) is a git repository (git init or git clone it first)")
        guard let handle else {
            throw GitError(code: -1, errorClass: 0, function: "git_repository_open_ext",
                           message: "no repository returned for \(path)", advice: "retry; report this if it persists")
        }
        return Repository(takingOwnershipOf: handle)
    }

    /// Whether the repository is bare (has no working tree).
    public var isBare: Bool { workingDirectory == nil }

    /// Whether the repository has no commits at all (HEAD points at an unborn branch and no refs exist).
    public var isEmpty: Bool {
        withHandle { Repository.hasNoCommits($0) }
    }

    /// A short human name for messages: the working tree or the git directory.
    var displayPath: String { workingDirectory ?? gitDirectory }

    /// The tree `id` as a new reference (release it with `git_tree_free`); the caller holds the lock.
    func lookupTree(_ repo: OpaquePointer, _ id: ObjectID) throws -> OpaquePointer {
        try trees.tree(id, in: repo, displayPath: displayPath)
    }

    /// Runs `body` with the `git_repository` handle while holding this instance's lock.
    ///
    /// The handle and every libgit2 object made from it must not escape `body`.
    func withHandle<T>(_ body: (OpaquePointer) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(handle)
    }
}
