import Cloud
import Foundation

/// What a traffic run did.
public struct TrafficReport: Sendable, Hashable, Codable {
    /// Invocations sent.
    public var sent: Int
    /// Invocations that returned without a function error.
    public var succeeded: Int
    /// Invocations that ended in a function error (raised, timed out, injected).
    public var functionErrors: Int
    /// Calls refused by throttling (rate limits, reserved concurrency, faults).
    public var throttled: Int
    /// Calls refused with other retryable API errors (region outage, injected service errors).
    public var apiErrors: Int
    /// Invocations per version that ran.
    public var byVersion: [String: Int]
    /// Invocations that started a new worker.
    public var coldStarts: Int
    /// Simulated time of the first call.
    public var start: Date
    /// Simulated time after the last call.
    public var end: Date
}

extension SimProvider {
    /// Sends `count` invocations of `function` through `qualifier` (usually an alias).
    ///
    /// Alias routing and fault rates draw from `seed`, so the same seed sends the same share of
    /// traffic to each version and hits the same invocations with faults. With `interval`, the
    /// clock advances that many simulated seconds between calls (a virtual clock at once).
    /// Throttling and retryable API errors are counted; any other error stops the run.
    public func sendTraffic(_ function: String, qualifier: String?, count: Int, seed: UInt64,
                            payload: Data = Data("{}".utf8), interval: Double? = nil) async throws -> TrafficReport {
        guard count >= 0 else { throw SimError("The invocation count must be 0 or more; got \(count).") }
        if let interval, !(interval.isFinite && interval >= 0) {
            throw SimError("The interval between invocations must be 0 or more seconds; got \(interval).")
        }
        let start = try await cloud.clock.now()
        var report = TrafficReport(sent: 0, succeeded: 0, functionErrors: 0, throttled: 0, apiErrors: 0, byVersion: [:],
                                   coldStarts: 0, start: start, end: start)
        for index in 0..<count {
            if index > 0, let interval, interval > 0 { try await cloud.clock.sleep(seconds: interval) }
            report.sent += 1
            do {
                let draws = DrawSource(seeded: (seed, UInt64(index) << 8))
                let response = try await invoke(function, qualifier: qualifier, payload: payload,
                                                invocationType: .requestResponse, draws: draws)
                report.byVersion[response.executedVersion, default: 0] += 1
                if response.functionError == nil { report.succeeded += 1 } else { report.functionErrors += 1 }
                if response.coldStart == true { report.coldStarts += 1 }
            } catch let error as CloudError where error.isThrottling {
                report.throttled += 1
            } catch let error as CloudError where error.isRetryable {
                report.apiErrors += 1
            }
        }
        // The run's metrics are written before it answers, so other processes see them at once
        // (a failed flush keeps them for the next one).
        try? cloud.flushInvocations()
        report.end = try await cloud.clock.now()
        return report
    }
}
