import ArgumentParser
import Git

/// The `plumb` command: a GitOps reconciler for serverless workflows.
@main
struct Plumb: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plumb",
        abstract: "Keep Step Functions, Lambda functions and IAM converged on what git says.",
        discussion: """
            Exit codes: 0 success or no changes; 2 changes or drift present (plan, drift); \
            1 error. See docs/cli.md.
            """,
        version: PlumbVersion.string,
        subcommands: [Init.self, Validate.self, Plan.self, Drift.self, Apply.self, Rollback.self, History.self, Status.self, Failover.self, Watch.self, Sim.self]
    )

    /// Sets up the allocator, starts libgit2 while the command line is parsed, then runs the command.
    static func main() async {
        // Before anything is allocated (the heaps' first growth counts); the daemon keeps the
        // allocator's defaults.
        ProcessMemory.prepare(command: CommandLine.arguments.dropFirst().first)
        GitLibrary.initializeInBackground()
        await main(nil)
    }
}
