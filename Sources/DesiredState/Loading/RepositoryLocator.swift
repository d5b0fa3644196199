import Foundation
import Git

/// Opens the desired-state repository a user names: a local path is opened in place; a URL is
/// cloned (bare) into a cache folder once and fetched on every later use.
public enum RepositoryLocator {
    /// Whether `location` is a URL (`https://`, `ssh://`, `git://`, `file://`, or `user@host:path`) rather than a path.
    public static func isURL(_ location: String) -> Bool {
        if location.contains("://") { return true }
        guard let colon = location.firstIndex(of: ":"), let at = location.firstIndex(of: "@"), at < colon else { return false }
        return !location[..<colon].contains("/")
    }

    /// The opened repository, and whether it is a cached clone of a remote.
    ///
    /// - Parameter cacheDirectory: where clones of URLs are kept (e.g. `.plumb/repositories`).
    public static func open(_ location: String, cacheDirectory: String) throws -> (repository: Repository, isRemote: Bool) {
        guard isURL(location) else {
            do {
                return (try Repository.open(path: location), false)
            } catch let error as GitError {
                throw LoadError(.repository, "\(error.message). \(error.advice)")
            }
        }
        let folder = (cacheDirectory as NSString).appendingPathComponent(cacheName(for: location))
        do {
            if FileManager.default.fileExists(atPath: folder) {
                let repository = try Repository.open(path: folder)
                try repository.fetch(remote: "origin", refspecs: ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"])
                return (repository, true)
            }
            try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
            return (try Repository.clone(url: location, to: folder, bare: true), true)
        } catch let error as GitError {
            throw LoadError(.repository, "cannot fetch \(location): \(error.message). \(error.advice)")
        }
    }

    /// The commit `revision` names in a repository opened by `open`: for a remote, its
    /// remote-tracking branch (`origin/main`) comes first, so a fetch is always seen.
    public static func revision(_ revision: String, isRemote: Bool, in repository: Repository) -> String {
        guard isRemote else { return revision }
        let remoteName = revision == "HEAD" ? "origin/HEAD" : "origin/\(revision)"
        if (try? repository.resolve(remoteName)) != nil { return remoteName }
        return revision
    }

    /// A folder name for a URL: readable, unique, and safe.
    static func cacheName(for url: String) -> String {
        let readable = url.split(whereSeparator: { "/:@".contains($0) }).last.map(String.init) ?? "repository"
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in url.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let safe = readable.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        return "\(safe.isEmpty ? "repository" : safe)-\(String(hash, radix: 16))"
    }
}
