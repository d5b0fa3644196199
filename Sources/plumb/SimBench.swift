import ArgumentParser
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim bench`: control-plane calls and warm invocations per second.
    struct Bench: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bench",
            abstract: "Measure control-plane calls per second and warm invocations per second in a fresh temporary store.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Control-plane calls to time.") var calls: Int = 20_000
        @Option(name: .long, help: "Warm invocations to time.") var invocations: Int = 5_000
        @Option(name: .long, help: "Invocations in flight at once.") var concurrency: Int = 1
        @Flag(name: .customLong("in-place"), help: "Run in the --state-dir store (kept, rate limits as set there) instead of a temporary one.")
        var inPlace = false

        func validate() throws {
            guard calls >= 0, invocations >= 0 else { throw ValidationError("--calls and --invocations must be 0 or more") }
            guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        }

        func run() async throws {
            if global.output == .markdown { throw ValidationError("plumb sim prints text or json (--output text|json)") }
            do {
                let figures = inPlace
                    ? try await SimBenchmark.run(stateDirectory: global.stateDir, calls: calls, invocations: invocations, concurrency: concurrency)
                    : try await SimBenchmark.run(calls: calls, invocations: invocations, concurrency: concurrency)
                if global.output == .json { return SimCommand.printJSON(figures) }
                print(figures.description)
            } catch {
                try SimCommand.fail(error, global)
            }
        }
    }
}
