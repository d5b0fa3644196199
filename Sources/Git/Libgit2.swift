import CGit2

/// One-time process-wide initialization of libgit2.
///
/// A global `let` is initialized lazily and exactly once, even when first touched from several
/// threads at the same time, so every entry point of this module calls `Libgit2.ensureInitialized()`
/// before its first libgit2 call. libgit2 is never shut down: its global state lives as long as
/// the process.
enum Libgit2 {
    private static let initialization: Int32 = git_libgit2_init()

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
