import ArgumentParser
import Foundation
import Spawn

/// Prepares the repository the plan benchmark runs on from one made by gen_repo.py.
///
/// gen_repo.py gives every function a reserved concurrency of 5–100; together they exceed the
/// account's concurrency quota (1,000, AWS's default, which the simulated cloud enforces), so
/// that state can never be converged. The copy drops `reservedConcurrency` from every function
/// in the first commit and then replays the source's last commit (the one-file change), so
/// `HEAD~1` is convergeable and `HEAD~1..HEAD` is still a one-file change.
enum BenchRepository {
    /// Makes (once) the prepared copy of `source` at `destination`.
    static func prepare(source: String, destination: String) throws {
        if FileManager.default.fileExists(atPath: (destination as NSString).appendingPathComponent(".git")) { return }
        try git(["clone", "-q", source, destination], in: nil)
        try git(["checkout", "-q", "-B", "bench", "HEAD~1"], in: destination)
        let functions = (destination as NSString).appendingPathComponent("functions")
        let paths = FileManager.default.enumerator(atPath: functions)?.compactMap { $0 as? String } ?? []
        for relative in paths where relative.hasSuffix(".yaml") {
            let path = (functions as NSString).appendingPathComponent(relative)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let kept = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("  reservedConcurrency:") }
            try Data(kept.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
        try git(["commit", "-q", "-am", "bench: functions without reserved concurrency"], in: destination)
        let patch = try git(["diff", "HEAD~1", "HEAD"], in: source)
        try git(["apply", "-"], in: destination, input: patch)
        try git(["commit", "-q", "-am", "one-file change (from the source's last commit)"], in: destination)
    }

    @discardableResult
    private static func git(_ arguments: [String], in directory: String?, input: Data? = nil) throws -> Data {
        let base = ["-c", "user.name=bench", "-c", "user.email=bench@example.com"] + (directory.map { ["-C", $0] } ?? [])
        let output = try Spawn.run("/usr/bin/git", base + arguments, input: input, timeout: 600)
        guard output.status == 0 else {
            throw ValidationError("git \(arguments.joined(separator: " ")) failed (status \(output.status)): \(output.stderrText)")
        }
        return output.stdout
    }
}
