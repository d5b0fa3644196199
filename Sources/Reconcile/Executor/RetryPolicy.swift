import Cloud
import Foundation

/// When and how long to wait before repeating a call that failed transiently: capped
/// exponential backoff with full jitter, on the environment's clock.
public struct RetryPolicy: Sendable, Hashable {
    /// Calls made at most (the first one included).
    public var maxAttempts: Int
    /// The first backoff's upper bound, in seconds.
    public var baseDelay: Double
    /// No backoff is longer than this, in seconds.
    public var maxDelay: Double

    /// Creates a policy; the default makes 10 attempts, backing off from 0.2 s up to 20 s.
    public init(maxAttempts: Int = 10, baseDelay: Double = 0.2, maxDelay: Double = 20) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// Whether `error` may go away by itself: throttling, service errors, an update still
    /// settling (`ResourceConflictException` while Lambda finishes the previous change),
    /// IAM's concurrent modification.
    public static func isTransient(_ error: CloudError) -> Bool {
        if error.isRetryable || error.isThrottling { return true }
        if error.code == .resourceConflict {
            let message = error.message.lowercased()
            return message.contains("in progress") || message.contains("pending") || message.contains("cannot be performed at this time")
        }
        return false
    }

    /// The wait before attempt `attempt + 1` (attempt counts from 1): a random share of
    /// `min(maxDelay, baseDelay × 2^(attempt-1))`.
    public func delay(afterAttempt attempt: Int, random: Double) -> Double {
        let ceiling = min(maxDelay, baseDelay * pow(2, Double(max(0, attempt - 1))))
        return ceiling * min(1, max(0, random))
    }
}

extension RetryPolicy {
    /// Runs `body`, repeating it after a backoff on `timer`'s clock while it fails transiently.
    public func run<T: Sendable>(on timer: EnvironmentTimer, _ body: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await body()
            } catch let error as CloudError where RetryPolicy.isTransient(error) && attempt < maxAttempts {
                try await timer.sleep(seconds: delay(afterAttempt: attempt, random: Double.random(in: 0...1)))
                attempt += 1
            }
        }
    }
}
