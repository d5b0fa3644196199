import Foundation

/// The time an execution runs on: history timestamps, `Wait` states, and the task and execution
/// timeouts all read or wait on it.
public protocol ExecutionClock: Sendable {
    /// The current time.
    func now() -> Date

    /// Returns once the clock reads `deadline` or later. Throws `CancellationError` when the task
    /// is cancelled while waiting.
    func sleep(until deadline: Date) async throws

    /// Runs `operation`, giving up once the clock passes `deadline`: returns the operation's result,
    /// or nil when the deadline passed first.
    func withDeadline<T: Sendable>(_ deadline: Date, _ operation: @escaping @Sendable () async throws -> T) async throws -> T?
}

extension ExecutionClock {
    /// Races `operation` against `sleep(until:)`; the loser is cancelled.
    public func withDeadline<T: Sendable>(_ deadline: Date, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await self.sleep(until: deadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { return nil }
            return first
        }
    }
}

/// Wall-clock time: `Wait` states really wait.
public struct SystemClock: ExecutionClock {
    /// The system clock.
    public init() {}

    /// The current wall-clock time.
    public func now() -> Date { Date() }

    /// Sleeps until `deadline` (cancellable).
    public func sleep(until deadline: Date) async throws {
        let seconds = deadline.timeIntervalSinceNow
        if seconds > 0 { try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000)) }
        try Task.checkCancellation()
    }
}

/// Simulated time that only moves forward when something waits on it: a `Wait` of five minutes
/// returns at once with the clock five minutes later, so long workflows run instantly but in order.
/// Share one clock between executions to keep their timelines consistent.
public final class VirtualClock: ExecutionClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// A clock that reads `start` until something advances it.
    public init(start: Date = Date(timeIntervalSince1970: 1_700_000_000)) {
        current = start
    }

    /// The simulated time.
    public func now() -> Date {
        lock.withLock { current }
    }

    /// Moves the clock forward by `seconds` (never backward).
    public func advance(by seconds: TimeInterval) {
        lock.withLock {
            if seconds > 0 { current = current.addingTimeInterval(seconds) }
        }
    }

    /// Moves the clock to `deadline` if that is later, and returns immediately.
    public func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        lock.withLock {
            if deadline > current { current = deadline }
        }
    }

    /// Runs `operation` to completion; the deadline counts as passed when the operation moved the
    /// clock beyond it (a simulated slow task advances the clock by its duration).
    public func withDeadline<T: Sendable>(_ deadline: Date, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
        let result = try await operation()
        return now() > deadline ? nil : result
    }
}
