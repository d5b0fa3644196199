import ArgumentParser
import DesiredState
import Foundation

extension Plumb {
    /// `plumb validate`: loads the desired state and reports every problem.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check the desired state (manifests, definitions, policies, references) without touching any environment.",
            discussion: """
                Reads the manifests at a commit (default HEAD), or the folder on disk with --working-tree, \
                applies the environment named by --env, and reports every problem at once with its file, \
                line and column. Exit code 0 when there are no errors (warnings allowed), 1 otherwise.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Flag(name: .customLong("working-tree"), help: "Validate the files on disk (uncommitted changes included) instead of a commit.")
        var workingTree = false

        func validate() throws {
            if workingTree && global.ref != "HEAD" {
                throw ValidationError("--working-tree reads the files on disk; it cannot be combined with --ref")
            }
            if workingTree && RepositoryLocator.isURL(global.repo) {
                throw ValidationError("--working-tree needs a local folder, but --repo is a URL")
            }
            if global.output == .markdown {
                throw ValidationError("validate prints text or json")
            }
        }

        func run() async throws {
            let loader = DesiredStateLoader(cacheFolder: CommandContext.desiredStateCacheFolder(global.stateDir))
            // The parse cache is written while the report is printed; the process waits for it.
            loader.cache.savesInBackground = true
            defer { loader.cache.waitForSaves() }
            // What was loaded lives until the process exits: freeing it piece by piece costs more
            // than the load's checks on large repositories.
            ExitKeeper.keep(loader)
            let result: LoadResult
            do {
                if workingTree {
                    let folder = global.path.map { (global.repo as NSString).appendingPathComponent($0) } ?? global.repo
                    result = try loader.load(directory: folder, environment: global.env)
                } else {
                    let (repository, _) = try RepositoryLocator.open(global.repo, cacheDirectory: CommandContext.cloneFolder(global.stateDir))
                    result = try loader.load(repository: repository, revision: global.ref, path: global.path, environment: global.env)
                }
            } catch let error as LoadError {
                if global.output == .json {
                    print(DiagnosticRendering.json(failure: error.message))
                } else {
                    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                }
                throw ExitCode(1)
            }
            ExitKeeper.keep(result)
            switch global.output {
            case .json:
                print(DiagnosticRendering.json(result))
            case .text, .markdown:
                if !result.diagnostics.isEmpty { print(DiagnosticRendering.text(result.diagnostics)) }
                print(DiagnosticRendering.summary(result))
            }
            if result.hasErrors { throw ExitCode(1) }
        }
    }
}
