import Cloud
import DesiredState
import Foundation

extension Deployer {
    /// Records an attempt that changed nothing (held, or a commit that needs no change).
    func record(_ plan: Plan, state: DesiredState, commit: CommitInfo?, kind: AttemptKind, previousGood: String?,
                provider: any CloudProvider, outcome: AttemptOutcome) async throws -> DeploymentAttempt {
        var attempt = newAttempt(plan, state: state, commit: commit, kind: kind, previousGood: previousGood, provider: provider)
        attempt = try await ledger.begin(attempt)
        if let id = attempt.id { try await ledger.finish(attemptId: id, outcome: outcome, error: nil) }
        attempt.outcome = outcome
        return attempt
    }

    /// The ledger entry of a new attempt.
    func newAttempt(_ plan: Plan, state: DesiredState, commit: CommitInfo?, kind: AttemptKind, previousGood: String?,
                    provider: any CloudProvider) -> DeploymentAttempt {
        DeploymentAttempt(environment: environment, account: provider.scope.account, region: provider.scope.region,
                          commit: commit?.id, revision: state.revision.description, author: commit?.author, message: commit?.message,
                          kind: kind, environmentTime: plan.plannedAt, planSummary: plan.summary.description,
                          planDetail: PlanRecord(plan).json, previousGoodCommit: previousGood)
    }

    /// Executes `plan` as a new attempt; rolls everything back when a change fails.
    func execute(_ plan: Plan, state: DesiredState, commit: CommitInfo?, kind: AttemptKind, mode: RolloutMode, previousGood: String?,
                 provider: any CloudProvider) async throws -> DeployResult {
        var attempt = try await ledger.begin(newAttempt(plan, state: state, commit: commit, kind: kind, previousGood: previousGood, provider: provider))
        guard let attemptId = attempt.id else { throw LedgerError("The ledger gave the new attempt no id.") }
        let region = provider.scope.region
        progress.emit(ProgressEvent(.attemptStarted,
            message: "Applying \(state.revision) to \(environment) (\(provider.scope)): \(plan.summary)"))
        for held in plan.held { emitHeld(held) }
        let executor = makeExecutor(provider: provider, attemptId: attemptId, codeReader: state.codeReader, now: plan.plannedAt)
        var report = await executor.execute(plan.changes, phase: .rollout, mode: { _ in mode })
        if report.failures.isEmpty && report.stopped.isEmpty && !report.notStarted.isEmpty {
            report.failures.append((report.notStarted[0], "\(report.notStarted.count) change(s) could not start: their dependsOn never finished"))
            report.commitFailed = true
        }
        if report.failures.isEmpty && report.stopped.isEmpty {
            try await ledger.finish(attemptId: attemptId, outcome: .succeeded, error: nil)
            _ = try? await ledger.prune(environment: environment)
            attempt.outcome = .succeeded
            let message = "Applied \(state.revision) to \(environment) in \(region): \(plan.summary)."
            progress.emit(ProgressEvent(.attemptFinished, message: message, outcome: AttemptOutcome.succeeded.rawValue))
            return DeployResult(outcome: .succeeded, attempt: attempt, summary: plan.summary, message: message, region: region)
        }
        let error = report.failures.map { "\($0.resource): \(Deployer.strip($0.error, $0.resource))" }.joined(separator: "; ")
        let cancelled = report.isCancellation
        try await ledger.startRollback(attemptId: attemptId, error: error, blamesCommit: (kind == .apply || kind == .selfHeal) && !cancelled)
        attempt.error = error
        var result = try await rollBack(attempt, provider: provider, fallback: state, cancelled: cancelled)
        result.summary = plan.summary
        return result
    }

    /// The executor of one attempt in `provider`'s environment.
    func makeExecutor(provider: any CloudProvider, attemptId: Int64, codeReader: CodeReader, now: Date) -> PlanExecutor {
        let timer = access.timer(for: provider)
        let executions = access.executions(for: provider)
        let governor = options.governor ?? RateGovernor(timer: timer, enabled: options.paceCalls)
        let performer = ActionPerformer(provider: provider, timer: timer, governor: governor,
                                        retry: options.retry, executions: executions)
        let journal = AttemptJournal(journal: ledger, attemptId: attemptId, crashHook: options.crashHook)
        let factory = RolloutFactory(codeReader: codeReader, canRunExecutions: executions != nil, now: now)
        let runner = ChangeRunner(performer: performer, journal: journal, progress: progress, factory: factory, abort: AbortSignal())
        return PlanExecutor(runner: runner, maxParallel: options.maxParallel)
    }

    /// An error's text without a repeated `Kind/name: ` prefix.
    static func strip(_ text: String, _ resource: ResourceID) -> String {
        let prefix = "\(resource): "
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
    }
}
