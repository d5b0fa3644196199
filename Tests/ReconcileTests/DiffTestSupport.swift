import DesiredState
import Foundation
import PlumbTesting
import Reconcile
import Testing

/// Loads desired state written in tests or fixtures.
enum DesiredFixture {
    /// The handler file every fixture function's code folder holds.
    static let handler = "def handler(event, context):\n    return {'ok': True}\n"

    /// The folder of the diff fixture pairs.
    static var fixtures: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").path
    }

    /// Loads `manifests` (YAML text) from a folder in `directory`, with a code folder `code/`
    /// (and `code-<suffix>/` for each extra suffix) and any extra files; fails the test on errors.
    static func load(_ manifests: String, in directory: TemporaryDirectory, files: [String: String] = [:],
                     environment: String? = nil) throws -> DesiredState {
        let root = directory.appending("repo")
        try write("\(root)/manifests.yaml", manifests)
        try write("\(root)/code/app.py", handler)
        for (path, text) in files { try write("\(root)/\(path)", text) }
        let result = try DesiredStateLoader().load(directory: root, environment: environment)
        if result.hasErrors {
            Issue.record("desired state has errors:\n\(result.errors.map(\.description).joined(separator: "\n"))")
        }
        return result.state
    }

    /// Loads the fixture case `name`: `<name>-desired.yaml` and `<name>-live.json` (with
    /// `{{code}}` standing for the code folder's tree id).
    static func loadCase(_ name: String, in directory: TemporaryDirectory) throws -> (DesiredState, LiveState) {
        let desiredText = try String(contentsOfFile: "\(fixtures)/\(name)-desired.yaml", encoding: .utf8)
        let liveText = try String(contentsOfFile: "\(fixtures)/\(name)-live.json", encoding: .utf8)
        var files: [String: String] = [:]
        let definitions = "\(fixtures)/\(name)-definition.asl.json"
        if FileManager.default.fileExists(atPath: definitions) {
            files["definition.asl.json"] = try String(contentsOfFile: definitions, encoding: .utf8)
        }
        let desired = try load(desiredText, in: directory, files: files)
        let codeId = desired.functions.first?.code.treeID ?? ""
        return (desired, try LiveFixture.parse(liveText, codeId: codeId))
    }

    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}

extension Plan {
    /// Every diff of every change (held ones included), as `Kind/name path`.
    var diffPaths: [String] {
        (changes + held.map(\.change)).flatMap { change in change.diffs.map { "\(change.resource) \($0.path)" } }
    }
}
