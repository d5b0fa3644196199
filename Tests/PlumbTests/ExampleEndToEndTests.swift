import Foundation
import PlumbTesting
import Spawn
import Testing

/// The example desired state of `desired-state/` deployed end to end.
struct ExampleEndToEndTests {
    /// `desired-state/` of this repository.
    static let example: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("desired-state").path

    /// Every file of the example, by path relative to its root.
    static func exampleFiles() throws -> [String: String] {
        var files: [String: String] = [:]
        guard let walker = FileManager.default.enumerator(atPath: example) else { throw Failure("cannot list \(example)") }
        while let path = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            let full = (example as NSString).appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue,
                  !path.contains("__pycache__") else { continue }
            files[path] = try String(contentsOfFile: full, encoding: .utf8)
        }
        return files
    }

    @Test func gatedCanaries_ofEveryExampleFunction_convergeOnTheirTrafficPayloads() throws {
        var files = try Self.exampleFiles()
        let workspace = try Workspace(files, prefix: "plumb-example")
        try workspace.expect(0, ["apply", "--env", "production"])
        // New code for all six functions: each is released by its canary or linear strategy,
        // with gates judged on the invocations of its traffic payload.
        for (path, text) in files where path.hasPrefix("functions/") && path.hasSuffix("/app.py") {
            files[path] = text + "\n# release 2\n"
        }
        try workspace.commit("release 2 of every function", files)
        let output = try workspace.expect(0, ["apply", "--env", "production", "--output", "json"])
        let events = output.stdoutText.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let result = try #require(events.last)
        #expect(result["outcome"] as? String == "succeeded", "apply: \(output.stdoutText.suffix(2000))")
        #expect((result["plan"] as? [String: Any])?["update"] as? Int == 6)
        let gated = Set(events.filter { $0["event"] as? String == "gate" }.compactMap { $0["resource"] as? String })
        #expect(gated.count == 6, "gates judged for \(gated.sorted())")
        #expect(events.contains { $0["event"] as? String == "traffic" && $0["percent"] as? Double == 10 })
        try workspace.expect(0, ["plan", "--env", "production"])
        try workspace.expect(0, ["drift", "--env", "production"])
    }
}
