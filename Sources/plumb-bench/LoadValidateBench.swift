import ArgumentParser
import DesiredState
import Foundation
import Git

/// Load + validate of the desired state from git, in one process, on a benchmark repository
/// whose last commit changes one file (gen_repo.py):
/// - cold: a fresh loader (empty cache) and a freshly opened repository per run, at `ref`;
/// - reload: HEAD~1 then HEAD with the same loader (the in-memory cache keyed by blob id);
/// - disk: with `--cache-folder`, HEAD~1 loaded once to fill the on-disk cache, then HEAD, HEAD~1,
///   HEAD… each by a new loader (a new process's view: nothing in memory, the disk cache holding
///   the other commit, one file different);
/// - cold-disk: with `--cache-folder`, the folder emptied before each run, a new loader at `ref`:
///   a cold load that also writes the whole on-disk cache (a new process's first load);
/// - peak RSS of the process after the first cold load, and at the end.
/// Loaders are freed after their load is timed: a process that loads once exits without freeing.
/// Prints one JSON line with wall-clock and CPU (user + system) milliseconds.
struct LoadValidateBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load-validate")

    @Argument(help: "Benchmark repository (made by gen_repo.py).") var repo: String
    @Option(help: "Revision loaded cold.") var ref: String = "HEAD"
    @Option(help: "Runs per figure; the median is reported.") var runs: Int = 5
    @Option(help: "Threads parsing files (default: the number of processors).") var parallelism: Int?
    @Option(name: .customLong("cache-folder"), help: "On-disk cache folder to measure (emptied first).") var cacheFolder: String?
    @Option(help: "Figures to measure, comma-separated: cold, reload, disk, cold-disk (the last two need --cache-folder; cold-disk is measured only when named).")
    var figures: String = "cold,reload,disk"

    func run() throws {
        let threads = parallelism ?? ProcessInfo.processInfo.activeProcessorCount
        let wanted = Set(figures.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        var fields: [String: Any] = ["bench": "load-validate", "parallelism": threads]
        var cold: [Timing] = []
        var functions = 0, diagnostics = 0
        for _ in 0..<(wanted.contains("cold") ? max(runs, 1) : 0) {
            var kept: DesiredStateLoader?
            cold.append(try Timing.measure {
                let repository = try Repository.open(path: repo)
                let loader = DesiredStateLoader(parallelism: threads)
                let result = try loader.load(repository: repository, revision: ref)
                functions = result.state.functions.count
                diagnostics = result.diagnostics.count
                kept = loader
            })
            withExtendedLifetime(kept) {}  // freed here, outside the timing
            if cold.count == 1 { fields["peak_rss_mb"] = Timing.peakResidentMegabytes() }
        }
        if !cold.isEmpty {
            fields["cold_ms"] = median(cold.map(\.wall))
            fields["cold_cpu_ms"] = median(cold.map(\.cpu))
            fields["functions"] = functions
            fields["diagnostics"] = diagnostics
        }
        var reload: [Timing] = []
        let repository = try Repository.open(path: repo)
        for _ in 0..<(wanted.contains("reload") ? max(runs, 1) : 0) {
            let loader = DesiredStateLoader(parallelism: threads)
            _ = try loader.load(repository: repository, revision: "HEAD~1")
            reload.append(try Timing.measure { _ = try loader.load(repository: repository, revision: "HEAD") })
            guard loader.cache.statistics.incrementalLoads == 1 else {
                throw ValidationError("the reload of HEAD did not take the incremental path")
            }
        }
        if !reload.isEmpty {
            fields["reload_ms"] = median(reload.map(\.wall))
            fields["reload_cpu_ms"] = median(reload.map(\.cpu))
        }
        if let cacheFolder, wanted.contains("disk") {
            try? FileManager.default.removeItem(atPath: cacheFolder)
            _ = try DesiredStateLoader(parallelism: threads, cacheFolder: cacheFolder).load(repository: Repository.open(path: repo), revision: "HEAD~1")
            var disk: [Timing] = []
            for run in 0..<max(runs, 1) {
                // The cache holds the other commit each time: one file differs.
                let revision = run % 2 == 0 ? "HEAD" : "HEAD~1"
                var kept: DesiredStateLoader?
                disk.append(try Timing.measure {
                    let loader = DesiredStateLoader(parallelism: threads, cacheFolder: cacheFolder)
                    _ = try loader.load(repository: Repository.open(path: repo), revision: revision)
                    guard loader.cache.statistics.fromDisk > 0 else { throw ValidationError("the on-disk cache was not used") }
                    kept = loader
                })
                withExtendedLifetime(kept) {}  // freed here, outside the timing
            }
            fields["disk_ms"] = median(disk.map(\.wall))
            fields["disk_cpu_ms"] = median(disk.map(\.cpu))
        }
        if let cacheFolder, wanted.contains("cold-disk") {
            var coldDisk: [Timing] = []
            for _ in 0..<max(runs, 1) {
                try? FileManager.default.removeItem(atPath: cacheFolder)
                var kept: DesiredStateLoader?
                coldDisk.append(try Timing.measure {
                    let loader = DesiredStateLoader(parallelism: threads, cacheFolder: cacheFolder)
                    _ = try loader.load(repository: Repository.open(path: repo), revision: ref)
                    kept = loader
                })
                withExtendedLifetime(kept) {}  // freed here, outside the timing
                guard FileManager.default.fileExists(atPath: cacheFolder + "/desired-state.bin") else {
                    throw ValidationError("the cold load wrote no on-disk cache")
                }
            }
            fields["cold_disk_ms"] = median(coldDisk.map(\.wall))
            fields["cold_disk_cpu_ms"] = median(coldDisk.map(\.cpu))
        }
        fields["peak_rss_all_mb"] = Timing.peakResidentMegabytes()
        report(fields)
    }
}

/// Wall-clock and CPU time (user + system, all threads) of one measured call.
struct Timing {
    var wall: Double
    var cpu: Double

    /// Runs `body` once and times it.
    static func measure(_ body: () throws -> Void) rethrows -> Timing {
        let cpuStart = cpuMilliseconds()
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
        return Timing(wall: wall, cpu: cpuMilliseconds() - cpuStart)
    }

    /// User + system CPU time of the process so far.
    static func cpuMilliseconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func ms(_ time: timeval) -> Double { Double(time.tv_sec) * 1000 + Double(time.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// The process's peak resident set so far, in MB.
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
