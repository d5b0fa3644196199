import Foundation
import Git

/// What one fetch of a controller's source found.
public struct SourceHead: Sendable, Hashable, Codable {
    /// The branch's commit id.
    public var commit: String
    /// The commit's first line.
    public var summary: String
    /// `Name <email>`.
    public var author: String
    /// When the fetch ended.
    public var fetchedAt: Date
    /// Set when the branch no longer contains the commit seen before (history rewritten).
    public var rewrittenFrom: String?
}

/// A controller's own bare mirror of its source branch, under the state folder
/// (`<state>/controllers/<name>/source.git`), fetched on every pass.
///
/// The mirror belongs to one controller; the CLI keeps its own clones, so the two never
/// fetch into the same repository at once.
public final class SourceMirror: Sendable {
    /// The followed repository and branch.
    public let source: SourceSpec
    /// The mirror's folder.
    public let folder: String
    /// The ref the branch is fetched into.
    public var trackingRef: String { "refs/remotes/origin/\(source.branch)" }
    private let opened: LockedBox<Repository?>

    /// A mirror of `source` in `folder` (created on the first fetch).
    public init(source: SourceSpec, folder: String) {
        self.source = source
        self.folder = folder
        self.opened = LockedBox(nil)
    }

    /// The mirror, cloned on first use; nil when it does not exist yet.
    public func repository() throws -> Repository? {
        if let repository = opened.value { return repository }
        guard FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("HEAD")) else { return nil }
        let repository = try Repository.open(path: folder)
        opened.value = repository
        return repository
    }

    /// Fetches the branch (cloning the mirror the first time) and answers its head; `previous`
    /// is the commit seen before, to detect a rewritten history. Blocking: call it through `Blocking`.
    public func fetch(previous: String?) throws -> SourceHead {
        let repository: Repository
        if let existing = try self.repository() {
            repository = existing
        } else {
            try FileManager.default.createDirectory(atPath: (folder as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            if FileManager.default.fileExists(atPath: folder) { try FileManager.default.removeItem(atPath: folder) }
            repository = try Repository.clone(url: source.url, to: folder, bare: true)
            opened.value = repository
        }
        try repository.fetch(url: source.url, refspecs: ["+refs/heads/\(source.branch):\(trackingRef)"], prune: false)
        let id: ObjectID
        do {
            id = try repository.resolve(trackingRef)
        } catch let error as GitError where error.kind == .notFound || error.kind == .emptyRepository {
            throw GitError(code: error.code, errorClass: error.errorClass, function: error.function,
                           message: "the repository \(source.url) has no branch '\(source.branch)'",
                           advice: "push the branch, or correct source.branch in the controller definition", kind: .notFound)
        }
        let commit = try repository.commit(id)
        var rewritten: String?
        if let previous, previous != id.hex {
            if let old = ObjectID(hex: previous) {
                let contained = (try? repository.isAncestor(old, of: id)) ?? false
                if !contained { rewritten = previous }
            }
        }
        return SourceHead(commit: id.hex, summary: commit.summary, author: "\(commit.author.name) <\(commit.author.email)>",
                          fetchedAt: Date(), rewrittenFrom: rewritten)
    }
}

/// A value behind a lock.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    /// The value.
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }

    /// Changes the value under the lock and answers what `body` answers.
    func withValue<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&stored) }
    }
}
