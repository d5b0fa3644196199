import ArgumentParser
import Cloud
import CloudSim
import DesiredState
import Foundation
import Reconcile
import Spawn

/// Deploying many new functions into a simulated cloud with AWS's rate limits enforced in
/// simulated time: the simulated duration against the rate-limit floor (calls ÷ allowed rate),
/// and whether any throttling error surfaced. Prints one JSON line.
struct DeployManyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "deploy-many")

    @Option(help: "How many new functions to deploy.") var count: Int = 10_000
    @Option(help: "Changes run at once.") var parallel: Int = 8
    @Option(help: "Work folder (default: a new temporary folder, removed afterwards).") var work: String?

    func run() async throws {
        let folder = work ?? NSTemporaryDirectory() + "plumb-deploy-many-\(UUID().uuidString)"
        defer { if work == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let repo = (folder as NSString).appendingPathComponent("repo")
        try BenchFunctions.write(count: count, to: repo)
        let state = (folder as NSString).appendingPathComponent("state")
        let cloud = try SimCloud(stateDirectory: state, initialSettings: SimSettings(rateLimitsEnabled: true))
        let ledger = try LedgerStore(stateDirectory: state)
        let access = BenchEnvironment(cloud: cloud)
        let timer = access.timer(for: try cloud.provider())
        let governor = RateGovernor(timer: timer)
        let deployer = Deployer(environment: "bench", ledger: ledger, access: access, source: BenchFolderSource(folder: repo),
                                progress: SilentProgress(), options: ExecutorOptions(maxParallel: parallel, governor: governor))
        let simulatedStart = try await timer.now()
        let wallStart = DispatchTime.now().uptimeNanoseconds
        let result = try await deployer.run(.apply(retryFailed: false, selfHeal: false))
        let wall = Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e9
        let simulated = try await timer.now().timeIntervalSince(simulatedStart)
        let floor = await governor.floorSeconds()
        let listed = try await cloud.provider().listFunctions().count
        await cloud.shutdown()
        report([
            "benchmark": "deploy-many", "functions": count, "deployed": listed, "outcome": result.outcome.rawValue,
            "simulatedSeconds": (simulated * 10).rounded() / 10, "floorSeconds": (floor * 10).rounded() / 10,
            "ratioToFloor": floor > 0 ? (simulated / floor * 1000).rounded() / 1000 : 0,
            "throttlingAnswers": await governor.throttleCount(), "calls": await governor.callCounts(),
            "wallSeconds": (wall * 100).rounded() / 100, "parallel": parallel,
        ])
        if result.outcome != .succeeded || listed != count {
            FileHandle.standardError.write(Data("deploy-many: \(result.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Commit to converged for one AllAtOnce function change, as a process: `plumb apply` after each
/// of `runs` commits that change one environment variable. Prints one JSON line.
struct ApplyLatencyBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "apply-latency")

    @Option(help: "The plumb executable (default: next to plumb-bench).") var plumb: String?
    @Option(help: "Commits applied; the median is reported.") var runs: Int = 10
    @Flag(help: "Give the function health gates (10 invocations per release).") var gates = false

    func run() async throws {
        let executable = plumb ?? ((CommandLine.arguments[0] as NSString).deletingLastPathComponent as NSString).appendingPathComponent("plumb")
        let folder = NSTemporaryDirectory() + "plumb-apply-latency-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let repo = (folder as NSString).appendingPathComponent("repo")
        let state = (folder as NSString).appendingPathComponent("state")
        try BenchFunctions.write(count: 1, to: repo, gates: gates)
        try git(["init", "-q", "-b", "main"], in: repo)
        try commit("initial", in: repo)
        try apply(executable, repo: repo, state: state)
        var times: [Double] = []
        for run in 0..<max(1, runs) {
            try BenchFunctions.write(count: 1, to: repo, gates: gates, setting: "run-\(run)")
            try commit("run \(run)", in: repo)
            let start = DispatchTime.now().uptimeNanoseconds
            try apply(executable, repo: repo, state: state)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
        }
        report(["benchmark": "apply-latency", "gates": gates, "runs": times.count,
                "medianMs": (median(times) * 10).rounded() / 10, "minMs": ((times.min() ?? 0) * 10).rounded() / 10,
                "maxMs": ((times.max() ?? 0) * 10).rounded() / 10])
    }

    func apply(_ executable: String, repo: String, state: String) throws {
        let output = try Spawn.run(executable, ["apply", "--repo", repo, "--state-dir", state], timeout: 120)
        guard output.status == 0 else { throw ValidationError("plumb apply failed (\(output.status)): \(output.stdoutText)\(output.stderrText)") }
    }

    func commit(_ message: String, in repo: String) throws {
        try git(["add", "-A"], in: repo)
        try git(["-c", "user.name=bench", "-c", "user.email=bench@plumb.invalid", "commit", "-q", "-m", message], in: repo)
    }

    func git(_ arguments: [String], in directory: String) throws {
        let output = try Spawn.run("/usr/bin/git", arguments, directory: directory, timeout: 60)
        guard output.status == 0 else { throw ValidationError("git \(arguments.joined(separator: " ")) failed: \(output.stderrText)") }
    }
}

/// A desired state of N functions sharing one code folder and one role.
enum BenchFunctions {
    /// Writes the manifests (and the shared code) into `folder`.
    static func write(count: Int, to folder: String, gates: Bool = false, setting: String = "initial") throws {
        try FileManager.default.createDirectory(atPath: folder + "/functions/shared", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/manifests", withIntermediateDirectories: true)
        try "def handler(event, context):\n    return {\"ok\": True}\n".write(toFile: folder + "/functions/shared/app.py", atomically: true, encoding: .utf8)
        let role = """
            apiVersion: plumb.dev/v1
            kind: Role
            metadata: {name: bench-role}
            spec: {trust: {service: lambda.amazonaws.com}}

            """
        try role.write(toFile: folder + "/manifests/role.yaml", atomically: true, encoding: .utf8)
        let health = gates ? "\n    healthGates: {maxErrorRate: 0.05, minInvocations: 10}" : ""
        // Manifest files may be at most 1 MiB: 1,000 functions per file.
        for start in stride(from: 0, to: count, by: 1000) {
            var text = ""
            for index in start..<min(count, start + 1000) {
                text += """
                    ---
                    apiVersion: plumb.dev/v1
                    kind: Function
                    metadata: {name: fn-\(index)}
                    spec:
                      runtime: python3.11
                      handler: app.handler
                      code: functions/shared
                      environment: {SETTING: "\(setting)"}
                      role: bench-role
                      alias: live
                      rollout:
                        strategy: AllAtOnce\(health)

                    """
            }
            try text.write(toFile: folder + "/manifests/functions-\(start / 1000).yaml", atomically: true, encoding: .utf8)
        }
    }
}

/// The benchmark's folder as desired state (a working tree).
struct BenchFolderSource: DesiredStateSource {
    let folder: String
    func requestedCommit() async throws -> CommitInfo? { nil }
    func requested(region: String?) async throws -> (state: DesiredState, commit: CommitInfo?) {
        (try DesiredStateLoader().load(directory: folder, region: region).validState(), nil)
    }
    func commit(_ id: String, region: String?) async throws -> (state: DesiredState, commit: CommitInfo) {
        throw ValidationError("the benchmark deploys a folder, not commit \(id)")
    }
}

/// The simulated cloud as the benchmark's environment.
struct BenchEnvironment: EnvironmentAccess {
    let cloud: SimCloud
    func provider(account: String, region: String) throws -> any CloudProvider { try cloud.provider(account: account, region: region) }
    func timer(for provider: any CloudProvider) -> EnvironmentTimer {
        let clock = cloud.clock
        return EnvironmentTimer(clock: provider.clock, sleepUntil: { try await clock.sleep(until: $0) })
    }
}
