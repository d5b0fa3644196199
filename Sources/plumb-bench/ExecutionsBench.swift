import ArgumentParser
import Cloud
import CloudSim
import Foundation

/// Executions per second of the example orchestrator (`desired-state/`) in the simulated cloud
/// with warm functions: the six functions and the state machine are created in a fresh store
/// (rate limits off, virtual clock), `warmup` executions start the function workers, then
/// `count` executions run with at most `concurrency` at once. Prints one JSON line.
struct ExecutionsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "executions")

    @Option(help: "The example desired-state folder.") var desiredState: String = "desired-state"
    @Option(help: "Executions measured.") var count: Int = 1000
    @Option(help: "Executions running at once.") var concurrency: Int = 32
    @Option(help: "Executions run first to warm the functions.") var warmup: Int = 64
    @Option(help: "Warm workers (execution environments) each function version may keep.") var workersPerVersion: Int = RuntimeConfiguration().maxWorkersPerVersion

    /// The functions, by their placeholder in the definition.
    static let functions = [
        "DeploymentInitializer": "deployment-initializer", "DependencyResolver": "dependency-resolver",
        "MicroserviceDeployer": "microservice-deployer", "HealthChecker": "health-checker",
        "TrafficSwitcher": "traffic-switcher", "RollbackHandler": "rollback-handler",
    ]

    func validate() throws {
        guard count > 0, concurrency > 0, warmup >= 0, workersPerVersion > 0 else {
            throw ValidationError("--count, --concurrency and --workers-per-version must be positive, --warmup 0 or more")
        }
    }

    func run() async throws {
        let folder = NSTemporaryDirectory() + "plumb-bench-executions-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let cloud = try SimCloud(stateDirectory: folder, initialSettings: SimSettings(rateLimitsEnabled: false),
                                 runtime: RuntimeConfiguration(cacheDirectory: folder + "/runtime", maxWorkersPerVersion: workersPerVersion))
        do {
            let provider = try cloud.provider()
            let machine = try await seed(provider)
            let input = try String(contentsOfFile: (desiredState as NSString).appendingPathComponent("config/services.json"), encoding: .utf8)
            _ = try await runBatch(provider, machine: machine, input: input, total: warmup, prefix: "warm")
            try await provider.setExecutionRetention(count + warmup)
            let start = DispatchTime.now().uptimeNanoseconds
            let failures = try await runBatch(provider, machine: machine, input: input, total: count, prefix: "run")
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
            report(["benchmark": "executions", "count": count, "concurrency": concurrency, "workersPerVersion": workersPerVersion, "failed": failures,
                    "seconds": (seconds * 1000).rounded() / 1000, "executionsPerSecond": (Double(count) / seconds).rounded()])
            await cloud.shutdown()
        } catch {
            await cloud.shutdown()
            throw error
        }
    }

    /// Creates the role, the six functions and the state machine; answers the machine's ARN.
    func seed(_ provider: SimProvider) async throws -> String {
        let lambdaTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let statesTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
        let functionRole = try await provider.createRole(CreateRoleRequest(roleName: "deployment-functions", assumeRolePolicyDocument: lambdaTrust)).arn
        let machineRole = try await provider.createRole(CreateRoleRequest(roleName: "orchestrator", assumeRolePolicyDocument: statesTrust)).arn
        try await provider.putRolePolicy("orchestrator", policyName: "invoke", policyDocument:
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"arn:aws:lambda:*:*:function:*"}]}"#)
        var definition = try String(contentsOfFile: (desiredState as NSString).appendingPathComponent("state-machines/restaurant-deployment-orchestrator.asl.json"), encoding: .utf8)
        for (placeholder, name) in Self.functions.sorted(by: { $0.key < $1.key }) {
            let path = (desiredState as NSString).appendingPathComponent("functions/\(name)/app.py")
            let source = try String(contentsOfFile: path, encoding: .utf8)
            let function = try await provider.createFunction(CreateFunctionRequest(
                functionName: name, runtime: "python3.11", role: functionRole, handler: "app.handler",
                code: CodeBundle(id: name, files: ["app.py": CodeFile(text: source)]), timeout: 300))
            definition = definition.replacingOccurrences(of: "${\(placeholder)}", with: function.functionArn)
        }
        return try await provider.createStateMachine(CreateStateMachineRequest(
            name: "restaurant-deployment-orchestrator", definition: definition, roleArn: machineRole)).stateMachineArn
    }

    /// Runs `total` executions, `concurrency` at a time; answers how many did not succeed.
    func runBatch(_ provider: SimProvider, machine: String, input: String, total: Int, prefix: String) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            var started = 0
            var failures = 0
            func launch() {
                let name = "\(prefix)-\(started)"
                started += 1
                group.addTask {
                    let execution = try await provider.startExecution(StartExecutionRequest(stateMachineArn: machine, name: name, input: input))
                    await provider.awaitExecution(execution.executionArn)
                    return try await provider.describeExecution(execution.executionArn).status == .succeeded
                }
            }
            while started < min(concurrency, total) { launch() }
            while let succeeded = try await group.next() {
                if !succeeded { failures += 1 }
                if started < total { launch() }
            }
            return failures
        }
    }
}
