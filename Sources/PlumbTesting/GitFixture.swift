import Foundation
import Spawn

/// A git repository in a folder, driven by the real `git` command-line tool.
///
/// Made for tests: every call runs `git` with a private, empty configuration (no user or system
/// config), a fixed identity, and a bounded timeout, and throws `GitFixture.Failure` with git's
/// output when git fails. Paths given to the methods are relative to the repository folder.
public final class GitFixture: Sendable {
    /// A git command that failed (non-zero exit status).
    public struct Failure: Error, CustomStringConvertible {
        /// The arguments given to git.
        public var arguments: [String]
        /// git's exit status.
        public var status: Int32
        /// What git wrote to stderr and stdout.
        public var output: String
        /// `git ARGS failed (status N): OUTPUT`
        public var description: String { "git \(arguments.joined(separator: " ")) failed (status \(status)): \(output)" }
    }

    /// The repository's folder (the working tree, or the repository itself when bare).
    public let path: String

    /// Runs `git init -b <branch>` in `path` (created if missing) and sets a local user name and email.
    public init(path: String, branch: String = "main", bare: Bool = false) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try git(["init", "-q", "-b", branch] + (bare ? ["--bare"] : []))
        try git(["config", "user.name", "Plumb Tester"])
        try git(["config", "user.email", "tester@plumb.invalid"])
    }

    /// Wraps an existing repository folder (e.g. one made by `clone`).
    public init(existing path: String) {
        self.path = path
    }

    /// The environment every git command runs with: no global or system config, a fixed identity.
    public static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment["GIT_AUTHOR_NAME"] = "Plumb Tester"
        environment["GIT_AUTHOR_EMAIL"] = "tester@plumb.invalid"
        environment["GIT_COMMITTER_NAME"] = "Plumb Tester"
        environment["GIT_COMMITTER_EMAIL"] = "tester@plumb.invalid"
        environment["LC_ALL"] = "C"
        return environment
    }()

    /// Runs `git ARGS` in the repository and returns its stdout with the trailing newline removed.
    @discardableResult
    public func git(_ arguments: [String], environment extra: [String: String] = [:]) throws -> String {
        try GitFixture.run(arguments, in: path, environment: extra)
    }

    /// Runs `git ARGS` in `directory`; throws `Failure` on a non-zero exit.
    @discardableResult
    public static func run(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws -> String {
        let output = try Spawn.run("git", arguments,
                                   environment: environment.merging(extra) { _, new in new },
                                   directory: directory, timeout: 60)
        guard output.status == 0 else {
            throw Failure(arguments: arguments, status: output.status, output: output.stderrText + output.stdoutText)
        }
        var text = output.stdoutText
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Clones `source` (a path or URL) into `destination` and returns a fixture for the clone.
    public static func clone(_ source: String, to destination: String, bare: Bool = false) throws -> GitFixture {
        let parent = (destination as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        try run(["clone", "-q"] + (bare ? ["--bare"] : []) + [source, destination], in: parent)
        let fixture = GitFixture(existing: destination)
        if !bare {
            try fixture.git(["config", "user.name", "Plumb Tester"])
            try fixture.git(["config", "user.email", "tester@plumb.invalid"])
        }
        return fixture
    }
}
