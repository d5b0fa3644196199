import Foundation

/// Measures warm invocations per second through a `FunctionRuntime` with a trivial Python handler.
public enum RuntimeBenchmark {
    /// What one run measured.
    public struct Figures: Sendable, CustomStringConvertible {
        /// Timed invocations (warm-up excluded).
        public var invocations: Int
        /// Invocations in flight at once.
        public var concurrency: Int
        /// Wall time of the timed invocations.
        public var seconds: Double
        /// `invocations / seconds`.
        public var perSecond: Double
        /// Timed invocations that did not succeed with the expected payload.
        public var failures: Int
        /// Timed invocations that were cold starts (0 when every worker stayed warm).
        public var coldStarts: Int
        /// Median round trip of one invocation as the caller sees it, in milliseconds.
        public var p50Ms: Double
        /// 99th percentile round trip, in milliseconds.
        public var p99Ms: Double

        /// One line with every figure.
        public var description: String {
            String(format: "%d warm invocations, concurrency %d: %.0f/s (%.3f s), p50 %.3f ms, p99 %.3f ms, %d failures, %d cold starts",
                   invocations, concurrency, perSecond, seconds, p50Ms, p99Ms, failures, coldStarts)
        }
    }

    /// The handler measured: echoes a field of the event.
    static let handlerSource = "def handler(event, context):\n    return {\"ok\": True, \"n\": event.get(\"n\")}\n"

    /// Starts a runtime with `maxWorkersPerVersion = concurrency`, warms its workers, then times
    /// `invocations` invocations of one version from `concurrency` callers. Uses a temp folder
    /// that it removes afterwards.
    public static func run(invocations: Int, concurrency: Int = 1) async throws -> Figures {
        let root = NSTemporaryDirectory() + "plumb-runtime-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/code", withIntermediateDirectories: true)
        try handlerSource.write(toFile: root + "/code/bench.py", atomically: true, encoding: .utf8)
        let runtime = FunctionRuntime(configuration: RuntimeConfiguration(
            cacheDirectory: root + "/cache", maxWorkersPerVersion: max(1, concurrency)))
        let request = InvocationRequest(
            function: FunctionVersionID(functionArn: "arn:aws:lambda:us-east-1:000000000000:function:bench", version: "1"),
            codeDirectory: root + "/code", runtime: "python3.11", handler: "bench.handler",
            payload: Data(#"{"n": 1}"#.utf8))
        do {
            let figures = try await measure(runtime: runtime, request: request, invocations: invocations, concurrency: concurrency)
            await runtime.shutdown()
            return figures
        } catch {
            await runtime.shutdown()
            throw error
        }
    }

    /// Warms `concurrency` workers, then times `invocations` calls of `request` from
    /// `concurrency` tasks; a call fails unless it returns `{"ok": true, "n": 1}`.
    static func measure(runtime: FunctionRuntime, request: InvocationRequest, invocations: Int, concurrency: Int) async throws -> Figures {
        let callers = max(1, concurrency)
        _ = try await calls(runtime: runtime, request: request, counts: Array(repeating: 1, count: callers))
        let share = invocations / callers
        let counts = (0..<callers).map { $0 < invocations % callers ? share + 1 : share }
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = try await calls(runtime: runtime, request: request, counts: counts)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let latencies = outcomes.map(\.latencyMs).sorted()
        func percentile(_ p: Double) -> Double {
            latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
        }
        return Figures(
            invocations: outcomes.count, concurrency: callers, seconds: seconds,
            perSecond: seconds > 0 ? Double(outcomes.count) / seconds : 0,
            failures: outcomes.filter { !$0.ok }.count, coldStarts: outcomes.filter(\.cold).count,
            p50Ms: percentile(0.5), p99Ms: percentile(0.99))
    }

    private struct Outcome: Sendable {
        var ok: Bool
        var cold: Bool
        var latencyMs: Double
    }

    /// Runs `counts[i]` sequential invocations in caller `i`, all callers at once.
    private static func calls(runtime: FunctionRuntime, request: InvocationRequest, counts: [Int]) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: [Outcome].self) { group in
            for count in counts {
                group.addTask {
                    let clock = ContinuousClock()
                    var outcomes: [Outcome] = []
                    outcomes.reserveCapacity(count)
                    for _ in 0..<count {
                        let start = clock.now
                        let result = try await runtime.invoke(request)
                        let elapsed = clock.now - start
                        let ok = result.status == .success(Data(#"{"ok": true, "n": 1}"#.utf8))
                        outcomes.append(Outcome(
                            ok: ok, cold: result.coldStart,
                            latencyMs: Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15))
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
