import ArgumentParser
import Foundation
import Reconcile

extension Plumb {
    /// `plumb rollback`: deploy an earlier commit at once, or finish a rollback that failed.
    struct Rollback: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rollback",
            abstract: "Deploy an earlier commit's state at once, or continue a rollback that failed.",
            discussion: """
                --to COMMIT deploys that commit's desired state without traffic steps or checks (the way back to a \
                known state) and records it as the deployed commit. The branch still says otherwise: the next \
                apply of the branch deploys it again, so revert the unwanted commits in git to make the rollback \
                last. --continue finishes attempts that were interrupted or whose rollback failed (for example while \
                a region did not answer), and nothing else. Exit code 0 on success, 1 otherwise.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var deploy: DeployOptions

        @Option(name: .customLong("to"), help: "The commit to deploy (id, branch, tag or HEAD~N).")
        var to: String?

        @Flag(name: .customLong("continue"), help: "Finish interrupted attempts and failed rollbacks only.")
        var continueRollback = false

        func validate() throws {
            if (to == nil) == (!continueRollback) {
                throw ValidationError("give either --to COMMIT or --continue")
            }
        }

        func run() async throws {
            let session = try DeploySession.open(global, deploy: deploy)
            let request: DeployRequest
            if let to {
                request = .rollback(to: try CommandContext.resolve(to, in: session.source.repository).hex)
            } else {
                request = .recoverOnly
            }
            let result = try await session.run(request)
            try session.report(result)
        }
    }
}
