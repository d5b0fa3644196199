import ArgumentParser
import DesiredState
import Foundation
import Reconcile
import Synchronization

extension Plumb {
    /// `plumb plan`: what apply would change, without changing anything.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Show what apply would change in the environment, field by field, without changing anything.",
            discussion: """
                Compares the desired state at --ref (or the folder on disk with --working-tree) with the live \
                environment: creates, updates (each field with its live and desired value, secrets masked, and \
                the rollout it will use) and deletions of managed resources no longer desired (--no-prune keeps \
                them), in the order apply runs them. Changes held by maintenance (paused, a freeze window, \
                blocked resources, emergency shutdown) are listed with the reason. \
                To stay fast on large environments, a resource found in sync before (a cache in <state-dir>/cache) \
                is not read again while its desired fields and its change token (which the environment moves on \
                any change to it: configuration, code, aliases, versions, concurrency, policies, tags) stay the \
                same; the others are read one by one, or, when many are, everything is listed and per-resource \
                details (aliases, reserved concurrency, tags, role policies) are read only for resources whose \
                desired fields changed since the last deployed commit (from the ledger, or --since) and for \
                every resource with a change. plumb drift reads everything. --full reads everything. \
                The desired side is kept small the same way: each plan of a commit leaves a digest of it in \
                <state-dir>/cache/desired-state, and the next plan of a later commit loads and checks only the \
                functions and state machines changed since (and the resources it must read), when the changes \
                allow it (manifest edits that keep names and references, code, definitions, input files); any other \
                change, --working-tree, --since, --full or a URL --repo loads the whole commit. \
                Exit code 0 when there is nothing to change, 2 when there are changes (or held \
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

        @Option(help: "The commit the environment was last converged to (default: the last deployed commit in the ledger); resources whose desired fields are the same there are compared on what the list calls show.")
        var since: String?

        func validate() throws {
            if workingTree && global.ref != "HEAD" {
                throw ValidationError("--working-tree reads the files on disk; it cannot be combined with --ref")
            }
            if full && since != nil {
                throw ValidationError("--full reads everything; --since would not be used")
            }
        }

        func run() async throws {
            let started = PhaseTimings.requested ? PhaseTimings.sinceProcessStart() : nil
            var timings = PhaseTimings()
            let outcome: PlanSession.Outcome
            // Files written on other threads are waited for before the command ends.
            let writes = DispatchGroup()
            defer { writes.wait() }
            if let planned = try await planChanges(timings: &timings, writes: writes) {
                outcome = planned
            } else {
                outcome = try await planWhole(timings: &timings, writes: writes)
            }
            ExitKeeper.keep(outcome)
            let plan = outcome.plan
            switch global.output {
            case .text: print(plan.renderText(), terminator: "")
            case .json: print(plan.renderJSON(), terminator: "")
            case .markdown: print(plan.renderMarkdown(), terminator: "")
            }
            timings.end("output")
            if let started {
                // (The wait the deferred one would do, timed.)
                writes.wait()
                timings.end("cache files written on other threads (waited for)")
                let startup = String(format: "%.1f", started)
                FileHandle.standardError.write(Data("timing process start to command: \(startup) ms\n\(timings.report())timing allocator: \(ProcessMemory.allocatorName), huge pages \(ProcessMemory.largePages.rawValue)\n".utf8))
            }
            if !plan.isEmpty { throw ExitCode(2) }
        }

        /// Loads the whole commit (or working tree) and plans it; leaves the commit's digest for
        /// the next plan (see `planChanges`). The parse cache and the digest are written on other
        /// threads, in `writes`.
        func planWhole(timings: inout PhaseTimings, writes: DispatchGroup) async throws -> PlanSession.Outcome {
            let stateDirectory = global.stateDir
            let full = self.full
            // The environment is read while the desired state is checked: the change tokens,
            // and the list when the plan will need it (no verification cache to read one by one).
            var early: (cache: VerificationCache?, prefetch: LivePrefetch)?
            let context = try await CommandContext.open(global, workingTree: workingTree, chooseRegion: {
                try await LastDeployed.activeRegion(stateDirectory: stateDirectory, environment: $0)
            }, backgroundSaves: true, onTarget: { provider in
                let cache = full ? nil : VerificationCache(folder: CommandContext.cacheFolder(stateDirectory), scope: provider.scope)
                early = (cache, LivePrefetch(LiveStateReader(provider: provider), counters: cache != nil, unlessAt: cache?.snapshot?.watermark,
                                             list: cache?.entries.isEmpty ?? true))
            })
            let prefetched = early?.prefetch.scope == context.provider.scope ? early : nil
            // Every load of this context (the baseline's too) has started its parse cache write
            // by the time this function returns.
            defer { context.loader.cache.addSaves(to: writes) }
            timings.end("desired load, ledger (active region) and environment open")
            // The commit's digest, for the next plan (not for a URL: each plan fetches it again).
            let writesDigest = !RepositoryLocator.isURL(global.repo)
            let digestStarted = Atomic<Bool>(false)
            let selector = global.env
            let writeDigest: @Sendable ([ResourceID: UInt64]) -> Void = { fingerprints in
                guard let digest = context.digest(fingerprints: fingerprints) else { return }
                digest.write(folder: CommandContext.desiredStateCacheFolder(stateDirectory), selector: selector)
                ExitKeeper.keep(digest)
            }
            let outcome: PlanSession.Outcome
            do {
                let cache = prefetched.map(\.cache) ?? (full ? nil : VerificationCache(folder: context.cacheFolder, scope: context.provider.scope))
                var baseline: DesiredState?
                if !full, since != nil || cache?.entries.isEmpty == true {
                    baseline = try await loadBaseline(context)
                }
                timings.end("cache and baseline load")
                var session = PlanSession(provider: context.provider, cache: cache, baseline: baseline, options: PlanOptions(prune: prune))
                session.prefetch = prefetched?.prefetch
                session.cacheSaves = writes
                if writesDigest {
                    // The digest is made (and written) while the plan compares, from the
                    // fingerprints the plan computes first.
                    session.onDesiredFingerprints = { prints in
                        digestStarted.store(true, ordering: .relaxed)
                        DispatchQueue.global().async(group: writes) {
                            writeDigest(PlanSession.digestFingerprints(of: context.desired, known: prints))
                        }
                    }
                }
                outcome = try await session.run(context.desired)
                ExitKeeper.keep(session)
                timings.append(outcome.timings)
            } catch {
                await context.close()
                throw error
            }
            await context.close()
            timings.end("environment close")
            if writesDigest, !digestStarted.load(ordering: .relaxed) {
                DispatchQueue.global().async(group: writes) {
                    writeDigest(PlanSession.digestFingerprints(of: context.desired, outcome: outcome))
                }
            }
            ExitKeeper.keep(context.desired)
            ExitKeeper.keep(context.loader)
            return outcome
        }

        /// The desired state at --since, or at the last deployed commit (nil when there is none
        /// or it cannot be loaded any more: then every resource is read).
        func loadBaseline(_ context: CommandContext) async throws -> DesiredState? {
            if let since { return try context.desiredState(at: since, reportWarnings: false) }
            guard let commit = try await LastDeployed.commit(stateDirectory: context.stateDirectory, environment: context.ledgerKey) else {
                return nil
            }
            do {
                return try context.desiredState(at: commit, reportWarnings: false)
            } catch {
                FileHandle.standardError.write(Data("note: the last deployed commit \(commit.prefix(7)) cannot be loaded (\(error)); reading every resource\n".utf8))
                return nil
            }
        }
    }
}
