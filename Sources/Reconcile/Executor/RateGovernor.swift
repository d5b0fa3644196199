import Cloud
import Foundation

/// Paces API calls below AWS's published rate limits, in the environment's time, so that a
/// large deployment runs at the limit instead of being throttled (and backing off) past it.
///
/// Each limited operation draws from a token bucket like AWS's (size, refill per second); a
/// call that finds the bucket empty reserves the next token and waits until it is due. A
/// throttling answer anyway (someone else used the account's tokens) empties the bucket.
public actor RateGovernor {
    /// One token bucket.
    public struct Bucket: Sendable, Hashable {
        /// Its name (`lambda:ControlPlane`).
        public var name: String
        /// Tokens it holds when full.
        public var capacity: Double
        /// Tokens added per second.
        public var refillPerSecond: Double
    }

    struct State {
        var tokens: Double
        var updatedAt: Date
    }

    private let timer: EnvironmentTimer
    private var buckets: [String: State] = [:]
    private var calls: [String: Int] = [:]
    private var known: [String: Bucket] = [:]
    private var throttles = 0
    /// Whether pacing is on.
    public let enabled: Bool

    /// A governor over `timer`'s clock; disabled, it only counts calls.
    public init(timer: EnvironmentTimer, enabled: Bool = true) {
        self.timer = timer
        self.enabled = enabled
    }

    /// AWS's bucket for `operation` (`lambda:UpdateAlias`) in `region`, nil when it is not limited.
    public static func bucket(for operation: String, region: String) -> Bucket? {
        let parts = operation.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch (parts[0], parts[1]) {
        case ("lambda", "GetFunction"): return Bucket(name: "lambda:GetFunction", capacity: 100, refillPerSecond: 100)
        case ("lambda", "GetPolicy"): return Bucket(name: "lambda:GetPolicy", capacity: 15, refillPerSecond: 15)
        case ("lambda", "Invoke"): return nil
        case ("lambda", _): return Bucket(name: "lambda:ControlPlane", capacity: 15, refillPerSecond: 15)
        case ("states", "CreateStateMachine"), ("states", "UpdateStateMachine"), ("states", "DeleteStateMachine"):
            return Bucket(name: "states:StateMachineWrite", capacity: 100, refillPerSecond: 1)
        case ("states", "DescribeStateMachine"): return Bucket(name: "states:DescribeStateMachine", capacity: 200, refillPerSecond: 20)
        case ("states", "TagResource"), ("states", "UntagResource"): return Bucket(name: "states:Tagging", capacity: 200, refillPerSecond: 1)
        case ("states", "StartExecution"):
            let large: Set<String> = ["us-east-1", "us-west-2", "eu-west-1"]
            return large.contains(region) ? Bucket(name: "states:StartExecution", capacity: 1300, refillPerSecond: 300)
                : Bucket(name: "states:StartExecution", capacity: 800, refillPerSecond: 150)
        default: return nil
        }
    }

    /// Takes a token for `operation`, waiting (in environment time) until one is due.
    public func acquire(_ operation: String, region: String) async throws {
        guard let bucket = RateGovernor.bucket(for: operation, region: region) else { return }
        calls[bucket.name, default: 0] += 1
        known[bucket.name] = bucket
        guard enabled else { return }
        let now = try await timer.now()
        var state = buckets[bucket.name] ?? State(tokens: bucket.capacity, updatedAt: now)
        let elapsed = max(0, now.timeIntervalSince(state.updatedAt))
        state.tokens = min(bucket.capacity, state.tokens + elapsed * bucket.refillPerSecond)
        state.updatedAt = max(state.updatedAt, now)
        state.tokens -= 1
        buckets[bucket.name] = state
        guard state.tokens < 0 else { return }
        let due = now.addingTimeInterval(-state.tokens / bucket.refillPerSecond)
        try await timer.sleep(until: due)
    }

    /// Notes a throttling answer: the bucket is treated as empty from now.
    public func throttled(_ operation: String, region: String) async {
        throttles += 1
        guard let bucket = RateGovernor.bucket(for: operation, region: region) else { return }
        guard let now = try? await timer.now() else { return }
        var state = buckets[bucket.name] ?? State(tokens: 0, updatedAt: now)
        state.tokens = min(state.tokens, 0)
        state.updatedAt = max(state.updatedAt, now)
        buckets[bucket.name] = state
    }

    /// Calls counted per bucket (for the rate-limit floor of a deployment).
    public func callCounts() -> [String: Int] { calls }

    /// How many throttling answers were seen (and retried).
    public func throttleCount() -> Int { throttles }

    /// The rate-limit floor of the counted calls: the largest of each bucket's calls divided by
    /// its refill rate, in seconds.
    public func floorSeconds() -> Double {
        calls.reduce(0) { floor, entry in
            guard let bucket = known[entry.key] else { return floor }
            return max(floor, Double(entry.value) / bucket.refillPerSecond)
        }
    }
}
