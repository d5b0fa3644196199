import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// Invocation metrics of one function and dimension over `[start, end)`, per minute and in total.
    public func functionMetrics(_ query: FunctionMetricsQuery) async throws -> FunctionMetrics {
        let name = try FunctionName(parsing: query.functionName, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "Metrics are kept per function name; choose versions and aliases with the dimension.")
        guard query.end > query.start else {
            throw CloudError(.validation, "The end time \(query.end) must be after the start time \(query.start).")
        }
        let scope = self.scope
        // Invocations of this process not yet written are counted too (a failed flush keeps them for the next one).
        try? cloud.flushInvocations()
        return try await call(SimOperation(.cloudwatch, "GetMetricData"), in: scope) { context in
            try MetricsQuery.run(query, functionName: name.name, scope: scope, context.db)
        }
    }
}

/// Computes CloudWatch-like statistics from recorded invocations.
enum MetricsQuery {
    /// The statistics for `query` in `scope`.
    static func run(_ query: FunctionMetricsQuery, functionName: String, scope: CloudScope, _ db: Database) throws -> FunctionMetrics {
        var request = InvocationRecord.filter(
            InvocationRecord.Columns.account == scope.account && InvocationRecord.Columns.region == scope.region
                && InvocationRecord.Columns.functionName == functionName
                && InvocationRecord.Columns.timestamp >= query.start.timeIntervalSince1970
                && InvocationRecord.Columns.timestamp < query.end.timeIntervalSince1970)
        switch query.dimension {
        case .function: break
        case .resource(let qualifier): request = request.filter(InvocationRecord.Columns.resource == qualifier)
        case .executedVersion(let version): request = request.filter(InvocationRecord.Columns.executedVersion == version)
        }
        let rows = try request.order(InvocationRecord.Columns.timestamp).fetchAll(db)
        var minutes: [Double: [InvocationRecord]] = [:]
        for row in rows { minutes[(row.timestamp / 60).rounded(.down) * 60, default: []].append(row) }
        let datapoints = minutes.keys.sorted().map { minute in
            statistics(minutes[minute] ?? [], at: Date(timeIntervalSince1970: minute))
        }
        return FunctionMetrics(functionName: functionName, dimension: query.dimension.description, start: query.start, end: query.end,
                               datapoints: datapoints, summary: statistics(rows, at: query.start))
    }

    /// Counts and duration statistics of `rows`.
    static func statistics(_ rows: [InvocationRecord], at timestamp: Date) -> MetricStatistics {
        let ran = rows.filter { !$0.throttled }
        let durations = ran.compactMap(\.durationMs).sorted()
        return MetricStatistics(
            timestamp: timestamp, invocations: ran.count, errors: ran.filter(\.error).count,
            throttles: rows.count - ran.count, coldStarts: ran.filter(\.coldStart).count,
            durationP50: percentile(durations, 0.50), durationP90: percentile(durations, 0.90),
            durationP99: percentile(durations, 0.99),
            durationAverage: durations.isEmpty ? nil : durations.reduce(0, +) / Double(durations.count),
            durationMaximum: durations.last)
    }

    /// The nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ fraction: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
