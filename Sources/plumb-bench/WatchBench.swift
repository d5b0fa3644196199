import ArgumentParser
import Controller
import Foundation
import PlumbTesting
import Spawn
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's two figures: idle CPU of `plumb watch` with three controllers (from
/// /proc/PID/stat over a window), and push + webhook → converged latency for one AllAtOnce
/// function change (each sample: commit; then, timed, push to a bare repository served by
/// `git daemon`, signed webhook, poll /status every 2 ms until the commit is the last good one).
struct WatchBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "watch")

    @Option(help: "The plumb executable (default: beside plumb-bench).") var plumb: String?
    @Option(help: "Seconds of the idle CPU window.") var idleSeconds: Double = 30
    @Option(help: "Poll interval of the idle controllers.") var interval: String = "30s"
    @Option(help: "Push + webhook samples.") var samples: Int = 40

    func run() throws {
        let binary = plumb ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("plumb").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw ValidationError("no plumb executable at \(binary); build it (swift build -c release --product plumb) or pass --plumb")
        }
        let directory = try TemporaryDirectory(prefix: "plumb-bench-watch")
        let work = try GitFixture(path: directory.appending("work"))
        let served = try GitFixture(path: directory.appending("served/app.git"), bare: true)
        try work.addRemote(url: served.path)
        try WatchBench.writeState(work, message: "v0")
        _ = try work.commit("initial")
        try work.push("origin", "main")
        let gitDaemon = try GitDaemon(serving: directory.appending("served"))
        defer { gitDaemon.stop() }

        // Idle: three controllers on three environments, after their first passes.
        let idleState = directory.appending("idle-state")
        let idleFile = directory.appending("idle.yaml")
        try (["a", "b", "c"].map { WatchBench.controller(name: $0, url: gitDaemon.url("app.git"), state: idleState, interval: interval, secret: false) }
             .joined(separator: "---\n")).write(toFile: idleFile, atomically: true, encoding: .utf8)
        let idle = try Daemon(binary: binary, file: idleFile, state: idleState, log: directory.appending("idle.log"))
        try idle.waitUntil(timeout: 120) { status in status.controllers.allSatisfy { $0.lastGoodCommit != nil && $0.activity == .idle } }
        sleep(2)
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let before = try WatchBench.cpuTicks(idle.child.pid)
        let start = Date()
        usleep(useconds_t(idleSeconds * 1_000_000))
        let used = Double(try WatchBench.cpuTicks(idle.child.pid) - before) / ticks
        let elapsed = Date().timeIntervalSince(start)
        idle.child.terminate(grace: 30)
        report(["bench": "watch-idle-cpu", "controllers": 3, "interval": interval, "seconds": elapsed,
                "cpuSeconds": used, "percentOfOneCore": used / elapsed * 100])

        // Latency: one controller with a webhook secret and a long interval.
        let state = directory.appending("latency-state")
        let file = directory.appending("latency.yaml")
        try WatchBench.controller(name: "bench", url: gitDaemon.url("app.git"), state: state, interval: "1h", secret: true)
            .write(toFile: file, atomically: true, encoding: .utf8)
        let secret = "bench-secret"
        let daemon = try Daemon(binary: binary, file: file, state: state, log: directory.appending("latency.log"),
                                environment: ["PLUMB_BENCH_SECRET": secret])
        try daemon.waitUntil(timeout: 120) { $0.controllers.first?.lastGoodCommit != nil && $0.controllers.first?.activity == .idle }
        var total: [Double] = []
        var fromWebhook: [Double] = []
        for index in 1...max(samples, 1) {
            try WatchBench.writeState(work, message: "v\(index)")
            let commit = try work.commit("change \(index)")
            let began = DispatchTime.now().uptimeNanoseconds
            try work.push("origin", "main")
            let hooked = DispatchTime.now().uptimeNanoseconds
            let body = Array(#"{"ref":"refs/heads/main","after":"\#(commit)","repository":{"clone_url":"\#(gitDaemon.url("app.git"))"}}"#.utf8)
            let response = try daemon.request("POST", "/hooks/git", headers: [
                "X-Hub-Signature-256": WebhookSignature.githubSignature(body: body, secret: Array(secret.utf8))], body: body)
            guard response.status == 202 else { throw ValidationError("webhook answered \(response.status): \(response.text)") }
            try daemon.waitUntil(timeout: 60, pause: 2_000) { $0.controllers.first?.lastGoodCommit == commit }
            let end = DispatchTime.now().uptimeNanoseconds
            total.append(Double(end - began) / 1_000_000)
            fromWebhook.append(Double(end - hooked) / 1_000_000)
        }
        daemon.child.terminate(grace: 30)
        report(["bench": "watch-push-webhook-converged", "samples": total.count,
                "p50ms": percentile(total, 0.5), "p99ms": percentile(total, 0.99), "maxms": total.max() ?? 0,
                "webhookToConvergedP50ms": percentile(fromWebhook, 0.5), "webhookToConvergedP99ms": percentile(fromWebhook, 0.99)])
    }

    /// utime + stime of `pid`, in clock ticks.
    static func cpuTicks(_ pid: pid_t) throws -> Int {
        let text = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = text.lastIndex(of: ")") else { throw ValidationError("unreadable /proc/\(pid)/stat") }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3, utime 14 and stime 15 (1-based over the whole line).
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { throw ValidationError("unreadable /proc/\(pid)/stat") }
        return user + system
    }

    /// One function without health gates, released all at once, answering `message`; four
    /// environments in four accounts (IAM is global to an account, so environments that share
    /// one would share their roles).
    static func writeState(_ work: GitFixture, message: String) throws {
        try work.write("manifests/all.yaml", """
            apiVersion: plumb.dev/v1
            kind: Role
            metadata: {name: bench-role}
            spec:
              trust: {service: lambda.amazonaws.com}
            ---
            apiVersion: plumb.dev/v1
            kind: Function
            metadata: {name: bench}
            spec:
              runtime: python3.11
              handler: app.handler
              code: functions/bench
              role: bench-role
              alias: live
              rollout: {strategy: AllAtOnce}
            ---
            apiVersion: plumb.dev/v1
            kind: Environment
            metadata: {name: a}
            spec: {account: "000000000001", region: us-east-1}
            ---
            apiVersion: plumb.dev/v1
            kind: Environment
            metadata: {name: b}
            spec: {account: "000000000002", region: us-west-2}
            ---
            apiVersion: plumb.dev/v1
            kind: Environment
            metadata: {name: c}
            spec: {account: "000000000003", region: eu-west-1}
            ---
            apiVersion: plumb.dev/v1
            kind: Environment
            metadata: {name: bench}
            spec: {account: "111111111111", region: us-east-1}
            """)
        try work.write("functions/bench/app.py", "def handler(event, context):\n    return {\"message\": \"\(message)\"}\n")
    }

    static func controller(name: String, url: String, state: String, interval: String, secret: Bool) -> String {
        """
        apiVersion: plumb.dev/v1
        kind: Controller
        metadata: {name: \(name)}
        spec:
          source: {url: "\(url)"}
          environment: \(name)
          interval: \(interval)
          stateDirectory: "\(state)"
        \(secret ? "  webhook: {secretFromEnv: PLUMB_BENCH_SECRET}\n" : "")
        """
    }
}

/// The `q` quantile of `values` (nearest rank).
func percentile(_ values: [Double], _ q: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
}

/// A `plumb watch` process for a benchmark.
final class Daemon {
    let child: ChildProcess
    let address: DaemonAddress

    init(binary: String, file: String, state: String, log: String, environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "exec '\(binary)' watch '\(file)' --listen 127.0.0.1:0 --log-level warning 2>'\(log)'"],
                                 environment: env, stdin: .null, stdout: .null, stderr: .null)
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let record = DaemonAddress.read(stateDirectory: state), record.pid == child.pid {
                address = record
                return
            }
            if child.pollExit() != nil || Date() > deadline {
                child.terminate()
                throw ValidationError("plumb watch did not start; see \(log)")
            }
            usleep(10_000)
        }
    }

    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> LoopbackHTTPClient.Response {
        guard let (host, port) = address.hostAndPort else { throw ValidationError("bad address \(address.address)") }
        return try LoopbackHTTPClient.send(host: host, port: port, method: method, path: path, headers: headers, body: body)
    }

    func waitUntil(timeout: Double, pause: useconds_t = 20_000, _ condition: (DaemonStatus) -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let response = try? request("GET", "/status"), response.status == 200,
               let status = try? DaemonStatus.decoder.decode(DaemonStatus.self, from: Data(response.body)), condition(status) { return }
            usleep(pause)
        }
        throw ValidationError("timed out after \(Int(timeout)) s")
    }

    deinit { child.terminate(grace: 10) }
}
