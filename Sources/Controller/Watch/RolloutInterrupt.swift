import Cloud
import Foundation
import Reconcile

/// Why a controller stops a rollout it started.
public enum InterruptReason: Sendable, Hashable, CustomStringConvertible {
    /// A newer commit arrived on the branch.
    case superseded(by: String)
    /// The daemon is shutting down.
    case shutdown

    /// Says why, with the marker that tells the controller the commit itself is not to blame.
    public var description: String {
        switch self {
        case .superseded(let commit):
            return "\(RolloutInterrupted.marker): newer commit \(commit.prefix(7)) arrived; it is deployed next"
        case .shutdown:
            return "\(RolloutInterrupted.marker): the daemon is shutting down; the commit is deployed again when it restarts"
        }
    }
}

/// Thrown into a rollout's wait when the controller stops it; the executor then rolls the
/// attempt back as it does after any failed step.
public struct RolloutInterrupted: AttemptInterruption, Sendable, CustomStringConvertible {
    /// Text in the attempt's error that marks an interruption (not a fault of the commit).
    public static let marker = "interrupted by the controller"
    /// Why.
    public var reason: InterruptReason
    /// The reason, with the marker.
    public var description: String { reason.description }

    /// Whether a recorded failure was only an interruption.
    public static func isInterruption(_ error: String?) -> Bool {
        error?.contains(marker) ?? false
    }
}

/// Stops a running rollout at its next wait: traffic-step pauses, retry backoffs and call pacing
/// are the executor's safe points (the step before has finished and been journaled; the next
/// one has not begun). Armed only while the attempt rolls out: once its rollback begins, waits
/// are never interrupted.
public final class RolloutInterrupt: Sendable {
    private struct State {
        var armed = false
        var reason: InterruptReason?
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        var next: UInt64 = 0
    }

    private let state = LockedBox(State())

    /// Creates a lowered interrupt.
    public init() {}

    /// The pending reason, if any.
    public var reason: InterruptReason? { state.value.reason }

    /// Asks the running rollout (or the next one) to stop; a shutdown request is never replaced.
    public func raise(_ reason: InterruptReason) {
        let waiting = state.withValue { state -> [CheckedContinuation<Void, Never>] in
            if state.reason != .shutdown { state.reason = reason }
            guard state.armed else { return [] }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Forgets a superseding request (a pass deploys the newest commit anyway); shutdown stays.
    public func clearSuperseded() {
        state.withValue { state in
            if case .superseded? = state.reason { state.reason = nil }
        }
    }

    /// Allows (true) or forbids (false) interrupting waits.
    func arm(_ armed: Bool) {
        let waiting = state.withValue { state -> [CheckedContinuation<Void, Never>] in
            state.armed = armed
            guard armed, state.reason != nil else { return [] }
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Throws when armed with a reason pending.
    func check() throws {
        let current = state.value
        if current.armed, let reason = current.reason { throw RolloutInterrupted(reason: reason) }
    }

    /// Runs `wait`, ending it early (throwing `RolloutInterrupted`) when the interrupt is raised while armed.
    func interruptible(_ wait: @escaping @Sendable () async throws -> Void) async throws {
        try check()
        try await withThrowingTaskGroup(of: Bool.self) { group in
            group.addTask {
                try await wait()
                return true
            }
            group.addTask {
                await self.waitForRaise()
                return false
            }
            let finished = try await group.next() ?? true
            group.cancelAll()
            if !finished { try check() }
        }
    }

    /// Suspends until raised while armed, or cancelled.
    private func waitForRaise() async {
        let id = state.withValue { state -> UInt64 in
            state.next += 1
            return state.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withValue { state -> Bool in
                    if Task.isCancelled || (state.armed && state.reason != nil) { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        } onCancel: {
            state.withValue { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}

/// The environment as the controller hands it to the executor: the daemon's own environment,
/// with waits that the controller can interrupt.
struct InterruptibleEnvironment: EnvironmentAccess {
    let base: any EnvironmentAccess
    let interrupt: RolloutInterrupt

    func provider(account: String, region: String) throws -> any CloudProvider {
        try base.provider(account: account, region: region)
    }

    func timer(for provider: any CloudProvider) -> EnvironmentTimer {
        let inner = base.timer(for: provider)
        let interrupt = self.interrupt
        return EnvironmentTimer(clock: inner.clock, sleepUntil: { moment in
            try await interrupt.interruptible { try await inner.sleep(until: moment) }
        })
    }

    func executions(for provider: any CloudProvider) -> (any ExecutionControl)? {
        base.executions(for: provider)
    }
}
