import Cloud
import Foundation

/// The environment's time as the executor uses it: now, and waiting until a moment.
///
/// Waiting *until* (rather than *for*) keeps parallel waits overlapping on a virtual clock:
/// two rollouts that each wait five minutes advance the clock by five minutes, not ten.
public struct EnvironmentTimer: Sendable {
    /// The provider's clock.
    public let clock: any CloudClock
    private let sleepUntil: (@Sendable (Date) async throws -> Void)?

    /// A timer over `clock`; `sleepUntil` waits until a moment atomically when the clock can
    /// (a virtual clock that moves to the later of now and the moment), else the timer
    /// computes the remaining time from `now()`.
    public init(clock: any CloudClock, sleepUntil: (@Sendable (Date) async throws -> Void)? = nil) {
        self.clock = clock
        self.sleepUntil = sleepUntil
    }

    /// The environment's current time.
    public func now() async throws -> Date { try await clock.now() }

    /// Waits until the environment's clock reaches `moment` (returns at once when it has).
    public func sleep(until moment: Date) async throws {
        if let sleepUntil {
            try await sleepUntil(moment)
            return
        }
        let remaining = moment.timeIntervalSince(try await clock.now())
        if remaining > 0 { try await clock.sleep(seconds: remaining) }
    }

    /// Waits `seconds` of environment time from now.
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await sleep(until: try await now().addingTimeInterval(seconds))
    }
}
