import ArgumentParser
import DesiredState
import Foundation
import Spawn

extension Plumb {
    /// `plumb init [DIR]`: starts a new desired-state repository with a working example.
    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Start a new desired-state repository: git init, an example of every manifest kind, a README.",
            discussion: """
                Writes a small working example (a function with a Python handler, a state machine that \
                calls it, their roles and policy, a maintenance window and a dev environment) into DIR \
                (default: the current folder), makes it a git repository with a first commit, and \
                validates it.
                """
        )

        @Argument(help: "The folder to create the repository in (new or empty).")
        var directory: String = "."

        func run() async throws {
            let manager = FileManager.default
            let existing = (try? manager.contentsOfDirectory(atPath: directory))?.filter { $0 != ".git" } ?? []
            if !existing.isEmpty {
                FileHandle.standardError.write(Data("error: \(directory) is not empty (\(existing.sorted().prefix(3).joined(separator: ", "))…); run plumb init in a new or empty folder\n".utf8))
                throw ExitCode(1)
            }
            do {
                try RepositoryScaffold.write(to: directory)
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let committed = try makeRepository()
            let result = try DesiredStateLoader().load(directory: directory)
            if !result.diagnostics.isEmpty { print(DiagnosticRendering.text(result.diagnostics)) }
            print("Created a desired-state repository in \(directory):")
            for path in RepositoryScaffold.files.keys.sorted() { print("  \(path)") }
            print(DiagnosticRendering.summary(result))
            if committed {
                print("Next: edit the manifests, run `plumb validate --working-tree`, and commit.")
            } else {
                print("The files are not committed yet (git has no user name or email here): set them, then `git add -A && git commit`.")
            }
            if result.hasErrors { throw ExitCode(1) }
        }

        /// `git init -b main` (unless it is one already), then a first commit; false when git could not commit.
        private func makeRepository() throws -> Bool {
            if !FileManager.default.fileExists(atPath: (directory as NSString).appendingPathComponent(".git")) {
                try git(["init", "-q", "-b", "main"], required: true)
            }
            try git(["add", "-A"], required: true)
            return try git(["commit", "-q", "-m", "Start the desired state with plumb init"], required: false)
        }

        @discardableResult
        private func git(_ arguments: [String], required: Bool) throws -> Bool {
            let output = try Spawn.run("git", ["-C", directory] + arguments, timeout: 60)
            if output.status != 0 && required {
                FileHandle.standardError.write(Data("error: git \(arguments.joined(separator: " ")) failed: \(output.stderrText)\n".utf8))
                throw ExitCode(1)
            }
            return output.status == 0
        }
    }
}
