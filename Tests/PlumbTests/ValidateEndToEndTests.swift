import Foundation
import PlumbTesting
import Spawn
import Testing

/// `plumb validate` as a user runs it: on a commit, on the working tree, on a URL, with text and
/// JSON reports, and on revisions that do not exist.
struct ValidateEndToEndTests {
    static let role = """
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: fn-role}
        spec: {trust: {service: lambda.amazonaws.com}}
        """

    static func function(memory: String, extra: String = "") -> String {
        """
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: greeter}
        spec:
          runtime: python3.11
          handler: app.handler
          code: code
          role: fn-role
          memoryMB: \(memory)
        \(extra)
        """
    }

    static let files = [
        "iam.yaml": role,
        "fn.yaml": function(memory: "256"),
        "code/app.py": "def handler(event, context):\n    return event\n",
    ]

    @Test func example_validatesFromACommitTheWorkingTreeAndAURL() throws {
        let workspace = try Workspace(try ExampleEndToEndTests.exampleFiles(), prefix: "plumb-validate")
        for environment in ["production", "disaster-recovery", "test"] {
            let output = try workspace.expect(0, ["validate", "--env", environment])
            #expect(output.stdoutText.contains("valid"), "\(output.stdoutText)")
        }
        try workspace.expect(0, ["validate", "--env", "production", "--working-tree"])
        let url = "file://" + workspace.repo.path
        let remote = try PlumbBinaryRun.run(["validate", "--repo", url, "--env", "production", "--output", "json", "--state-dir", workspace.state])
        #expect(remote.status == 0, "\(remote.stdoutText)\(remote.stderrText)")
        let report = try #require(try JSONSerialization.jsonObject(with: remote.stdout) as? [String: Any])
        #expect(report["valid"] as? Bool == true)
        #expect((report["resources"] as? [String: Any])?["functions"] as? Int == 6)
        // The clone is kept in the state folder's one clone cache and fetched on the next use.
        let clones = try FileManager.default.contentsOfDirectory(atPath: workspace.state + "/repos")
        #expect(clones.count == 1)
        let again = try PlumbBinaryRun.run(["validate", "--repo", url, "--env", "production", "--state-dir", workspace.state])
        #expect(again.status == 0, "\(again.stdoutText)\(again.stderrText)")
    }

    @Test func brokenManifest_isReportedAtItsPlace_asTextAndJSON_andExitsOne() throws {
        let workspace = try Workspace(Self.files, prefix: "plumb-validate")
        try workspace.expect(0, ["validate"])
        try workspace.commit("too little memory and a misspelled field", ["fn.yaml": Self.function(memory: "64", extra: "  timout: 30")])
        let text = try workspace.expect(1, ["validate"])
        #expect(text.stdoutText.contains("fn.yaml:10:"), "\(text.stdoutText)")
        #expect(text.stdoutText.contains("timeout"), "a did-you-mean suggestion: \(text.stdoutText)")
        #expect(text.stdoutText.contains("fn.yaml:9:"), "the memory range: \(text.stdoutText)")
        let json = try workspace.expect(1, ["validate", "--output", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        let diagnostics = try #require(report["diagnostics"] as? [[String: Any]])
        let places = Set(diagnostics.compactMap { d -> String? in
            guard let file = d["file"] as? String, let line = d["line"] as? Int else { return nil }
            return "\(file):\(line)"
        })
        #expect(places.isSuperset(of: ["fn.yaml:9", "fn.yaml:10"]), "\(diagnostics)")
        #expect(diagnostics.allSatisfy { ($0["resource"] as? [String: Any])?["name"] as? String == "greeter" })
        // The commit before is still valid: --ref reads it without a checkout.
        try workspace.expect(0, ["validate", "--ref", "HEAD~1"])
    }

    @Test func revisionThatDoesNotExist_isAClearErrorWithExitOne() throws {
        let workspace = try Workspace(Self.files, prefix: "plumb-validate")
        let output = try workspace.expect(1, ["validate", "--ref", "0123456789abcdef0123456789abcdef01234567"])
        #expect(output.stderrText.contains("0123456789abcdef0123456789abcdef01234567"), "\(output.stderrText)")
        let json = try workspace.expect(1, ["validate", "--ref", "no-such-branch", "--output", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any])
        #expect(report["valid"] as? Bool == false)
        #expect((report["error"] as? String)?.contains("no-such-branch") == true, "\(report)")
    }
}

/// Runs the plumb binary with exactly the given arguments.
enum PlumbBinaryRun {
    static func run(_ arguments: [String], timeout: Double = 180) throws -> ProcessOutput {
        try Spawn.run(PlumbBinary.path, arguments, timeout: timeout)
    }
}
