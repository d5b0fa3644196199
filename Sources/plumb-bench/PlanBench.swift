import ArgumentParser
import CloudSim
import DesiredState
import Foundation
import Git
import Reconcile
import Spawn

/// `plumb plan` after a one-file commit, end to end as a process, on an environment where
/// every resource of the benchmark repository (gen_repo.py) is already live.
///
/// Setup (once per state folder): the repository is copied without reserved concurrency (see
/// `BenchRepository`), and the simulated cloud is populated through its API with the desired
/// state of `HEAD~1` (converged: tagged, version 1 behind each alias), with rate limits off
/// while it is populated and on again afterwards. Then one `plumb plan --ref HEAD~1` (nothing
/// to change; fills the verification cache and leaves the digest of `HEAD~1`), and, each `runs`
/// times, at HEAD (one change):
/// - warm: `plumb plan` with the verification cache and the last plan's digest in place, each
///   run right after a `plumb plan --ref HEAD~1` (so HEAD is always planned from the digest of
///   `HEAD~1`, as the first plan after the commit is);
/// - cold: `plumb plan --since HEAD~1` with the caches removed first (parse cache, digest and
///   verification cache: the whole commit is parsed and checked; what changed since the commit
///   the environment was converged to is read in detail, the rest listed);
/// - full (once, unless skipped): `plumb plan --full`, every resource read in detail.
/// With `--floor`, the C floor (`git2_readall REPO HEAD -p`) runs right before each cold plan and
/// its own figure (walk + read + parse, ms) is reported as `floor_ms` (median), with
/// `cold_floor_ratio`, the median of each cold plan's time over the floor's just before it: the
/// host's speed varies from one minute to the next (the floor alone has measured 190–370 ms
/// within half an hour), and a pair run a second apart sees the same speed.
/// Prints one JSON line with wall-clock and CPU (user + system) milliseconds.
struct PlanBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plan")

    @Argument(help: "Benchmark repository (made by gen_repo.py).") var repo: String
    @Option(name: .customLong("state-dir"), help: "State folder for the simulated cloud (populated when new).") var stateDir: String
    @Option(help: "The plumb executable (default: next to plumb-bench).") var plumb: String?
    @Option(help: "Runs per figure; the median is reported.") var runs: Int = 5
    @Flag(help: "Skip the --full run (it reads every resource: minutes at 10,000 functions).") var skipFull = false
    @Option(help: "The C floor program (git2_readall), run on the repository before each cold plan.") var floor: String?

    func run() async throws {
        let executable = plumb ?? ((CommandLine.arguments[0] as NSString).deletingLastPathComponent as NSString).appendingPathComponent("plumb")
        try FileManager.default.createDirectory(atPath: stateDir, withIntermediateDirectories: true)
        let repo = (stateDir as NSString).appendingPathComponent("repo")
        try BenchRepository.prepare(source: self.repo, destination: repo)
        let seeded = (stateDir as NSString).appendingPathComponent("bench-seeded")
        var fields: [String: Any] = ["bench": "plan"]
        if !FileManager.default.fileExists(atPath: seeded) {
            let start = DispatchTime.now().uptimeNanoseconds
            let count = try await BenchSeeder.seed(repo: repo, revision: "HEAD~1", stateDirectory: stateDir)
            fields["seed_ms"] = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
            try Data("\(count) resources\n".utf8).write(to: URL(fileURLWithPath: seeded))
        }
        let base = ["plan", "--repo", repo, "--state-dir", stateDir]
        fields["converged_ms"] = try PlanRun.measure(executable, base + ["--ref", "HEAD~1"], expect: 0).wall
        var warm: [PlanRun] = []
        for _ in 0..<max(runs, 1) {
            // Each measured plan is the first one after the commit: the previous plan was of HEAD~1.
            _ = try PlanRun.measure(executable, base + ["--ref", "HEAD~1"], expect: 0)
            warm.append(try PlanRun.measure(executable, base, expect: 2))
        }
        let cache = (stateDir as NSString).appendingPathComponent("cache")
        var cold: [PlanRun] = []
        var floors: [Double] = []
        for _ in 0..<max(runs, 1) {
            if let floor { floors.append(try Self.floorFigure(floor, repository: self.repo)) }
            try? FileManager.default.removeItem(atPath: cache)
            cold.append(try PlanRun.measure(executable, base + ["--since", "HEAD~1"], expect: 2))
        }
        if !floors.isEmpty {
            fields["floor_ms"] = median(floors)
            fields["cold_floor_ratio"] = median(zip(cold, floors).map { $0.wall / $1 })
        }
        _ = try PlanRun.measure(executable, base + ["--ref", "HEAD~1"], expect: 0)
        fields["warm_ms"] = median(warm.map(\.wall))
        fields["warm_cpu_ms"] = median(warm.map(\.cpu))
        fields["cold_ms"] = median(cold.map(\.wall))
        fields["cold_cpu_ms"] = median(cold.map(\.cpu))
        fields["summary"] = warm.last?.summary ?? ""
        if !skipFull {
            let full = try PlanRun.measure(executable, base + ["--full"], expect: 2)
            fields["full_ms"] = full.wall
            fields["full_cpu_ms"] = full.cpu
        }
        report(fields)
    }
}

extension PlanBench {
    /// The C floor's own figure: the milliseconds it prints as `walk+read+parse=…ms`.
    static func floorFigure(_ program: String, repository: String) throws -> Double {
        let output = try Spawn.run(program, [repository, "HEAD", "-p"], timeout: 600)
        let text = output.stdoutText + output.stderrText
        guard output.status == 0, let range = text.range(of: "walk+read+parse="),
              let figure = Double(text[range.upperBound...].prefix { $0.isNumber || $0 == "." }) else {
            throw ValidationError("\(program) did not report its figure (exit \(output.status)): \(text.suffix(500))")
        }
        return figure
    }
}

/// One measured run of plumb.
struct PlanRun {
    /// Wall-clock milliseconds.
    var wall: Double
    /// CPU milliseconds (user + system) of the child.
    var cpu: Double
    /// The last line of its output.
    var summary: String

    /// Runs plumb, checks its exit status, and measures it.
    static func measure(_ executable: String, _ arguments: [String], expect: Int32) throws -> PlanRun {
        let cpuBefore = childCPU()
        let start = DispatchTime.now().uptimeNanoseconds
        let output = try Spawn.run(executable, arguments, timeout: 3600)
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        guard output.status == expect else {
            throw ValidationError("plumb \(arguments.joined(separator: " ")) exited \(output.status), expected \(expect):\n\(output.stdoutText.suffix(2000))\(output.stderrText.suffix(2000))")
        }
        let summary = output.stdoutText.split(separator: "\n").last.map(String.init) ?? ""
        return PlanRun(wall: wall, cpu: childCPU() - cpuBefore, summary: summary)
    }

    /// CPU milliseconds used by every child reaped so far.
    static func childCPU() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_CHILDREN.rawValue, &usage) == 0 else { return 0 }
        let user = Double(usage.ru_utime.tv_sec) * 1000 + Double(usage.ru_utime.tv_usec) / 1000
        let system = Double(usage.ru_stime.tv_sec) * 1000 + Double(usage.ru_stime.tv_usec) / 1000
        return user + system
    }
}
