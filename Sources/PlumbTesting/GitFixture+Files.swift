import Foundation

extension GitFixture {
    /// The absolute path of `relative` inside the repository.
    public func absolute(_ relative: String) -> String {
        path + "/" + relative
    }

    /// Writes `text` (UTF-8) to `relative`, creating folders as needed.
    public func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    /// Writes raw `bytes` to `relative`, creating folders as needed.
    public func write(_ relative: String, bytes: [UInt8]) throws {
        let file = absolute(relative)
        let folder = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }

    /// Creates the folder `relative` (and its parents), e.g. to leave an empty folder.
    public func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: absolute(relative), withIntermediateDirectories: true)
    }

    /// Deletes the file or folder at `relative` from the working tree (not from the index: `commit` stages everything).
    public func delete(_ relative: String) throws {
        try FileManager.default.removeItem(atPath: absolute(relative))
    }

    /// Renames `from` to `to` with `git mv`.
    public func rename(_ from: String, to: String) throws {
        let folder = (absolute(to) as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try git(["mv", from, to])
    }

    /// Sets (or clears) the executable bits of `relative` (mode 755 or 644).
    public func setExecutable(_ relative: String, _ executable: Bool = true) throws {
        try FileManager.default.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: absolute(relative))
    }

    /// Creates a symbolic link at `relative` whose target text is `target` (not resolved).
    public func symlink(_ relative: String, to target: String) throws {
        let link = absolute(relative)
        let folder = (link as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    }

    /// Stages everything (`git add -A`) and commits; returns the new commit's full id.
    ///
    /// - Parameter date: an optional commit date such as `2024-01-02T03:04:05+02:00`, for both author and committer.
    @discardableResult
    public func commit(_ message: String, date: String? = nil, allowEmpty: Bool = false) throws -> String {
        try git(["add", "-A"])
        var environment: [String: String] = [:]
        if let date {
            environment["GIT_AUTHOR_DATE"] = date
            environment["GIT_COMMITTER_DATE"] = date
        }
        try git(["commit", "-q", "-m", message] + (allowEmpty ? ["--allow-empty"] : []), environment: environment)
        return try revParse("HEAD")
    }

    /// The full id `git rev-parse` gives `spec` (e.g. `HEAD`, `main~2`, `HEAD:folder` for a tree id).
    public func revParse(_ spec: String) throws -> String {
        try git(["rev-parse", "--verify", "--end-of-options", spec])
    }
}
