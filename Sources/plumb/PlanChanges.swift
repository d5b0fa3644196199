import Cloud
import CloudSim
import DesiredState
import Foundation
import Git
import Reconcile

extension Plumb.Plan {
    /// The plan of `--ref` made from the digest the last plan of this environment left in
    /// `<state-dir>/cache/desired-state`: only the functions and state machines the commits
    /// since then changed are loaded and checked, and every other resource is trusted on its
    /// fingerprint in the digest and its change token (as the verification cache trusts it).
    /// Nil when that path does not apply (a working tree, `--full`, `--since`, a URL repository,
    /// no digest for this repository, path, environment and region, a change `loadChanges`
    /// does not handle, or a resource left out that must be compared); then the whole commit is
    /// loaded and planned, which writes a digest for the next plan. The cache files are written
    /// on other threads, in `writes`.
    func planChanges(timings: inout PhaseTimings, writes: DispatchGroup) async throws -> PlanSession.Outcome? {
        guard !workingTree, !full, since == nil, !RepositoryLocator.isURL(global.repo) else { return nil }
        let stateDirectory = global.stateDir
        let folder = CommandContext.desiredStateCacheFolder(stateDirectory)
        guard let digest = DesiredDigest.read(folder: folder, selector: global.env),
              let repository = try? Repository.open(path: global.repo) else { return nil }
        let environment: String?
        if let named = global.env {
            environment = named
        } else {
            guard let names = digest.environmentNames, (try? CommandContext.selectEnvironment(names)) == digest.key.environment else { return nil }
            environment = digest.key.environment
        }
        let region = try await LastDeployed.activeRegion(stateDirectory: stateDirectory, environment: CommandContext.ledgerKey(environment))
        let key = DesiredDigest.Key(repository: repository.gitDirectory, path: global.path, environment: environment, region: region)
        guard digest.key == key else { return nil }
        // Resources the cache does not vouch for with the digest's fingerprint (a change still
        // pending, or never verified) will be compared, so they are loaded too.
        let scope = try CloudScope(account: digest.target.account, region: digest.target.region)
        let cache = VerificationCache(folder: CommandContext.cacheFolder(stateDirectory), scope: scope)
        guard cache.basis == .counters || cache.entries.isEmpty else { return nil }
        var unverified = Set<ResourceID>()
        for (id, resource) in digest.resources where cache.entries[id]?.desired != resource.fingerprint {
            unverified.insert(id)
            guard unverified.count <= max(50, digest.resources.count / 10) else { return nil }
        }
        let commit = try CommandContext.resolve(global.ref, in: repository)
        // The change tokens are read on another thread while the changed files are loaded: the
        // digest names the target (the plan uses them only if the load targets the same one).
        // Only in an environment that exists already.
        var early: (cloud: SimCloud, prefetch: LivePrefetch)?
        if let cloud = SimCloud.existing(stateDirectory: stateDirectory) {
            early = (cloud, LivePrefetch(LiveStateReader(provider: cloud.provider(scope)), counters: true, unlessAt: cache.snapshot?.watermark, list: false))
        }
        // The few files read are parsed from the repository: cheaper than opening the parse cache.
        let loader = DesiredStateLoader()
        let loaded: DesiredStateLoader.ChangedLoad?
        do {
            loaded = try loader.loadChanges(repository: repository, revision: commit.hex, since: digest, including: unverified)
        } catch {
            await early?.cloud.shutdown()
            throw error
        }
        guard let load = loaded, !load.diagnostics.contains(where: { $0.severity == .error }) else {
            await early?.cloud.shutdown()
            return nil
        }
        timings.end("desired changes since \(digest.commit.short()) (\(load.changed.count) checked), cache and ledger")
        let cloud = try early?.cloud ?? SimCloud(stateDirectory: stateDirectory)
        let result: (outcome: PlanSession.Outcome, digest: DesiredDigest)?
        do {
            let provider = try cloud.provider(account: load.state.target.account, region: load.state.target.region)
            timings.end("environment open")
            var session = PlanSession(provider: provider, cache: cache, options: PlanOptions(prune: prune))
            session.prefetch = early?.prefetch
            session.cacheSaves = writes
            result = try await session.run(changes: load)
        } catch {
            await cloud.shutdown()
            throw error
        }
        await cloud.shutdown()
        guard let result else { return nil }
        timings.append(result.outcome.timings)
        // The digest changes only in its commit, diagnostics and the resources checked.
        let same = result.digest.commit == digest.commit && result.digest.diagnostics == digest.diagnostics
            && load.changed.allSatisfy { result.digest.resources[$0] == digest.resources[$0] }
        if !same {
            let digest = result.digest
            let selector = global.env
            DispatchQueue.global().async(group: writes) { digest.write(folder: folder, selector: selector) }
        }
        _ = try CommandContext.validated(LoadResult(state: load.state, diagnostics: load.diagnostics))
        ExitKeeper.keep(load)
        ExitKeeper.keep(loader)
        ExitKeeper.keep(digest)
        ExitKeeper.keep(result)
        ExitKeeper.keep(cache)
        return result.outcome
    }
}
