import ArgumentParser
import Foundation
import Reconcile

extension Plumb {
    /// `plumb drift`: how the environment differs from the last deployed commit.
    struct Drift: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drift",
            abstract: "Report how the live environment differs from the last deployed commit.",
            discussion: """
                Compares the environment with the last commit deployed to it successfully (from the ledger \
                in --state-dir; with --ref other than HEAD, or without a ledger entry, the commit --ref names). \
                Reports modified resources (each field with its desired and live value, secrets masked), \
                missing ones, orphaned ones (managed by plumb, no longer desired), unmanaged ones (not tagged \
                plumb:managed), and differences held by maintenance (pending, not drift). Reads every resource \
                (--cached trusts what a plan found in sync before). Exit code 0 when there is no drift, \
                2 when there is, 1 on error.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Flag(help: "Trust resources found in sync before whose desired fields and change token are unchanged (faster; an environment without change tokens is compared on its listed state, which may miss out-of-band alias, concurrency or tag edits).")
        var cached = false

        func run() async throws {
            let explicitRef = global.ref != "HEAD"
            let stateDirectory = global.stateDir
            let context = try await CommandContext.open(global, chooseRef: { environment in
                explicitRef ? nil : try await LastDeployed.commit(stateDirectory: stateDirectory, environment: environment)
            }, chooseRegion: { try await LastDeployed.activeRegion(stateDirectory: stateDirectory, environment: $0) })
            let report: DriftReport
            do {
                let cache = cached ? VerificationCache(folder: context.cacheFolder, scope: context.provider.scope) : nil
                var session = PlanSession(provider: context.provider, cache: cache, options: PlanOptions(prune: true))
                session.readsOneByOne = false
                let outcome = try await session.run(context.desired)
                report = Reconcile.Drift.report(desired: context.desired, live: outcome.live, now: outcome.live.readAt)
            } catch {
                await context.close()
                throw error
            }
            await context.close()
            switch global.output {
            case .text: print(report.renderText(), terminator: "")
            case .json: print(report.renderJSON(), terminator: "")
            case .markdown: print(report.renderMarkdown(), terminator: "")
            }
            if report.hasDrift { throw ExitCode(2) }
        }
    }
}

/// What the ledger says an environment runs: the last commit deployed successfully, and the
/// region it runs in after a failover.
enum LastDeployed {
    /// The commit, or nil when the state folder has no ledger or the environment no deployment.
    static func commit(stateDirectory: String, environment: String) async throws -> String? {
        try await record(stateDirectory: stateDirectory, environment: environment)?.lastGoodCommit
    }

    /// The active region after a failover, or nil when the environment runs in its own region.
    static func activeRegion(stateDirectory: String, environment: String) async throws -> String? {
        try await record(stateDirectory: stateDirectory, environment: environment)?.activeRegion
    }

    /// The environment's ledger record, nil without a ledger.
    static func record(stateDirectory: String, environment: String) async throws -> EnvironmentRecord? {
        let path = (stateDirectory as NSString).appendingPathComponent(LedgerStore.fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try await LedgerStore(path: path).environmentRecord(environment)
    }
}
