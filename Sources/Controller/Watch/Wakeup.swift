import Foundation

/// Wakes a waiting controller early: a webhook for its branch, or shutdown.
///
/// Each signal bumps a generation number; a waiter names the generation it has already seen and
/// returns at once when a later one exists, so a webhook that arrives while a pass is running is
/// not lost: the next wait ends immediately.
public final class Wakeup: Sendable {
    /// Why a wait ended.
    public enum Reason: Sendable, Equatable {
        /// The time passed.
        case timeout
        /// A signal came.
        case signal
        /// The controller is stopping.
        case closed
    }

    private struct State {
        var generation: UInt64 = 0
        var closed = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter: UInt64 = 0
    }

    private let state = LockedBox(State())

    /// Creates a wakeup with no signal yet.
    public init() {}

    /// The number of signals so far.
    public var generation: UInt64 { state.value.generation }

    /// Whether `close()` was called.
    public var isClosed: Bool { state.value.closed }

    /// Signals: every waiter returns, and the next wait that saw an older generation returns at once.
    public func signal() {
        let waiting = state.withValue { state -> [CheckedContinuation<Void, Never>] in
            state.generation += 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Closes: every wait, now and later, returns `.closed`.
    public func close() {
        let waiting = state.withValue { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Waits until `duration` has passed on `clock`, a signal newer than `seen` comes, or the
    /// wakeup is closed — whichever is first. Returns at once when cancelled.
    public func wait<C: Clock>(for duration: Duration, clock: C, seen: UInt64) async -> Reason where C.Duration == Duration {
        if let reason = immediate(seen: seen) { return reason }
        return await withTaskGroup(of: Reason?.self) { group in
            group.addTask {
                do {
                    try await clock.sleep(for: duration)
                    return .timeout
                } catch {
                    return nil
                }
            }
            group.addTask {
                await self.waitForSignal(seen: seen)
                return Task.isCancelled ? nil : (self.immediate(seen: seen) ?? .signal)
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? immediate(seen: seen) ?? .timeout
        }
    }

    /// `.closed` or `.signal` when a wait would end at once.
    private func immediate(seen: UInt64) -> Reason? {
        let current = state.value
        if current.closed { return .closed }
        if current.generation > seen { return .signal }
        return nil
    }

    /// Suspends until a signal newer than `seen`, close, or cancellation.
    private func waitForSignal(seen: UInt64) async {
        let id = state.withValue { state -> UInt64 in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withValue { state -> Bool in
                    if state.closed || state.generation > seen || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = state.withValue { $0.waiters.removeValue(forKey: id) }
            continuation?.resume()
        }
    }
}
