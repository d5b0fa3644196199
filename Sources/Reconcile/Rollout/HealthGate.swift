import Cloud
import DesiredState
import Foundation

/// How healthy a new version looks, ordered from best to worst.
public enum HealthStatus: Int, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Every gate holds.
    case healthy = 0
    /// Not enough invocations yet to judge.
    case insufficientData = 1
    /// A gate is broken.
    case unhealthy = 2

    /// Whether `self` is worse than `other`.
    public func isWorse(than other: HealthStatus) -> Bool { self > other }

    /// Orders best first.
    public static func < (lhs: HealthStatus, rhs: HealthStatus) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `healthy`, `insufficient data`, `unhealthy`.
    public var description: String {
        switch self {
        case .healthy: return "healthy"
        case .insufficientData: return "insufficient data"
        case .unhealthy: return "unhealthy"
        }
    }
}

/// One gate compared with what was observed.
public struct GateCheck: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `errorRate`, `p99LatencyMs` or `minInvocations`.
    public var name: String
    /// The observed value.
    public var observed: Double
    /// The limit (a maximum, or for `minInvocations` a minimum).
    public var limit: Double
    /// Whether the observation is within the limit.
    public var passed: Bool

    /// `errorRate 0.02 > 0.01`.
    public var description: String {
        let relation = name == "minInvocations" ? (passed ? "≥" : "<") : (passed ? "≤" : ">")
        return "\(name) \(GateCheck.format(observed)) \(relation) \(GateCheck.format(limit))"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e12 ? String(Int(value)) : String(format: "%.4g", value)
    }
}

/// The health of one version at one traffic step: the checks and the verdict.
public struct GateReport: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The function.
    public var function: String
    /// The version judged.
    public var version: String
    /// Traffic on the version when judged, in percent.
    public var percent: Double
    /// Invocations that ran on the version in the window.
    public var invocations: Int
    /// Of which failed.
    public var errors: Int
    /// The verdict.
    public var status: HealthStatus
    /// Every gate, in a fixed order.
    public var checks: [GateCheck]

    /// `healthy: errorRate 0 ≤ 0.01, p99LatencyMs 12 ≤ 2000, minInvocations 25 ≥ 20`.
    public var description: String {
        "\(status): " + checks.map(\.description).joined(separator: ", ")
    }

    /// The broken checks.
    public var broken: [GateCheck] { checks.filter { !$0.passed } }
}

/// Health gates as a pure function of a version's invocation statistics.
public enum HealthGateEvaluation {
    /// Judges `statistics` (of one version, over one step's window) against `gates`.
    ///
    /// Too few invocations is `insufficientData` (the caller may send more traffic and judge
    /// again); with enough, any broken limit is `unhealthy`.
    public static func evaluate(_ gates: HealthGates, statistics: MetricStatistics, function: String, version: String,
                                percent: Double) -> GateReport {
        var checks: [GateCheck] = []
        let invocations = statistics.invocations
        let enough = invocations >= gates.minInvocations
        checks.append(GateCheck(name: "minInvocations", observed: Double(invocations), limit: Double(gates.minInvocations), passed: enough))
        if let maxErrorRate = gates.maxErrorRate {
            checks.append(GateCheck(name: "errorRate", observed: statistics.errorRate, limit: maxErrorRate,
                                    passed: statistics.errorRate <= maxErrorRate))
        }
        if let maxP99 = gates.maxP99LatencyMs {
            let p99 = statistics.durationP99 ?? 0
            checks.append(GateCheck(name: "p99LatencyMs", observed: p99, limit: Double(maxP99), passed: p99 <= Double(maxP99)))
        }
        let status: HealthStatus
        if !enough {
            status = .insufficientData
        } else if checks.contains(where: { !$0.passed }) {
            status = .unhealthy
        } else {
            status = .healthy
        }
        return GateReport(function: function, version: version, percent: percent, invocations: invocations,
                          errors: statistics.errors, status: status, checks: checks)
    }

    /// How many calls through an alias are expected to put `needed` invocations on a version
    /// that receives `percent` of the traffic (at least `needed`, at most `cap`).
    public static func trafficNeeded(for needed: Int, percent: Double, cap: Int = 5_000) -> Int {
        guard needed > 0 else { return 0 }
        let share = max(percent, 0.1) / 100
        return min(cap, max(needed, Int((Double(needed) / share).rounded(.up))))
    }
}
