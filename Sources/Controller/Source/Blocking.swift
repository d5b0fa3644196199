import Dispatch

/// Runs blocking work (libgit2 network calls, which may wait on a slow remote for a long time)
/// on a dispatch queue instead of a thread of Swift's cooperative pool, which has only one
/// thread per core; the caller awaits its result.
enum Blocking {
    /// Concurrent: several controllers may fetch at once.
    private static let queue = DispatchQueue(label: "plumb.controller.blocking", attributes: .concurrent)

    /// The result of `work`, run on the blocking queue.
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
