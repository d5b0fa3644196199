import ArgumentParser
import Cloud
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim invoke NAME[:QUALIFIER]`: one invocation through the Lambda API.
    struct Invoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "invoke", abstract: "Invoke a function by name, version or alias and print its response.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        @Argument(help: "NAME, NAME:VERSION or NAME:ALIAS (or a function ARN).")
        var function: String

        @Option(name: .long, help: "The event, as JSON text.")
        var payload: String = "{}"

        @Option(name: .long, help: "RequestResponse (default), Event or DryRun.")
        var type: String = InvocationType.requestResponse.rawValue

        /// The invocation as printed in JSON.
        struct Output: Codable {
            var statusCode: Int
            var executedVersion: String
            var functionError: String?
            var durationMs: Double?
            var coldStart: Bool?
            var payload: String
        }

        func validate() throws {
            guard InvocationType(rawValue: type) != nil else { throw ValidationError("--type must be RequestResponse, Event or DryRun") }
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.provider(account: scope.account, region: scope.region)
                let response = try await provider.invoke(function, qualifier: nil, payload: Data(payload.utf8),
                                                         invocationType: InvocationType(rawValue: type) ?? .requestResponse)
                let body = String(decoding: response.payload, as: UTF8.self)
                if global.output == .json {
                    return SimCommand.printJSON(Output(statusCode: response.statusCode, executedVersion: response.executedVersion,
                                                       functionError: response.functionError, durationMs: response.durationMs,
                                                       coldStart: response.coldStart, payload: body))
                }
                var header = "Status \(response.statusCode)  version \(response.executedVersion)"
                if let duration = response.durationMs { header += "  \(SimCommand.milliseconds(duration)) ms" }
                if response.coldStart == true { header += "  cold start" }
                if let error = response.functionError { header += "  function error: \(error)" }
                print(header)
                if !body.isEmpty { print(body) }
                if response.functionError != nil { throw ExitCode(1) }
            }
        }
    }

    /// `plumb sim traffic NAME:ALIAS --count N --seed S`: seeded traffic through an alias.
    struct Traffic: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "traffic",
            abstract: "Send N invocations through an alias; the same seed routes and faults them the same way.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        @Argument(help: "NAME:ALIAS (or NAME:VERSION, or NAME for $LATEST).")
        var function: String

        @Option(name: .long, help: "How many invocations.")
        var count: Int

        @Option(name: .long, help: "Seed of the alias routing and fault draws.")
        var seed: UInt64 = 0

        @Option(name: .long, help: "Simulated time between invocations (e.g. 1s, 500ms); none by default.")
        var interval: SimDuration?

        @Option(name: .long, help: "The event, as JSON text.")
        var payload: String = "{}"

        func validate() throws {
            guard count >= 0 else { throw ValidationError("--count must be 0 or more") }
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.provider(account: scope.account, region: scope.region)
                let report = try await provider.sendTraffic(function, qualifier: nil, count: count, seed: seed,
                                                            payload: Data(payload.utf8), interval: interval?.seconds)
                if global.output == .json { return SimCommand.printJSON(report) }
                print("Sent \(report.sent): \(report.succeeded) succeeded, \(report.functionErrors) function errors, \(report.throttled) throttled, \(report.apiErrors) API errors, \(report.coldStarts) cold starts")
                print("By version: " + report.byVersion.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
                print("From \(SimCommand.format(report.start)) to \(SimCommand.format(report.end))")
            }
        }
    }

    /// `plumb sim metrics NAME`: CloudWatch-like invocation metrics per minute.
    struct Metrics: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "metrics", abstract: "Show invocation metrics per minute: invocations, errors, throttles, duration percentiles.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        @Argument(help: "The function's name.")
        var name: String

        @Option(name: .long, help: "Start: ISO 8601, or a duration before now such as 15m (default 1h).")
        var since: SimTimeArgument?

        @Option(name: .long, help: "End (exclusive): ISO 8601, or a duration before now (default: now, inclusive).")
        var until: SimTimeArgument?

        @Option(name: .long, help: "Only invocations that ran this version ($LATEST or a number).")
        var version: String?

        @Option(name: .long, help: "Only invocations addressed through this alias or qualifier.")
        var alias: String?

        func validate() throws {
            if version != nil && alias != nil { throw ValidationError("give --version or --alias, not both") }
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                let now = try await cloud.clock.now()
                let start = since?.resolve(now: now) ?? now.addingTimeInterval(-3600)
                let end = until?.resolve(now: now) ?? now.addingTimeInterval(0.001)
                let dimension: MetricDimension = version.map { .executedVersion($0) } ?? alias.map { .resource($0) } ?? .function
                let metrics = try await provider.functionMetrics(FunctionMetricsQuery(functionName: name, dimension: dimension, start: start, end: end))
                if global.output == .json { return SimCommand.printJSON(metrics) }
                let header = ["MINUTE", "INVOCATIONS", "ERRORS", "THROTTLES", "COLD", "P50-MS", "P90-MS", "P99-MS"]
                func row(_ label: String, _ stats: MetricStatistics) -> [String] {
                    [label, "\(stats.invocations)", "\(stats.errors)", "\(stats.throttles)", "\(stats.coldStarts)",
                     SimCommand.milliseconds(stats.durationP50), SimCommand.milliseconds(stats.durationP90), SimCommand.milliseconds(stats.durationP99)]
                }
                print("\(name) (\(metrics.dimension)) from \(SimCommand.format(start)) to \(SimCommand.format(end))")
                print(SimCommand.table(header, metrics.datapoints.map { row(SimCommand.format($0.timestamp), $0) } + [row("TOTAL", metrics.summary)]))
            }
        }
    }
}
