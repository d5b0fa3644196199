import Cloud
import DesiredState
import Foundation
import Git
import Logging
import Reconcile

extension ControllerService {
    /// One level-based pass: fetch, then deploy through the executor while watching the branch.
    func pass() async -> PassEnd {
        let definition = handle.definition
        handle.update { $0.activity = .fetching }
        let head: SourceHead
        do {
            head = try await fetch()
        } catch {
            handle.metrics.fetchErrors.increment()
            handle.metrics.reconcileErrors(.fetch).increment()
            let message = "cannot fetch \(definition.source.url) (branch \(definition.source.branch)): \(error). The environment stays on its last good commit; retrying with backoff."
            logger.warning("\(message)", metadata: ["error.kind": "fetch"])
            report(kind: "fetch", message, retrying: true)
            handle.update { $0.activity = .backingOff }
            return .transientFailure
        }
        do {
            return try await reconcile(head)
        } catch let error as LockHeldError {
            handle.metrics.reconcileErrors(.lock).increment()
            report(kind: "lock-held", "\(error) The controller tries again shortly.", retrying: true)
            handle.update { $0.activity = .backingOff }
            return .transientFailure
        } catch {
            let kind: ReconcileErrorKind = error is CloudError ? .cloud : (error is LoadError || error is ValidationFailure || error is GitError) ? .desiredState : .other
            handle.metrics.reconcileErrors(kind).increment()
            logger.error("pass failed: \(error)", metadata: ["error.kind": .string(kind.rawValue)])
            report(kind: kind == .cloud ? "cloud" : "reconcile", "\(error)", retrying: true)
            handle.update {
                $0.activity = .backingOff
                $0.deploying = nil
            }
            return .transientFailure
        }
    }

    /// Fetches the branch, recording the duration, the head and any rewritten history.
    func fetch() async throws -> SourceHead {
        let mirror = self.mirror
        let previous = memory.value.lastHead ?? handle.status.lastGoodCommit
        let started = ContinuousClock.now
        let head = try await Blocking.run { try mirror.fetch(previous: previous) }
        handle.metrics.fetchDuration.recordNanoseconds(Int64((ContinuousClock.now - started) / .nanoseconds(1)))
        memory.withValue { $0.lastHead = head.commit }
        if let old = head.rewrittenFrom {
            handle.metrics.rewrites.increment()
            logger.warning("the history of \(handle.definition.source.branch) was rewritten: \(old.prefix(7)) is no longer on the branch; deploying its new head \(head.commit.prefix(7))",
                           metadata: ["source.revision": .string(head.commit)])
            handle.update { $0.lastRewrite = ControllerStatus.Rewrite(from: old, to: head.commit, at: head.fetchedAt) }
        }
        handle.update { $0.sourceHead = head }
        return head
    }

    /// Plans and applies `head` (or holds it), watching the branch for a newer commit meanwhile.
    func reconcile(_ head: SourceHead) async throws -> PassEnd {
        let definition = handle.definition
        guard let repository = try mirror.repository() else { throw LedgerError("the source mirror \(mirror.folder) is missing after a fetch") }
        let source = MirrorDesiredState(repository: repository, loader: loader, head: head, path: definition.source.path,
                                        environment: definition.environment)
        let known = try await ledger.environmentRecord(definition.environment)
        let failed = try await ledger.failedCommit(head.commit, environment: definition.environment)
        let interruptedBefore = failed.map { RolloutInterrupted.isInterruption($0.error) } ?? false
        let target = try? await source.requested(region: known?.activeRegion).state
        if definition.failover == .manual, let target, let outage = await regionOutage(target) {
            handle.metrics.reconcileErrors(.cloud).increment()
            report(kind: "region-unavailable", outage, retrying: true)
            handle.update { $0.activity = .backingOff }
            return .transientFailure
        }
        if handle.wakeup.isClosed {
            // Stopping: start nothing new; the next start deploys what the branch holds.
            return .clean
        }
        handle.interrupt.clearSuperseded()
        let progress = ControllerProgress(handle: handle, logger: logger)
        let deployer = Deployer(environment: definition.environment, ledger: ledger, access: access, source: source,
                                progress: progress, options: options,
                                continueCommand: "plumb rollback --continue --repo \(definition.source.url) --env \(definition.environment) --state-dir \(definition.stateDirectory)")
        handle.update {
            $0.activity = .reconciling
            $0.region = target?.target.region ?? $0.region
            if head.commit != known?.lastGoodCommit && failed == nil || interruptedBefore { $0.deploying = head.commit }
        }
        handle.metrics.inProgress.record(1)
        let started = ContinuousClock.now
        let startedAt = Date()
        let gate = self.gate
        let result = try await withThrowingTaskGroup(of: DeployResult?.self) { group in
            let account = target?.target.account ?? ""
            group.addTask {
                try await gate.withTurn(account) {
                    try await deployer.run(.apply(retryFailed: interruptedBefore, selfHeal: definition.selfHeal))
                }
            }
            group.addTask {
                await watchForNewerCommit(than: head)
                return nil
            }
            defer { group.cancelAll() }
            while let next = try await group.next() {
                if let result = next { return result }
            }
            throw LedgerError("the deployment of \(head.commit.prefix(7)) ended without a result")
        }
        handle.metrics.inProgress.record(0)
        let duration = ContinuousClock.now - started
        var end = try await record(result, head: head, startedAt: startedAt, duration: duration, held: progress.held.value)
        if result.outcome == .skippedFailedCommit, let good = known?.lastGoodCommit {
            end = try await keepLastGood(good, source: source, region: known?.activeRegion)
        }
        if let target { await countInvocations(target) }
        return end
    }

    /// While a deployment runs: fetch on the interval or on a webhook, and interrupt the rollout
    /// when the branch moved past `head`. Ends when cancelled.
    func watchForNewerCommit(than head: SourceHead) async {
        let mirror = self.mirror
        var seen = handle.wakeup.generation
        while !Task.isCancelled {
            let reason = await handle.wakeup.wait(for: .milliseconds(Int64(handle.definition.interval * 1000)), clock: clock, seen: seen)
            if Task.isCancelled || reason == .closed { return }
            seen = handle.wakeup.generation
            guard let newer = try? await Blocking.run({ try mirror.fetch(previous: head.commit) }), newer.commit != head.commit else { continue }
            logger.info("newer commit \(newer.commit.prefix(7)) arrived while deploying \(head.commit.prefix(7)); stopping the rollout at its next safe point",
                        metadata: ["source.revision": .string(newer.commit)])
            handle.update { $0.sourceHead = newer }
            handle.interrupt.raise(.superseded(by: newer.commit))
            return
        }
    }

    /// A message when `target`'s region does not answer (for a manual failover policy), nil when it does.
    func regionOutage(_ target: DesiredState) async -> String? {
        do {
            let provider = try access.provider(account: target.target.account, region: target.target.region)
            _ = try await provider.listFunctions()
            return nil
        } catch let error as CloudError where error.code == .serviceUnavailable {
            let backup = target.target.backupRegion.map { "`plumb failover --env \(handle.definition.environment) --to \($0)`" } ?? "`plumb failover`"
            return "region \(target.target.region) does not answer (\(error.message)); the failover policy is manual: run \(backup) to move the environment, or wait for the region to return."
        } catch {
            return nil
        }
    }

    /// Records an error in the status.
    func report(kind: String, _ message: String, retrying: Bool) {
        handle.update { $0.lastError = ControllerStatus.LastError(kind: kind, message: message, at: Date(), retrying: retrying) }
    }
}
