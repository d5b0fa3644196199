import ArgumentParser
import Foundation

/// Benchmarks that measure plumb's stages in-process; `scripts/bench` runs them next to their
/// baselines (C floors, the git CLI, a Python loader) in the same run and reports ratios.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plumb-bench",
        abstract: "In-process benchmarks of plumb's stages (run through scripts/bench).",
        subcommands: [ReadParse.self, ChangedPaths.self, DeployManyBench.self, ApplyLatencyBench.self, ExecutionsBench.self, WatchBench.self, PlanBench.self, LoadValidateBench.self]
    )
}

/// Wall-clock milliseconds of `body`.
func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

/// The median of `values` (which must not be empty).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
}

/// Prints one result line as JSON so scripts can read it.
func report(_ fields: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]),
       let text = String(data: data, encoding: .utf8) {
        print(text)
    }
}
