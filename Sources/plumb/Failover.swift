import ArgumentParser
import Cloud
import Foundation
import Reconcile

extension Plumb {
    /// `plumb failover`: move the environment to another region.
    struct Failover: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "failover",
            abstract: "Deploy the last good commit into another region and make it the environment's active region.",
            discussion: """
                Deploys the last commit deployed successfully (the requested commit when there is none) into \
                --to REGION with ARNs of that region, at once, and from then on apply, rollback and status use \
                that region. plumb apply also fails over by itself to the environment's backupRegion when the \
                active region does not answer. Fail back with `plumb failover --to PRIMARY` once it answers again. \
                Exit code 0 on success, 1 otherwise.
                """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var deploy: DeployOptions

        @Option(name: .customLong("to"), help: "The region to fail over to, such as us-west-2.")
        var to: String

        func validate() throws {
            guard CloudScope.isValidRegion(to) else {
                throw ValidationError("'\(to)' is not an AWS region name; give one such as us-west-2")
            }
        }

        func run() async throws {
            let session = try DeploySession.open(global, deploy: deploy)
            let result = try await session.run(.failover(to: to))
            try session.report(result)
        }
    }
}
