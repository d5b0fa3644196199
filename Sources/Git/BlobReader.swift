import Foundation

/// Reads the blobs of one repository from several threads at once.
///
/// A `Repository` serves one libgit2 call at a time (see its thread-safety note), and reading a
/// blob (finding it in a pack and inflating it) is most of what loading a commit costs; so a
/// reader lends each concurrent caller a handle of its own: the repository it was made with,
/// or another one opened on the same git directory when that one is busy. Handles are kept for
/// the reader's life and reused. Thread-safe.
public final class BlobReader: @unchecked Sendable {
    /// The repository read.
    public let repository: Repository
    private let lock = NSLock()
    /// Handles not in use.
    private var idle: [Repository]
    /// How many handles exist (in use or idle).
    private var opened = 1
    /// The most handles the reader opens.
    public let maxHandles: Int

    /// A reader of `repository`'s blobs, opening at most `maxHandles` handles in all (default:
    /// one per processor).
    public init(_ repository: Repository, maxHandles: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.repository = repository
        idle = [repository]
        self.maxHandles = max(1, maxHandles)
    }

    /// Lends the bytes of blob `id` to `body` (see `Repository.withBlob`).
    public func withBlob<T>(_ id: ObjectID, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let handle = take()
        defer { give(handle) }
        return try handle.withBlob(id, body)
    }

    /// An idle handle, a new one when none is idle and the limit allows, else the first one
    /// (callers then take turns on its lock).
    private func take() -> Repository {
        let (handle, mayOpen) = lock.withLock { () -> (Repository?, Bool) in
            if let handle = idle.popLast() { return (handle, false) }
            guard opened < maxHandles else { return (nil, false) }
            opened += 1
            return (nil, true)
        }
        if let handle { return handle }
        if mayOpen {
            if let fresh = try? Repository.open(path: repository.gitDirectory) { return fresh }
            lock.withLock { opened -= 1 }
        }
        return repository
    }

    private func give(_ handle: Repository) {
        lock.withLock {
            // The first repository may be lent to several callers at once when the limit is
            // reached; it goes back to the idle list only once.
            if handle === repository, idle.contains(where: { $0 === handle }) { return }
            idle.append(handle)
        }
    }
}
