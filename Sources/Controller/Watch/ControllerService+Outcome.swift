import Cloud
import DesiredState
import Foundation
import Logging
import Reconcile

extension ControllerService {
    /// Counts the result in the metrics and the status; answers how the pass ended.
    func record(_ result: DeployResult, head: SourceHead, startedAt: Date, duration: Duration, held: [String]) async throws -> PassEnd {
        let metrics = handle.metrics
        if result.attempt != nil, result.outcome != .noChanges {
            metrics.deploymentDuration.recordNanoseconds(Int64(duration / .nanoseconds(1)))
        }
        if !result.recovered.isEmpty { metrics.rollbacks("succeeded").increment(by: result.recovered.count) }
        var end = PassEnd.clean
        var error: ControllerStatus.LastError?
        switch result.outcome {
        case .succeeded:
            metrics.deployments(.succeeded).increment()
        case .held:
            if result.attempt != nil { metrics.deployments(.held).increment() }
        case .cancelled:
            metrics.deployments(.interrupted).increment()
            metrics.rollbacks("succeeded").increment()
            end = handle.wakeup.isClosed ? .clean : .again
        case .rolledBack:
            metrics.deployments(.rolledBack).increment()
            metrics.rollbacks("succeeded").increment()
            error = .init(kind: "deployment", message: result.message + " The commit is not retried: push a fix or `git revert` it.", at: Date(), retrying: false)
        case .rollbackFailed:
            metrics.deployments(.rollbackFailed).increment()
            metrics.rollbacks("failed").increment()
            metrics.reconcileErrors(.cloud).increment()
            let left = result.leftBehind.isEmpty ? "" : " Left behind: \(result.leftBehind.joined(separator: "; "))."
            error = .init(kind: "rollback-failed", message: result.message + left + " The next pass continues the rollback.", at: Date(), retrying: true)
            end = .transientFailure
        case .rejected:
            metrics.deployments(.rejected).increment()
            error = .init(kind: "desired-state", message: result.message + " Push a fix; the commit is not retried.", at: Date(), retrying: false)
        case .skippedFailedCommit:
            error = .init(kind: "deployment", message: result.message, at: Date(), retrying: false)
        case .noChanges, .driftNotCorrected, .recovered:
            break
        }
        let drift = result.outcome == .driftNotCorrected ? (result.summary.map { $0.create + $0.update + $0.delete } ?? 0) : 0
        if result.outcome != .skippedFailedCommit {
            metrics.drifted.record(Double(drift))
            metrics.held.record(Double(held.count))
        }
        if end == .clean && result.outcome != .rollbackFailed {
            metrics.lastSync.record(Date().timeIntervalSince1970)
        }
        let attempt = ControllerStatus.Attempt(commit: head.commit, outcome: result.outcome.rawValue, message: result.message,
                                               startedAt: startedAt, endedAt: Date())
        let level: Logger.Level = result.outcome == .noChanges ? .debug : result.isSuccess || result.outcome == .driftNotCorrected ? .info : .warning
        logger.log(level: level, "\(result.message)", metadata: ["source.revision": .string(head.commit), "outcome": .string(result.outcome.rawValue)])
        try await refreshFromLedger()
        handle.update { status in
            status.deploying = nil
            status.lastAttempt = attempt
            status.region = result.region ?? status.region
            if result.outcome != .skippedFailedCommit {
                status.driftCount = drift
                status.heldChanges = held
            }
            status.lastError = error
            if end == .clean && result.outcome != .rollbackFailed { status.lastSuccessfulSync = Date() }
        }
        return end
    }

    /// With the head's commit failed: checks drift from the last good commit, corrects it when
    /// self-heal is on (by redeploying that commit), and reports it otherwise.
    func keepLastGood(_ good: String, source: MirrorDesiredState, region: String?) async throws -> PassEnd {
        let state = try await source.commit(good, region: region).state
        let provider = try access.provider(account: state.target.account, region: state.target.region)
        let outcome = try await PlanSession(provider: provider).run(state)
        // With pruning off, managed resources that left desired state are kept on purpose: not drift.
        var drift = outcome.plan.changes.filter { handle.definition.prune || $0.action != .delete }.count
        if drift > 0 && handle.definition.selfHeal {
            let deployer = Deployer(environment: handle.definition.environment, ledger: ledger, access: access, source: source,
                                    progress: ControllerProgress(handle: handle, logger: logger), options: options)
            let result = try await gate.withTurn(state.target.account) { try await deployer.run(.rollback(to: good)) }
            logger.info("self-heal to the last good commit \(good.prefix(7)): \(result.message)")
            if result.isSuccess { drift = 0 }
        }
        handle.metrics.drifted.record(Double(drift))
        handle.metrics.held.record(Double(outcome.plan.held.count))
        handle.metrics.lastSync.record(Date().timeIntervalSince1970)
        handle.update {
            $0.driftCount = drift
            $0.heldChanges = outcome.plan.held.map { "\($0.change.resource): \($0.reason)" }
            $0.lastSuccessfulSync = Date()
        }
        return .clean
    }

    /// Adds the invocations and errors of `state`'s functions since the last count to the metrics.
    func countInvocations(_ state: DesiredState) async {
        guard let provider = try? access.provider(account: state.target.account, region: state.target.region),
              let now = try? await provider.clock.now() else { return }
        let region = state.target.region
        for function in state.functions {
            let key = "\(region)/\(function.name)"
            let start = memory.withValue { memory -> Date in
                if let start = memory.countedUntil[key] { return start }
                memory.countedUntil[key] = now
                return now
            }
            guard now > start else {
                handle.metrics.addFunctionCounts(function.name, invocations: 0, errors: 0)
                continue
            }
            let query = FunctionMetricsQuery(functionName: function.name, dimension: .function, start: start, end: now)
            guard let metrics = try? await provider.functionMetrics(query) else { continue }
            handle.metrics.addFunctionCounts(function.name, invocations: metrics.summary.invocations, errors: metrics.summary.errors)
            memory.withValue { $0.countedUntil[key] = now }
        }
    }

    /// Fills the status from the ledger when the controller starts.
    func loadHistory() async {
        do {
            try await refreshFromLedger()
            if let latest = try await ledger.attempts(environment: handle.definition.environment, limit: 1).first {
                handle.update {
                    $0.lastAttempt = ControllerStatus.Attempt(commit: latest.commit, outcome: latest.outcome.rawValue,
                        message: latest.error ?? latest.planSummary, startedAt: latest.startedAt, endedAt: latest.endedAt ?? latest.startedAt)
                    $0.region = latest.region.isEmpty ? $0.region : latest.region
                }
            }
        } catch {
            logger.warning("cannot read the ledger at start: \(error)")
        }
    }

    /// Last good commit, deployed commit and failed commits from the ledger.
    func refreshFromLedger() async throws {
        let environment = handle.definition.environment
        let record = try await ledger.environmentRecord(environment)
        let failed = try await ledger.failedCommits(environment: environment).filter { !RolloutInterrupted.isInterruption($0.error) }
        let latest = try await ledger.attempts(environment: environment, limit: 1).first
        let deployed: String?
        switch latest?.outcome {
        case .succeeded?: deployed = latest?.commit ?? record?.lastGoodCommit
        default: deployed = record?.lastGoodCommit
        }
        handle.update {
            $0.lastGoodCommit = record?.lastGoodCommit
            $0.deployedCommit = deployed
            $0.failedCommits = failed.map(\.commit)
            if let region = record?.activeRegion { $0.region = region }
        }
    }
}
