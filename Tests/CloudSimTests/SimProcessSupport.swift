import Foundation
import Spawn
import Testing

/// The built `plumb` binary, for tests that run `plumb sim …` as a separate process.
///
/// Found next to the test bundle (`swift build --build-tests` builds it there), or at
/// `PLUMB_BINARY` when that is set.
enum PlumbBinary {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    /// The binary's path.
    static func path() throws -> String {
        if let configured = ProcessInfo.processInfo.environment["PLUMB_BINARY"], !configured.isEmpty { return configured }
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
        for candidate in [folder + "/plumb", (folder as NSString).deletingLastPathComponent + "/plumb"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw Missing(description: "the plumb binary is not next to the tests in \(folder); build it with `swift build --build-tests`, or set PLUMB_BINARY")
    }

    /// Runs `plumb` with `arguments` to completion (at most `timeout` seconds).
    static func run(_ arguments: [String], timeout: Double = 120) throws -> ProcessOutput {
        try Spawn.run(try path(), arguments, timeout: timeout)
    }

    /// Runs `plumb … --output json` and parses standard output as a JSON object.
    static func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let output = try run(arguments + ["--output", "json"])
        #expect(output.status == 0, "plumb \(arguments.joined(separator: " ")) failed: \(output.stderrText)", sourceLocation: sourceLocation)
        guard let object = try JSONSerialization.jsonObject(with: output.stdout) as? [String: Any] else {
            throw Missing(description: "plumb \(arguments.joined(separator: " ")) did not print a JSON object: \(output.stdoutText)")
        }
        return object
    }
}

/// Polls `condition` every 50 ms until it holds, for at most `timeout` seconds.
func waitUntil(timeout: Double, _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return true }
        try await Task.sleep(nanoseconds: 50_000_000)
    }
    return try await condition()
}
