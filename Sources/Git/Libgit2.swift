import CGit2
import Dispatch

/// One-time process-wide initialization of libgit2.
///
/// A global `let` is initialized lazily and exactly once, even when first touched from several
/// threads at the same time, so every entry point of this module calls `Libgit2.ensureInitialized()`
/// before its first libgit2 call. libgit2 is never shut down: its global state lives as long as
/// the process.
///
/// Objects read from the object database are not hashed again to check their id (libgit2's
/// "strict hash verification", on by default): that hash is most of the cost of reading a
/// commit's blobs (about 50 of 90 ms for 12,000 files). What it guarded against stays covered:
/// a damaged object fails zlib's checksum when inflated, and objects arriving by fetch are
/// hashed when their pack is indexed. Only an object rewritten on the local disk by someone
/// with write access to the repository would go unnoticed, and such a person could as well
/// change the refs.
enum Libgit2 {
    private static let initialization: Int32 = {
        let result = git_libgit2_init()
        if result >= 0 { _ = plumb_git_set_strict_hash_verification(0) }
        return result
    }()

    /// Initializes libgit2 if this has not happened yet; throws if libgit2 failed to start.
    static func ensureInitialized() throws {
        if initialization < 0 {
            throw GitError(
                code: initialization, errorClass: 0, function: "git_libgit2_init",
                message: "libgit2 failed to initialize",
                advice: "check that the system libgit2 (libgit2-dev) is installed and working")
        }
    }
}

/// The libgit2 library as a whole.
public enum GitLibrary {
    /// Starts libgit2 on another thread (it reads the system's certificate store, a few
    /// milliseconds), so that a process can do other work meanwhile; the first use of a
    /// repository waits for it to be ready.
    public static func initializeInBackground() {
        DispatchQueue.global().async { _ = try? Libgit2.ensureInitialized() }
    }
}
