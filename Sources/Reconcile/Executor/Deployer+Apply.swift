import Cloud
import DesiredState
import Foundation

extension Deployer {
    /// `plumb apply`: the requested revision, unless it failed before or is deployed already.
    func apply(retryFailed: Bool, selfHeal: Bool) async throws -> DeployResult {
        let record = try await ledger.environmentRecord(environment)
        let loaded: (state: DesiredState, commit: CommitInfo?)
        do {
            loaded = try await source.requested(region: record?.activeRegion)
        } catch let failure as ValidationFailure {
            return try await reject(failure)
        }
        if let commit = loaded.commit, !retryFailed, let failed = try await ledger.failedCommit(commit.id, environment: environment) {
            return DeployResult(outcome: .skippedFailedCommit,
                message: "Commit \(commit.id.prefix(7)) failed before (\(failed.error)); it is not applied again. Commit a fix or `git revert` it, or pass --retry-failed to try it once more.",
                region: loaded.state.target.region)
        }
        let deployed = loaded.commit != nil && loaded.commit?.id == record?.lastGoodCommit
        return try await deploy(loaded.state, commit: loaded.commit, kind: deployed ? .selfHeal : .apply, mode: .release,
                                previousGood: record?.lastGoodCommit, allowFailover: true, driftOnly: deployed && !selfHeal)
    }

    /// `plumb rollback --to`: an earlier commit, at once, without checks.
    func deployCommit(_ id: String, region: String?, kind: AttemptKind) async throws -> DeployResult {
        let record = try await ledger.environmentRecord(environment)
        let loaded = try await source.commit(id, region: region ?? record?.activeRegion)
        let shutdown = loaded.state.maintenance?.spec.mode == .emergencyShutdown
        var result = try await deploy(loaded.state, commit: loaded.commit, kind: kind, mode: .restore(shutdown: shutdown),
                                      previousGood: record?.lastGoodCommit, allowFailover: false, driftOnly: false)
        if kind == .rollback && result.isSuccess {
            result.message += " This lasts until the branch is applied again: revert the unwanted commits in git to make it permanent."
        }
        return result
    }

    /// `plumb failover --to REGION`: the last good commit into `region`, which becomes the active region.
    func failover(to region: String) async throws -> DeployResult {
        guard CloudScope.isValidRegion(region) else {
            throw RolloutError("'\(region)' is not an AWS region name; give one such as us-west-2.")
        }
        let record = try await ledger.environmentRecord(environment)
        var result: DeployResult
        if let good = record?.lastGoodCommit {
            result = try await deployCommit(good, region: region, kind: .failover)
        } else {
            let loaded = try await source.requested(region: region)
            result = try await deploy(loaded.state, commit: loaded.commit, kind: .failover, mode: .restore(shutdown: false),
                                      previousGood: nil, allowFailover: false, driftOnly: false)
        }
        if result.isSuccess {
            try await ledger.setActiveRegion(region, environment: environment)
            result.message += " Region \(region) is now the active region of \(environment)."
        }
        return result
    }

    /// Plans `state` and executes the plan under the lock of its AWS account as well: IAM roles and
    /// policies are global to an account, so environments of one account (production and
    /// disaster recovery) deploy one at a time, whichever process (CLI or daemon) deploys them.
    func deploy(_ state: DesiredState, commit: CommitInfo?, kind: AttemptKind, mode: RolloutMode, previousGood: String?,
                allowFailover: Bool, driftOnly: Bool) async throws -> DeployResult {
        let lease = try await ledger.acquire(environment: Deployer.accountLockKey(state.target.account), commit: commit?.id,
                                             waitSeconds: options.lockWaitSeconds)
        do {
            let result = try await deployUnderAccountLock(state, commit: commit, kind: kind, mode: mode, previousGood: previousGood,
                                                          allowFailover: allowFailover, driftOnly: driftOnly)
            try await ledger.release(lease)
            return result
        } catch {
            try? await ledger.release(lease)
            throw error
        }
    }

    /// The lock key of an AWS account's shared IAM (beside the environments' own keys).
    static func accountLockKey(_ account: String) -> String { "account \(account) (IAM shared by its environments)" }

    /// Plans `state` and executes the plan (failing over to the backup region when the region does not answer).
    func deployUnderAccountLock(_ state: DesiredState, commit: CommitInfo?, kind: AttemptKind, mode: RolloutMode, previousGood: String?,
                                allowFailover: Bool, driftOnly: Bool) async throws -> DeployResult {
        var state = state
        var provider = try access.provider(account: state.target.account, region: state.target.region)
        var outcome: PlanSession.Outcome
        do {
            outcome = try await PlanSession(provider: provider).run(state)
        } catch where allowFailover && Deployer.isRegionOutage(error) {
            guard let backup = state.target.backupRegion, backup != state.target.region else { throw error }
            progress.emit(ProgressEvent(.note, message: "Region \(state.target.region) does not answer (\(error)); failing over to the backup region \(backup)."))
            try await ledger.setActiveRegion(backup, environment: environment)
            state = try await reload(commit, region: backup)
            provider = try access.provider(account: state.target.account, region: backup)
            outcome = try await PlanSession(provider: provider).run(state)
        }
        var plan = outcome.plan
        let kept = options.prune ? [] : keepUndesired(&plan)
        var result = try await deploy(plan, state: state, commit: commit, kind: kind, mode: mode, previousGood: previousGood,
                                      provider: provider, driftOnly: driftOnly)
        if !kept.isEmpty {
            result.kept = kept
            let names = kept.map(\.description).joined(separator: ", ")
            result.message += " Pruning is off: kept \(kept.count) managed resource\(kept.count == 1 ? "" : "s") no longer in desired state (\(names)); apply with pruning on (with --self-heal once this commit is deployed) to delete \(kept.count == 1 ? "it" : "them")."
        }
        return result
    }

    /// Takes the deletions out of `plan` (held ones too), reporting each; answers the resources kept.
    func keepUndesired(_ plan: inout Plan) -> [ResourceID] {
        let kept = (plan.changes.map(\.self) + plan.held.map(\.change)).filter { $0.action == .delete }.map(\.resource)
        plan.changes.removeAll { $0.action == .delete }
        plan.held.removeAll { $0.change.action == .delete }
        plan.prune = false
        for resource in kept {
            progress.emit(ProgressEvent(.note, resource: resource.description,
                                        message: "kept: no longer in desired state, and pruning is off"))
        }
        return kept
    }

    /// Executes (or records, or reports) a plan already made.
    func deploy(_ plan: Plan, state: DesiredState, commit: CommitInfo?, kind: AttemptKind, mode: RolloutMode, previousGood: String?,
                provider: any CloudProvider, driftOnly: Bool) async throws -> DeployResult {
        let region = provider.scope.region
        if driftOnly && !plan.changes.isEmpty {
            let names = plan.changes.map(\.resource.description).joined(separator: ", ")
            return DeployResult(outcome: .driftNotCorrected, summary: plan.summary,
                message: "Commit \(commit.map { String($0.id.prefix(7)) } ?? "") is deployed, but \(plan.changes.count) resource\(plan.changes.count == 1 ? " has" : "s have") drifted from it: \(names). Run `plumb drift` to see the fields; `plumb apply --self-heal` corrects them.",
                region: region)
        }
        if plan.changes.isEmpty {
            for held in plan.held { emitHeld(held) }
            let moved = commit != nil && commit?.id != previousGood
            guard !plan.held.isEmpty || moved else {
                return DeployResult(outcome: .noChanges, summary: plan.summary, message: "No changes: the environment matches \(state.revision).", region: region)
            }
            let attempt = try await record(plan, state: state, commit: commit, kind: kind, previousGood: previousGood,
                                           provider: provider, outcome: plan.held.isEmpty ? .succeeded : .held)
            return plan.held.isEmpty
                ? DeployResult(outcome: .noChanges, attempt: attempt, summary: plan.summary,
                               message: "No changes: the environment already matches \(state.revision); recorded it as deployed.", region: region)
                : DeployResult(outcome: .held, attempt: attempt, summary: plan.summary,
                               message: "Every change is held (\(plan.held.count)); nothing was applied.", region: region)
        }
        return try await execute(plan, state: state, commit: commit, kind: kind, mode: mode, previousGood: previousGood, provider: provider)
    }

    /// Whether `error` says the region does not answer (directly, or from reading the environment).
    static func isRegionOutage(_ error: any Error) -> Bool {
        if let cloud = error as? CloudError { return cloud.code == .serviceUnavailable }
        if let read = error as? LiveReadError { return read.underlying.code == .serviceUnavailable }
        return false
    }

    /// The desired state of `commit` (or of the requested working tree) for `region`.
    func reload(_ commit: CommitInfo?, region: String) async throws -> DesiredState {
        if let commit { return try await source.commit(commit.id, region: region).state }
        return try await source.requested(region: region).state
    }

    /// Records a rejected desired state (nothing changed) so it is not retried in a loop.
    func reject(_ failure: ValidationFailure) async throws -> DeployResult {
        let commit = try? await source.requestedCommit()
        let errors = failure.diagnostics.filter { $0.severity == .error }
        var attempt = DeploymentAttempt(environment: environment, account: "", region: "", commit: commit?.id,
                                        revision: commit.map { "commit \($0.id.prefix(7))" } ?? "working tree",
                                        author: commit?.author, message: commit?.message, kind: .apply, environmentTime: nil,
                                        planSummary: "rejected: \(errors.count) error\(errors.count == 1 ? "" : "s")",
                                        planDetail: PlanRecord().json, previousGoodCommit: nil)
        attempt = try await ledger.begin(attempt)
        let text = failure.description
        if let id = attempt.id { try await ledger.finish(attemptId: id, outcome: .rejected, error: text) }
        return DeployResult(outcome: .rejected, attempt: attempt,
                            message: "The desired state was rejected before anything changed: \(text)")
    }

    func emitHeld(_ held: HeldChange) {
        progress.emit(ProgressEvent(.held, resource: held.change.resource.description,
                                    message: "\(held.change.action.rawValue) held: \(held.reason)"))
    }
}
