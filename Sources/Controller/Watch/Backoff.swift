import Foundation

/// When the next pass starts: the interval with jitter after a clean pass, capped exponential
/// backoff after consecutive transient failures. Pure: the random draw is passed in.
public struct PassSchedule: Sendable, Hashable {
    /// Seconds between polls.
    public var interval: Double
    /// The share of the interval by which a wait is shortened or lengthened at random.
    public var jitter: Double
    /// The backoff policy.
    public var retry: RetrySpec

    /// Creates a schedule.
    public init(interval: Double, jitter: Double, retry: RetrySpec) {
        self.interval = interval
        self.jitter = jitter
        self.retry = retry
    }

    /// The schedule of `definition`.
    public init(_ definition: ControllerDefinition) {
        self.init(interval: definition.interval, jitter: definition.jitter, retry: definition.retry)
    }

    /// Seconds to wait after a clean pass; `random` in 0…1 (0.5 gives the interval itself).
    public func pollDelay(random: Double) -> Double {
        interval * (1 + jitter * (2 * min(max(random, 0), 1) - 1))
    }

    /// Seconds to wait after the `failures`-th failure in a row (1 for the first): the initial
    /// backoff times `factor^(failures-1)`, capped, then reduced by up to a quarter at random
    /// (so controllers that failed together do not retry together), never below the initial backoff.
    public func backoffDelay(failures: Int, random: Double) -> Double {
        let exponent = Double(max(failures, 1) - 1)
        let raw = retry.initialBackoff * pow(retry.factor, min(exponent, 64))
        let capped = min(raw, retry.maxBackoff)
        let spread = capped * 0.25 * min(max(random, 0), 1)
        return max(retry.initialBackoff, capped - spread)
    }
}
