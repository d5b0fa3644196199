import ArgumentParser
import Foundation
import Reconcile

extension Plumb {
    /// `plumb plan`: what apply would change, without changing anything.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what apply would change in the environment, field by field, without changing anything.",
            discussion: """
                Compares the desired state at --ref (or the folder on disk with --working-tree) with the live \
                environment: creates, updates (each field with its live and desired value, secrets masked, and \
                the rollout it will use) and deletions of managed resources no longer desired (--no-prune keeps \
                them), in the order apply runs them. Changes held by maintenance (paused, a freeze window, \
                blocked resources, emergency shutdown) are listed with the reason. \
                To stay fast on large environments, per-resource reads are skipped for resources found in sync \
                before whose desired fields and listed live state have not changed (see docs); --full reads \
                everything. Exit code 0 when there is nothing to change, 2 when there are changes (or held \
                changes), 1 on error. --output markdown prints a pull-request comment.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Flag(name: .customLong("working-tree"), help: "Plan the files on disk (uncommitted changes included) instead of a commit.")
        var workingTree = false

        @Flag(inversion: .prefixedNo, help: "Delete managed resources that are no longer in the desired state (default: on, as apply does).")
        var prune = true

        @Flag(help: "Read every resource's details instead of trusting what was found in sync before.")
        var full = false

        func validate() throws {
            if workingTree && global.ref != "HEAD" {
                throw ValidationError("--working-tree reads the files on disk; it cannot be combined with --ref")
            }
        }

        func run() async throws {
            let context = try await CommandContext.open(global, workingTree: workingTree)
            let outcome: PlanSession.Outcome
            do {
                let cache = full ? nil : VerificationCache(folder: context.cacheFolder, scope: context.provider.scope)
                let session = PlanSession(provider: context.provider, cache: cache, options: PlanOptions(prune: prune))
                outcome = try await session.run(context.desired)
            } catch {
                await context.close()
                throw error
            }
            await context.close()
            let plan = outcome.plan
            switch global.output {
            case .text: print(plan.renderText(), terminator: "")
            case .json: print(plan.renderJSON(), terminator: "")
            case .markdown: print(plan.renderMarkdown(), terminator: "")
            }
            if !plan.isEmpty { throw ExitCode(2) }
        }
    }
}
