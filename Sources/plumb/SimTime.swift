import ArgumentParser
import Foundation

/// A duration on the command line: `90`, `90s`, `5m`, `2h`, `1d`, `250ms`.
struct SimDuration: ExpressibleByArgument, Sendable {
    /// The duration in seconds.
    var seconds: Double

    init?(argument: String) {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        for (suffix, factor) in units where argument.hasSuffix(suffix) {
            guard let value = Double(argument.dropLast(suffix.count)), value.isFinite, value >= 0 else { return nil }
            seconds = value * factor
            return
        }
        guard let value = Double(argument), value.isFinite, value >= 0 else { return nil }
        seconds = value
    }

    static var defaultCompletionKind: CompletionKind { .default }
}

/// A point in time on the command line: ISO 8601 (`2026-01-01T12:00:00Z`), or a duration
/// before now (`15m` means fifteen minutes ago, in simulated time).
struct SimTimeArgument: ExpressibleByArgument, Sendable {
    enum Value: Sendable { case absolute(Date), ago(Double) }
    var value: Value

    init?(argument: String) {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: argument) {
            value = .absolute(date)
        } else if let duration = SimDuration(argument: argument) {
            value = .ago(duration.seconds)
        } else {
            return nil
        }
    }

    /// The time, relative to the simulated `now`.
    func resolve(now: Date) -> Date {
        switch value {
        case .absolute(let date): return date
        case .ago(let seconds): return now.addingTimeInterval(-seconds)
        }
    }
}
