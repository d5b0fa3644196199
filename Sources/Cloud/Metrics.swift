import Foundation

/// Which invocations of a function a metric counts, like CloudWatch's Lambda dimensions.
public enum MetricDimension: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every invocation of the function, however it was addressed (`FunctionName`).
    case function
    /// Invocations addressed through a qualifier: an alias name, a version or `$LATEST` (`Resource`).
    case resource(String)
    /// Invocations that ran a given version, however addressed (`ExecutedVersion`).
    case executedVersion(String)

    /// `function`, `resource=<q>` or `executedVersion=<v>`.
    public var description: String {
        switch self {
        case .function: return "function"
        case .resource(let qualifier): return "resource=\(qualifier)"
        case .executedVersion(let version): return "executedVersion=\(version)"
        }
    }
}

/// A metrics query over a time range (start inclusive, end exclusive).
public struct FunctionMetricsQuery: Sendable, Hashable {
    /// The function's name.
    public var functionName: String
    /// Which invocations to count.
    public var dimension: MetricDimension
    /// Range start (inclusive).
    public var start: Date
    /// Range end (exclusive).
    public var end: Date

    /// Creates the query.
    public init(functionName: String, dimension: MetricDimension = .function, start: Date, end: Date) {
        self.functionName = functionName
        self.dimension = dimension
        self.start = start
        self.end = end
    }
}

/// Invocation statistics over a period: counts and duration percentiles in milliseconds.
public struct MetricStatistics: Sendable, Hashable, Codable {
    /// Start of the period (for per-minute datapoints: the minute).
    public var timestamp: Date
    /// Invocations that ran (throttled calls excluded), as CloudWatch's `Invocations`.
    public var invocations: Int
    /// Invocations that ended in a function error (`Errors`).
    public var errors: Int
    /// Calls refused by throttling (`Throttles`).
    public var throttles: Int
    /// Invocations that started a new execution environment.
    public var coldStarts: Int
    /// Median duration, nil without invocations.
    public var durationP50: Double?
    /// 90th percentile duration.
    public var durationP90: Double?
    /// 99th percentile duration.
    public var durationP99: Double?
    /// Mean duration.
    public var durationAverage: Double?
    /// Longest duration.
    public var durationMaximum: Double?

    /// Creates the value.
    public init(timestamp: Date, invocations: Int, errors: Int, throttles: Int, coldStarts: Int,
                durationP50: Double?, durationP90: Double?, durationP99: Double?,
                durationAverage: Double?, durationMaximum: Double?) {
        self.timestamp = timestamp
        self.invocations = invocations
        self.errors = errors
        self.throttles = throttles
        self.coldStarts = coldStarts
        self.durationP50 = durationP50
        self.durationP90 = durationP90
        self.durationP99 = durationP99
        self.durationAverage = durationAverage
        self.durationMaximum = durationMaximum
    }

    /// errors / invocations, 0 without invocations.
    public var errorRate: Double { invocations == 0 ? 0 : Double(errors) / Double(invocations) }
}

/// The answer of a metrics query: one datapoint per minute with invocations, and the whole range.
public struct FunctionMetrics: Sendable, Hashable, Codable {
    /// The function's name.
    public var functionName: String
    /// The dimension queried, as text (`function`, `resource=live`, `executedVersion=3`).
    public var dimension: String
    /// Range start.
    public var start: Date
    /// Range end.
    public var end: Date
    /// Per-minute statistics, oldest first; minutes without calls are left out.
    public var datapoints: [MetricStatistics]
    /// Statistics over the whole range.
    public var summary: MetricStatistics

    /// Creates the value.
    public init(functionName: String, dimension: String, start: Date, end: Date,
                datapoints: [MetricStatistics], summary: MetricStatistics) {
        self.functionName = functionName
        self.dimension = dimension
        self.start = start
        self.end = end
        self.datapoints = datapoints
        self.summary = summary
    }
}
