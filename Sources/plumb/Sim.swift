import ArgumentParser
import Cloud
import CloudSim
import Foundation

extension Plumb {
    /// `plumb sim`: look at and drive the simulated cloud in `<state-dir>/sim/`.
    struct Sim: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sim",
            abstract: "Inspect and drive the simulated cloud: resources, invocations, metrics, faults, clock.",
            discussion: """
                The simulated cloud lives in <state-dir>/sim/ (one SQLite file and the code bundles). \
                Listing commands look from outside: they are not subject to injected faults, region \
                outages or rate limits. invoke and traffic are API calls and are. Errors print AWS's \
                error name and what to do; the exit status is then 1.
                """,
            subcommands: [
                Status.self, Functions.self, Function.self, StateMachines.self, Roles.self, Policies.self,
                Invoke.self, Traffic.self, StartExecution.self, Executions.self, Execution.self,
                Metrics.self, Fault.self, Clock.self, Region.self, Settings.self,
                Reset.self, Export.self, Import.self, Bench.self,
            ]
        )
    }
}

/// `--account` and `--region` of the `plumb sim` commands that act in one place.
struct SimScopeOptions: ParsableArguments {
    @Option(name: .long, help: "Account id (12 digits).")
    var account: String = SimCloud.defaultAccount

    @Option(name: .long, help: "Region, such as us-east-1.")
    var region: String = SimCloud.defaultRegion

    func validate() throws {
        guard CloudScope.isValidAccount(account) else { throw ValidationError("--account must be a 12-digit account id, such as 000000000000") }
        guard CloudScope.isValidRegion(region) else { throw ValidationError("--region must be an AWS region name, such as us-east-1") }
    }
}

/// Opening the store, printing and failing the same way in every `plumb sim` command.
enum SimCommand {
    /// Opens the simulated cloud of `--state-dir`, runs `body`, stops workers, maps errors.
    static func run(_ global: GlobalOptions, _ body: (SimCloud) async throws -> Void) async throws {
        if global.output == .markdown { throw ValidationError("plumb sim prints text or json (--output text|json)") }
        let cloud: SimCloud
        do {
            cloud = try SimCloud(stateDirectory: global.stateDir)
        } catch {
            try fail(error, global)
        }
        do {
            try await body(cloud)
            await cloud.shutdown()
        } catch {
            await cloud.shutdown()
            try fail(error, global)
        }
    }

    /// Prints `error` (AWS's name, the message and what to do) and exits with status 1.
    static func fail(_ error: Error, _ global: GlobalOptions) throws -> Never {
        if error is ExitCode || error is ValidationError || error is CleanExit { throw error }
        let (name, message, hint): (String?, String, String?)
        switch error {
        case let cloud as CloudError: (name, message, hint) = (cloud.code.rawValue, cloud.message, advice(for: cloud))
        case let sim as SimError: (name, message, hint) = (nil, sim.message, nil)
        default: (name, message, hint) = (nil, "\(error)", nil)
        }
        if global.output == .json {
            var object: [String: String] = ["message": message]
            object["error"] = name
            object["hint"] = hint
            printJSON(object)
        } else {
            var text = "Error: " + (name.map { "\($0): " } ?? "") + message + "\n"
            if let hint { text += "Hint: \(hint)\n" }
            FileHandle.standardError.write(Data(text.utf8))
        }
        throw ExitCode(1)
    }

    /// What to do about an API error.
    static func advice(for error: CloudError) -> String? {
        if error.isNotFound { return "Check the name, --region and --account; `plumb sim functions`, `state-machines`, `roles` and `policies` list what exists." }
        if error.isThrottling {
            return error.reason == "ReservedFunctionConcurrentInvocationLimitExceeded"
                ? "The function's reserved concurrency refuses the call (0 throttles every invocation); change it, or wait for running invocations."
                : "Wait and retry (`plumb sim clock advance 1s` moves a virtual clock), or check `plumb sim fault list`; `plumb sim settings --rate-limits off` turns rate limits off for this store."
        }
        switch error.code {
        case .serviceUnavailable: return "The region is down: `plumb sim region up <region>` brings it back; or use another --region."
        case .resourceConflict where error.isRetryable: return "Retry once the last update has settled (`plumb sim clock advance <seconds>` moves a virtual clock)."
        case .validation, .invalidParameterValue, .validationError, .invalidInput, .invalidRequestContent, .invalidArn, .invalidName, .invalidDefinition, .malformedPolicyDocument:
            return "Fix the value the message names and run the command again."
        default:
            return error.isRetryable ? "Retry later; `plumb sim fault list` shows injected faults." : nil
        }
    }

    /// Prints a value as pretty JSON with sorted keys and ISO 8601 dates.
    static func printJSON<T: Encodable>(_ value: T) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("null".utf8)
        print(String(decoding: data, as: UTF8.self))
    }

    /// Rows as left-aligned columns under a header.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], cell.count) } }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// A date as ISO 8601 in UTC.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Milliseconds with one decimal, or `-`.
    static func milliseconds(_ value: Double?) -> String {
        value.map { String(format: "%.1f", $0) } ?? "-"
    }
}
