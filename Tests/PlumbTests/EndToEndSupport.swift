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

extension Workspace {
    /// `plumb sim function NAME --output json` (nil when the function does not exist there).
    func function(_ name: String, region: String = "us-east-1") throws -> [String: Any]? {
        let output = try plumb(["sim", "function", name, "--region", region, "--output", "json"])
        guard output.status == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any]
    }

    /// A function's reserved concurrency (nil when none is set).
    func reservedConcurrency(_ name: String) throws -> Int? {
        let detail = try function(name)?["function"] as? [String: Any]
        return detail?["reservedConcurrentExecutions"] as? Int
    }

    /// The version the function's `live` alias routes to.
    func liveVersion(_ name: String, region: String = "us-east-1") throws -> String? {
        let aliases = try function(name, region: region)?["aliases"] as? [[String: Any]]
        return aliases?.first { $0["name"] as? String == "live" }?["functionVersion"] as? String
    }

    /// The simulated clock's current time.
    func clockNow() throws -> Date {
        guard let state = try simJSON(["clock"]) as? [String: Any], let text = state["now"] as? String,
              let date = ISO8601DateFormatter().date(from: text) else {
            throw Failure("plumb sim clock gave no time")
        }
        return date
    }
}

extension Workspace {
    /// Runs SQL statements on an export of the simulated cloud (`plumb sim export`) with Python's
    /// sqlite3, answers the last statement's rows as text, and imports the export back when it
    /// changed something: an out-of-band edit made through `plumb sim`.
    @discardableResult
    func editSimulatedCloud(_ statements: [String], importBack: Bool) throws -> [[String]] {
        let file = folder.appending("export-\(UUID().uuidString).sqlite")
        try expect(0, ["sim", "export", file])
        let script = """
            import json, sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            rows = []
            for statement in json.loads(sys.argv[2]):
                rows = [[str(value) for value in row] for row in db.execute(statement).fetchall()]
            db.commit()
            print(json.dumps(rows))
            """
        let statementsJSON = String(decoding: try JSONSerialization.data(withJSONObject: statements), as: UTF8.self)
        let output = try Spawn.run("/usr/bin/env", ["python3", "-c", script, file, statementsJSON], timeout: 60)
        guard output.status == 0, let rows = try JSONSerialization.jsonObject(with: output.stdout) as? [[String]] else {
            throw Failure("editing the export failed: \(output.stderrText)")
        }
        if importBack { try expect(0, ["sim", "import", file]) }
        return rows
    }

    /// The tags of the resource whose ARN ends with `suffix`, from the simulated cloud's store.
    func tags(arnSuffix suffix: String) throws -> [String: String] {
        let rows = try editSimulatedCloud(["SELECT key, value FROM tag WHERE arn LIKE '%\(suffix)'"], importBack: false)
        return Dictionary(rows.compactMap { $0.count == 2 ? ($0[0], $0[1]) : nil }, uniquingKeysWith: { first, _ in first })
    }
}
