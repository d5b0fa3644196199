#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGit2

/// What a fetch transferred (from libgit2's `git_indexer_progress`).
public struct FetchStatistics: Hashable, Sendable {
    /// Objects the remote sent.
    public var receivedObjects: Int
    /// Objects that were already present locally.
    public var localObjects: Int
    /// Bytes received.
    public var receivedBytes: Int
}

extension Repository {
    /// Clones `url` into the new folder `path` and opens the clone.
    ///
    /// `url` may be a local path, `file://…`, `git://…`, `https://…` or `ssh://…` / `user@host:path`.
    /// For ssh, keys come from the running ssh-agent; for https, credentials may be embedded in the URL.
    /// Remote branches appear as `origin/<branch>` (resolve them with `resolve(_:)`).
    ///
    /// - Parameter bare: make a bare repository (no working tree, nothing checked out).
    public static func clone(url: String, to path: String, bare: Bool = false) throws -> Repository {
        try Libgit2.ensureInitialized()
        var options = git_clone_options()
        try check(git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)), "git_clone_options_init")
        options.bare = bare ? 1 : 0
        var attempts: Int32 = 0
        return try withUnsafeMutablePointer(to: &attempts) { counter in
            RemoteCallbacks.install(on: &options.fetch_opts.callbacks, attempts: counter)
            var handle: OpaquePointer?
            try check(git_clone(&handle, url, path, &options), "git_clone",
                      subject: "cannot clone \(url) into \(path)")
            guard let handle else {
                throw GitError(code: -1, errorClass: 0, function: "git_clone", message: "no repository returned for \(path)",
                               advice: "retry; report this if it persists")
            }
            return Repository(takingOwnershipOf: handle)
        }
    }

    /// Fetches from the configured remote `remote` (e.g. `origin`), updating its remote-tracking branches.
    ///
    /// - Parameters:
    ///   - refspecs: refspecs to fetch instead of the remote's configured ones (empty: the configured ones).
    ///   - prune: delete remote-tracking branches that no longer exist on the remote.
    /// - Note: the repository's lock is held for the whole transfer.
    @discardableResult
    public func fetch(remote: String = "origin", refspecs: [String] = [], prune: Bool = true) throws -> FetchStatistics {
        try withHandle { repo in
            var handle: OpaquePointer?
            try check(git_remote_lookup(&handle, repo, remote), "git_remote_lookup",
                      subject: "no remote named '\(remote)' in \(displayPath)",
                      advice: "add it (git remote add \(remote) URL) or fetch by URL")
            defer { git_remote_free(handle) }
            return try fetch(handle, name: remote, refspecs: refspecs, prune: prune)
        }
    }

    /// Fetches `refspecs` from `url` without configuring a remote, e.g.
    /// `["+refs/heads/main:refs/remotes/origin/main"]`.
    @discardableResult
    public func fetch(url: String, refspecs: [String], prune: Bool = false) throws -> FetchStatistics {
        try withHandle { repo in
            var handle: OpaquePointer?
            try check(git_remote_create_anonymous(&handle, repo, url), "git_remote_create_anonymous",
                      subject: "cannot use \(url) as a remote")
            defer { git_remote_free(handle) }
            return try fetch(handle, name: url, refspecs: refspecs, prune: prune)
        }
    }

    /// Runs `git_remote_fetch` on `remote`; the caller holds the lock.
    private func fetch(_ remote: OpaquePointer?, name: String, refspecs: [String], prune: Bool) throws -> FetchStatistics {
        var options = git_fetch_options()
        try check(git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION)), "git_fetch_options_init")
        options.prune = prune ? GIT_FETCH_PRUNE : GIT_FETCH_NO_PRUNE
        var attempts: Int32 = 0
        try withUnsafeMutablePointer(to: &attempts) { counter in
            RemoteCallbacks.install(on: &options.callbacks, attempts: counter)
            try withStringArray(refspecs) { array in
                try check(git_remote_fetch(remote, refspecs.isEmpty ? nil : array, &options, nil), "git_remote_fetch",
                          subject: "cannot fetch from \(name) into \(displayPath)")
            }
        }
        guard let stats = git_remote_stats(remote)?.pointee else {
            return FetchStatistics(receivedObjects: 0, localObjects: 0, receivedBytes: 0)
        }
        return FetchStatistics(receivedObjects: Int(stats.received_objects), localObjects: Int(stats.local_objects),
                               receivedBytes: Int(stats.received_bytes))
    }
}

/// Lends `strings` to `body` as a `git_strarray` (valid only during the call).
func withStringArray<T>(_ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws -> T) rethrows -> T {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { for pointer in pointers { free(pointer) } }
    return try pointers.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

/// The credential callback shared by clone and fetch.
enum RemoteCallbacks {
    /// Installs the credential callback; `attempts` (zeroed by the caller) must outlive the transfer.
    static func install(on callbacks: inout git_remote_callbacks, attempts: UnsafeMutablePointer<Int32>) {
        callbacks.payload = UnsafeMutableRawPointer(attempts)
        callbacks.credentials = { out, _, usernameFromURL, allowed, payload in
            guard let out, let payload else { return GIT_PASSTHROUGH.rawValue }
            let attempts = payload.assumingMemoryBound(to: Int32.self)
            attempts.pointee += 1
            // libgit2 asks again after a rejected credential: give up instead of looping.
            if attempts.pointee > 2 {
                git_error_set_str(Int32(GIT_ERROR_NET.rawValue), "the remote rejected the available credentials")
                return GIT_EAUTH.rawValue
            }
            // Without a user in the URL (ssh://host/path), log in as "git", as the common forges expect.
            if allowed & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
                return usernameFromURL.map { git_credential_username_new(out, $0) } ?? git_credential_username_new(out, "git")
            }
            if allowed & GIT_CREDENTIAL_SSH_KEY.rawValue != 0 {
                return usernameFromURL.map { git_credential_ssh_key_from_agent(out, $0) }
                    ?? git_credential_ssh_key_from_agent(out, "git")
            }
            return GIT_PASSTHROUGH.rawValue
        }
    }
}
