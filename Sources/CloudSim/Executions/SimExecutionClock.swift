import Foundation
import StatesLanguage

/// The simulated cloud's clock as an execution sees it.
///
/// Virtual mode: the execution keeps its own reading, starting at the store's time when it
/// started; a `Wait` moves it (and the store's clock, never backwards) at once, so long
/// workflows run instantly and in order. Real and scaled modes compute the time from the
/// store's clock row and really wait.
final class SimExecutionClock: ExecutionClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private let record: ClockRecord
    private let clock: SimClock

    /// A clock reading `record` as it was when the execution started.
    init(record: ClockRecord, clock: SimClock) {
        self.record = record
        self.clock = clock
        self.current = Date(timeIntervalSince1970: record.simulatedNow(real: Date().timeIntervalSince1970))
    }

    private var isVirtual: Bool { record.mode == ClockMode.virtual.rawValue }

    /// The simulated time.
    func now() -> Date {
        if isVirtual { return lock.withLock { current } }
        return Date(timeIntervalSince1970: record.simulatedNow(real: Date().timeIntervalSince1970))
    }

    /// Waits on the store's clock until `deadline`.
    func sleep(until deadline: Date) async throws {
        try Task.checkCancellation()
        if isVirtual {
            let moved = lock.withLock { () -> Bool in
                guard deadline > current else { return false }
                current = deadline
                return true
            }
            if moved { try await clock.sleep(until: deadline) }
            return
        }
        try await clock.sleep(until: deadline)
        try Task.checkCancellation()
    }

    /// Virtual mode runs `operation` to its end and compares the time with `deadline`; the other
    /// modes race the operation against the deadline.
    func withDeadline<T: Sendable>(_ deadline: Date, _ operation: @escaping @Sendable () async throws -> T) async throws -> T? {
        if isVirtual {
            let result = try await operation()
            return now() > deadline ? nil : result
        }
        return try await withThrowingTaskGroup(of: T?.self) { group in
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
