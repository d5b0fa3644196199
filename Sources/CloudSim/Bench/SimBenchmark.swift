import Cloud
import Foundation

/// Measures the simulated cloud: control-plane calls per second through the store, and warm
/// invocations per second through the store and the runtime.
public enum SimBenchmark {
    /// What one run measured.
    public struct Figures: Sendable, Codable, CustomStringConvertible {
        /// Timed control-plane calls.
        public var controlPlaneCalls: Int
        /// Their wall time in seconds.
        public var controlPlaneSeconds: Double
        /// `controlPlaneCalls / controlPlaneSeconds`.
        public var controlPlanePerSecond: Double
        /// Timed warm invocations (warm-up excluded).
        public var invocations: Int
        /// Their wall time in seconds.
        public var invocationSeconds: Double
        /// `invocations / invocationSeconds`.
        public var invocationsPerSecond: Double
        /// Invocations in flight at once.
        public var concurrency: Int
        /// Timed invocations that failed or were cold starts (0 expected).
        public var failures: Int

        /// The figures in one line.
        public var description: String {
            String(format: "control plane: %d calls in %.3f s = %.0f calls/s; warm invocations: %d in %.3f s = %.0f/s (concurrency %d, %d failures)",
                   controlPlaneCalls, controlPlaneSeconds, controlPlanePerSecond, invocations, invocationSeconds,
                   invocationsPerSecond, concurrency, failures)
        }
    }

    static let handler = "def handler(event, context):\n    return {\"ok\": True, \"n\": event.get(\"n\")}\n"

    /// Runs both measurements in a fresh store under a temp folder (removed afterwards).
    public static func run(calls: Int, invocations: Int, concurrency: Int = 1) async throws -> Figures {
        let root = NSTemporaryDirectory() + "plumb-sim-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        return try await run(stateDirectory: root, settings: SimSettings(rateLimitsEnabled: false),
                             calls: calls, invocations: invocations, concurrency: concurrency)
    }

    /// Runs both measurements in the store under `stateDirectory`, which is kept: functions
    /// named `bench-<run>-<n>` are created (with tags and version 1) and then updated, listed,
    /// re-aliased and re-tagged. Several runs may share one store at once.
    public static func run(stateDirectory: String, settings: SimSettings = SimSettings(rateLimitsEnabled: false),
                           calls: Int, invocations: Int, concurrency: Int = 1) async throws -> Figures {
        let workers = max(1, concurrency)
        let cloud = try SimCloud(stateDirectory: stateDirectory, initialSettings: settings,
                                 runtime: RuntimeConfiguration(cacheDirectory: stateDirectory + "/sim/runtime", maxWorkersPerVersion: workers))
        do {
            let figures = try await measure(cloud, calls: calls, invocations: invocations, concurrency: workers)
            await cloud.shutdown()
            return figures
        } catch {
            await cloud.shutdown()
            throw error
        }
    }

    private static func measure(_ cloud: SimCloud, calls: Int, invocations: Int, concurrency: Int) async throws -> Figures {
        let provider = try cloud.provider()
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let run = String(UUID().uuidString.prefix(8)).lowercased()
        let role: String
        do {
            role = try await provider.createRole(CreateRoleRequest(roleName: "bench", assumeRolePolicyDocument: trust)).arn
        } catch let error as CloudError where error.code == .entityAlreadyExists {
            role = try await provider.getRole("bench").arn
        }
        let code = CodeBundle(id: "bench-code", files: ["bench.py": CodeFile(text: handler)])
        let names = (0..<10).map { "bench-\(run)-\($0)" }
        for name in names {
            _ = try await provider.createFunction(CreateFunctionRequest(functionName: name, runtime: "python3.11", role: role,
                                                                        handler: "bench.handler", code: code, publish: true,
                                                                        tags: ["bench-run": run, "created": "yes"]))
            _ = try await provider.createAlias(name, name: "live", functionVersion: "1", description: "", routing: nil)
        }
        let arns = names.map { ARN.lambdaFunction($0, in: provider.scope).description }
        let controlStart = ContinuousClock.now
        for index in 0..<calls {
            let name = names[index % names.count]
            switch index % 5 {
            case 0: _ = try await provider.getFunction(name, qualifier: nil)
            case 1: _ = try await provider.updateFunctionConfiguration(name, FunctionConfigurationUpdate(description: "d\(index)"))
            case 2: _ = try await provider.listAliases(name)
            case 3: _ = try await provider.updateAlias(name, name: "live", AliasUpdate(description: "a\(index)"))
            default: try await provider.tagResource(arns[index % arns.count], tags: ["round": String(index)])
            }
        }
        let controlSeconds = seconds(ContinuousClock.now - controlStart)

        let payload = Data(#"{"n":1}"#.utf8)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<(invocations > 0 ? concurrency : 0) {
                group.addTask { _ = try await provider.invoke(names[0], qualifier: "live", payload: payload, invocationType: .requestResponse) }
            }
            try await group.waitForAll()
        }
        let invokeStart = ContinuousClock.now
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for lane in 0..<concurrency {
                let share = invocations / concurrency + (lane < invocations % concurrency ? 1 : 0)
                group.addTask {
                    var failed = 0
                    for _ in 0..<share {
                        let response = try await provider.invoke(names[0], qualifier: "live", payload: payload, invocationType: .requestResponse)
                        if response.functionError != nil || response.coldStart == true { failed += 1 }
                    }
                    return failed
                }
            }
            return try await group.reduce(0, +)
        }
        let invokeSeconds = seconds(ContinuousClock.now - invokeStart)
        return Figures(controlPlaneCalls: calls, controlPlaneSeconds: controlSeconds,
                       controlPlanePerSecond: controlSeconds > 0 ? Double(calls) / controlSeconds : 0,
                       invocations: invocations, invocationSeconds: invokeSeconds,
                       invocationsPerSecond: invokeSeconds > 0 ? Double(invocations) / invokeSeconds : 0,
                       concurrency: concurrency, failures: failures)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
