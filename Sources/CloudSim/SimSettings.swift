import Foundation

/// How simulated time passes.
public enum ClockMode: String, Sendable, Codable, CaseIterable {
    /// Time moves only when something sleeps or the clock is advanced; sleeps return at once.
    case virtual
    /// Wall-clock time.
    case real
    /// Wall-clock time multiplied by a scale from an anchor.
    case scaled
}

/// The settings a new store starts with, and the switches that can change later.
public struct SimSettings: Sendable, Hashable, Codable {
    /// Seed of the store's deterministic random numbers (alias routing, fault rates, ids).
    public var seed: UInt64
    /// Whether API rate limits (AWS's token buckets) apply.
    public var rateLimitsEnabled: Bool
    /// How long a function create or update stays `Pending`/`InProgress`, in simulated seconds.
    public var settleSeconds: Double
    /// The clock mode of a new store.
    public var clockMode: ClockMode
    /// The simulated time a new store starts at.
    public var clockStart: Date
    /// Simulated seconds per real second for a scaled clock.
    public var clockScale: Double

    /// Creates settings: by default seed 0, rate limits on, no settling, a virtual clock starting now.
    public init(seed: UInt64 = 0, rateLimitsEnabled: Bool = true, settleSeconds: Double = 0,
                clockMode: ClockMode = .virtual, clockStart: Date = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)),
                clockScale: Double = 1) {
        self.seed = seed
        self.rateLimitsEnabled = rateLimitsEnabled
        self.settleSeconds = settleSeconds
        self.clockMode = clockMode
        self.clockStart = clockStart
        self.clockScale = clockScale
    }
}
