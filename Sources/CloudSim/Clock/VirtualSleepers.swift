import Foundation
import Synchronization

/// The sleepers of one opened store's virtual clock, woken one at a time in order of
/// their wake time (ties in the order they began to sleep).
///
/// A sleeper does not move the clock itself: it registers its wake time, and a waker — a task
/// that lives while sleepers wait — lets the sleepers that are starting at the same moment
/// register (it yields until no sleeper is arriving, the last one woken has run and no new one
/// registered), then moves the stored clock to the earliest wake time and resumes that sleeper. So two tasks that sleep 10
/// and 5 seconds from the same time wake at +5 and then at +10, whichever called first.
final class VirtualSleepers: Sendable {
    /// One waiting task.
    struct Sleeper {
        var deadline: Double
        var sequence: Int
        var continuation: CheckedContinuation<Void, Error>
    }

    struct State {
        var waiting: [Sleeper] = []
        /// Sleepers that entered `sleep` but have not registered yet.
        var arriving = 0
        /// Registrations so far (the waker compares it across yields).
        var registrations = 0
        /// Sleepers resumed that have not run yet.
        var resuming = 0
        var sequence = 0
        var wakerRunning = false
        /// While positive, nothing is woken (tests line sleepers up with `holding`).
        var holds = 0
    }

    private let state = Mutex(State())
    /// Moves the stored clock to at least the given time (never backwards).
    private let advance: @Sendable (Double) async throws -> Void

    /// Sleepers whose clock `advance` moves.
    init(advance: @escaping @Sendable (Double) async throws -> Void) {
        self.advance = advance
    }

    /// Announces a sleeper before it computes its wake time, so the waker waits for it.
    func arrive() {
        state.withLock { $0.arriving += 1 }
    }

    /// Withdraws an announced sleeper that will not sleep after all.
    func withdraw() {
        state.withLock { $0.arriving -= 1 }
    }

    /// Waits (after `arrive()`) until the clock is moved to `deadline` and it is this sleeper's turn.
    func sleep(until deadline: Double) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            let startWaker = state.withLock { state -> Bool in
                state.arriving -= 1
                state.registrations += 1
                state.sequence += 1
                let sleeper = Sleeper(deadline: deadline, sequence: state.sequence, continuation: continuation)
                let index = state.waiting.firstIndex { ($0.deadline, $0.sequence) > (deadline, sleeper.sequence) } ?? state.waiting.endIndex
                state.waiting.insert(sleeper, at: index)
                if state.wakerRunning { return false }
                state.wakerRunning = true
                return true
            }
            if startWaker { Task { await self.wake() } }
        }
        state.withLock { $0.resuming -= 1 }
    }

    /// Runs `body` with waking held: sleepers that register meanwhile wake in order afterwards.
    func holding<T>(_ body: () async throws -> T) async rethrows -> T {
        state.withLock { $0.holds += 1 }
        defer {
            let startWaker = state.withLock { state -> Bool in
                state.holds -= 1
                guard state.holds == 0, !state.waiting.isEmpty, !state.wakerRunning else { return false }
                state.wakerRunning = true
                return true
            }
            if startWaker { Task { await self.wake() } }
        }
        return try await body()
    }

    /// Sleepers registered and not yet woken.
    var pending: Int { state.withLock { $0.waiting.count } }

    /// Wakes the earliest sleeper once the arriving ones have registered, until none waits.
    private func wake() async {
        while true {
            var quietRounds = 0
            var seen = -1
            while quietRounds < 2 {
                for _ in 0..<4 { await Task.yield() }
                let (registrations, busy) = state.withLock { ($0.registrations, $0.arriving > 0 || $0.resuming > 0) }
                quietRounds = registrations == seen && !busy ? quietRounds + 1 : 0
                seen = registrations
            }
            let next = state.withLock { state -> Sleeper? in
                guard state.holds == 0, !state.waiting.isEmpty else {
                    state.wakerRunning = false
                    return nil
                }
                state.resuming += 1
                return state.waiting.removeFirst()
            }
            guard let next else { return }
            do {
                try await advance(next.deadline)
                next.continuation.resume()
            } catch {
                next.continuation.resume(throwing: error)
            }
        }
    }
}
