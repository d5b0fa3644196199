import Foundation
import PlumbTesting
import Spawn
import Testing

/// The `plumb` executable built next to this test bundle.
enum PlumbBinary {
    /// Its path: `PLUMB_BINARY` when set, else `plumb` in the folder of the running test executable.
    static let path: String = {
        if let explicit = ProcessInfo.processInfo.environment["PLUMB_BINARY"], !explicit.isEmpty { return explicit }
        let me = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var folder = (me as NSString).deletingLastPathComponent
        // The test bundle may be a folder (`*.xctest/...`); walk up to the build folder.
        while !folder.isEmpty && folder != "/" {
            let candidate = (folder as NSString).appendingPathComponent("plumb")
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue { return candidate }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return "plumb"
    }()
}

/// One end-to-end workspace: a git repository of desired state and a state folder (ledger and
/// simulated cloud), both in a temporary folder of their own.
final class Workspace: @unchecked Sendable {
    let folder: TemporaryDirectory
    let repo: GitFixture
    let state: String

    /// A workspace whose repository holds `files` (path → text) in one commit.
    init(_ files: [String: String], prefix: String = "plumb-e2e") throws {
        folder = try TemporaryDirectory(prefix: prefix)
        repo = try GitFixture(path: folder.appending("repo"))
        state = folder.appending("state")
        try write(files)
        _ = try repo.commit("initial desired state")
    }

    /// Writes files into the repository (not committed).
    func write(_ files: [String: String]) throws {
        for (path, text) in files { try repo.write(path, text) }
    }

    /// Writes files and commits them; answers the commit id.
    @discardableResult
    func commit(_ message: String, _ files: [String: String]) throws -> String {
        try write(files)
        return try repo.commit(message)
    }

    /// Runs `plumb ARGS --repo REPO --state-dir STATE` (`--repo` left out for `sim` and `history`).
    @discardableResult
    func plumb(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 180) throws -> ProcessOutput {
        var full = arguments
        let first = arguments.first ?? ""
        if first != "sim" && first != "history" { full += ["--repo", repo.path] }
        full += ["--state-dir", state]
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        return try Spawn.run(PlumbBinary.path, full, environment: env, timeout: timeout)
    }

    /// Runs plumb and requires exit status `status`, naming the output when it differs.
    @discardableResult
    func expect(_ status: Int32, _ arguments: [String], environment: [String: String] = [:],
                sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessOutput {
        let output = try plumb(arguments, environment: environment)
        #expect(output.status == status, "plumb \(arguments.joined(separator: " ")) exited \(output.status):\n\(output.stdoutText)\n\(output.stderrText)",
                sourceLocation: sourceLocation)
        return output
    }

    /// `plumb sim ... --output json` parsed as JSON.
    func simJSON(_ arguments: [String]) throws -> Any {
        let output = try plumb(["sim"] + arguments + ["--output", "json"])
        guard output.status == 0 else {
            throw Failure("plumb sim \(arguments.joined(separator: " ")) failed: \(output.stderrText)\(output.stdoutText)")
        }
        return try JSONSerialization.jsonObject(with: output.stdout, options: [.fragmentsAllowed])
    }

    /// `plumb history --output json` (newest first) as (commit, outcome) pairs, oldest first.
    func history() throws -> [(commit: String?, outcome: String)] {
        let output = try plumb(["history", "--output", "json", "--limit", "1000"])
        guard output.status == 0, let entries = try JSONSerialization.jsonObject(with: output.stdout) as? [[String: Any]] else {
            throw Failure("plumb history failed: \(output.stderrText)")
        }
        return entries.reversed().compactMap { entry in
            guard let attempt = entry["attempt"] as? [String: Any], let outcome = attempt["outcome"] as? String else { return nil }
            return (attempt["commit"] as? String, outcome)
        }
    }

    /// The drift check's exit status and output.
    func drift(_ extra: [String] = []) throws -> ProcessOutput { try plumb(["drift"] + extra) }
}

/// A test failure with a message.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
