import Foundation

/// The time of an environment: the wall clock for AWS, a stored (often virtual) clock for the simulator.
///
/// Health gates and rollout waits use the provider's clock, so a simulated five-minute canary
/// passes at once while still happening in order.
public protocol CloudClock: Sendable {
    /// The environment's current time.
    func now() async throws -> Date
    /// Waits until the environment's time has advanced by `seconds` (a virtual clock advances at once).
    func sleep(seconds: Double) async throws
    /// Waits until the environment's time reaches `deadline`; returns at once when it has passed.
    func sleep(until deadline: Date) async throws
}

extension CloudClock {
    /// Waits the time left until `deadline`, measured on this clock.
    public func sleep(until deadline: Date) async throws {
        let remaining = deadline.timeIntervalSince(try await now())
        if remaining > 0 { try await sleep(seconds: remaining) }
    }
}

/// The system clock: real time, real sleeps.
public struct SystemCloudClock: CloudClock {
    /// Creates the clock.
    public init() {}

    /// `Date()`.
    public func now() async throws -> Date { Date() }

    /// Sleeps with `Task.sleep`.
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}
