import Foundation

/// Wall-clock milliseconds spent in the named phases of one command, printed to standard error
/// when the environment variable `PLUMB_TIMINGS` is `1` (to see where a slow plan spends its time).
public struct PhaseTimings: Sendable {
    /// Phases in the order they ended, with milliseconds.
    public private(set) var phases: [(name: String, milliseconds: Double)] = []
    private var mark = DispatchTime.now().uptimeNanoseconds

    /// Starts timing now.
    public init() {}

    /// Whether `PLUMB_TIMINGS=1` asks for the timings.
    public static var requested: Bool { ProcessInfo.processInfo.environment["PLUMB_TIMINGS"] == "1" }

    /// Ends the current phase as `name` and starts the next.
    public mutating func end(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        phases.append((name, Double(now - mark) / 1_000_000))
        mark = now
    }

    /// Adds the phases of `other` (timed elsewhere) after these, and restarts the current phase.
    public mutating func append(_ other: PhaseTimings) {
        phases += other.phases
        mark = DispatchTime.now().uptimeNanoseconds
    }

    /// Milliseconds from the process's start (as the kernel recorded it) until now, or nil when
    /// `/proc` cannot tell.
    public static func sinceProcessStart() -> Double? {
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // Field 22 of /proc/self/stat (the 20th after the command name) is the start time in ticks.
        guard fields.count > 19, let ticks = Double(fields[19]),
              let seconds = uptime.split(separator: " ").first.flatMap({ Double($0) }) else { return nil }
        let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
        guard hertz > 0 else { return nil }
        return (seconds - ticks / hertz) * 1000
    }

    /// One line per phase and the total, for standard error.
    public func report(prefix: String = "timing") -> String {
        var text = ""
        for phase in phases { text += "\(prefix) \(phase.name): \(String(format: "%.1f", phase.milliseconds)) ms\n" }
        let total = phases.reduce(0) { $0 + $1.milliseconds }
        text += "\(prefix) total measured: \(String(format: "%.1f", total)) ms\n"
        return text
    }
}
