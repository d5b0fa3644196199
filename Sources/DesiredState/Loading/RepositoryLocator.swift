import Foundation
import Git

/// Opens the desired-state repository a user names: a local path is opened in place; a URL is
/// cloned (bare) into a cache folder once and fetched on every later use, its branches and tags
/// mirrored under their own names (a force push replaces a branch; a deleted branch goes), so a
/// revision names the same commit as on the remote.
public enum RepositoryLocator {
    /// Whether `location` is a URL (`https://`, `ssh://`, `git://`, `file://`, or `user@host:path`) rather than a path.
    public static func isURL(_ location: String) -> Bool {
        if location.contains("://") { return true }
        guard let colon = location.firstIndex(of: ":"), let at = location.firstIndex(of: "@"), at < colon else { return false }
        return !location[..<colon].contains("/")
    }

    /// The opened repository, and whether it is a cached clone of a remote.
    ///
    /// - Parameter cacheDirectory: where clones of URLs are kept (`<state-dir>/repos`).
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
                try repository.fetch(remote: "origin", refspecs: mirrorRefspecs, prune: true)
                return (repository, true)
            }
            try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
            return (try Repository.clone(url: location, to: folder, bare: true), true)
        } catch let error as GitError {
            throw LoadError(.repository, "cannot fetch \(location): \(error.message). \(error.advice)")
        }
    }

    /// Branches and tags of the remote, kept under their own names in the clone.
    static let mirrorRefspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]

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
