import Cloud
import DesiredState
import Foundation

extension Deployer {
    /// Undoes `attempt`: every resource it touched goes back to the last good commit's desired
    /// state (or away, when it did not exist then), immediately and in reverse dependency order;
    /// then a fresh read checks that nothing differs. A rollback that leaves differences is
    /// recorded as failed, stays open, and is continued by the next apply. With `cancelled` (the
    /// attempt was stopped by its caller, not failed) a complete undo ends as `cancelled`.
    func rollBack(_ attempt: DeploymentAttempt, provider: any CloudProvider, fallback: DesiredState?,
                  cancelled: Bool = false) async throws -> DeployResult {
        guard let attemptId = attempt.id else { throw LedgerError("The attempt to roll back has no id.") }
        let region = provider.scope.region
        let images = try await ledger.beforeImages(attemptId: attemptId)
        let touched = Set(images.keys.compactMap(ResourceID.init(parsing:)))
        let target: DesiredState
        do {
            target = try await rollbackTarget(attempt, fallback: fallback)
        } catch {
            let message = "Could not load the desired state to roll back to: \(error)"
            try await ledger.markRollbackFailed(attemptId: attemptId, error: message)
            return failedRollback(attempt, message: message, leftBehind: touched.sorted().map(\.description), region: region)
        }
        let goal = attempt.previousGoodCommit.map { "commit \($0.prefix(7))" } ?? "the state before the first deployment"
        progress.emit(ProgressEvent(.rollbackStarted, message: "Rolling back \(touched.count) resource\(touched.count == 1 ? "" : "s") to \(goal): \(attempt.error ?? "interrupted")"))
        let shutdown = target.maintenance?.spec.mode == .emergencyShutdown
        let reader = LiveStateReader(provider: provider)
        var failures: [String] = []
        do {
            let before = try await restorePlan(target, touched: touched, reader: reader)
            let executor = makeExecutor(provider: provider, attemptId: attemptId, codeReader: target.codeReader, now: before.plannedAt)
            let report = await executor.execute(before.changes, phase: .rollback, mode: { _ in .restore(shutdown: shutdown) })
            failures = report.failures.map { "\($0.resource): \(Deployer.strip($0.error, $0.resource))" }
            let after = try await restorePlan(target, touched: touched, reader: reader)
            let left = after.changes.map { change in
                "\(change.resource): " + (change.diffs.isEmpty ? change.action.rawValue : change.diffs.map(\.path).joined(separator: ", "))
            }
            if left.isEmpty {
                let outcome: AttemptOutcome = cancelled ? .cancelled : .rolledBack
                try await ledger.finish(attemptId: attemptId, outcome: outcome, error: nil)
                let message = cancelled
                    ? "Cancelled \(attempt.revision) in \(region): \(attempt.error ?? "interrupted"). Every change was undone; the environment is back on \(goal), and the commit is not recorded as failed."
                    : "Rolled back \(attempt.revision) in \(region): \(attempt.error ?? "interrupted"). The environment is back on \(goal)."
                progress.emit(ProgressEvent(.attemptFinished, message: message, outcome: outcome.rawValue))
                var done = attempt
                done.outcome = outcome
                done.phase = .finished
                return DeployResult(outcome: cancelled ? .cancelled : .rolledBack, attempt: done, message: message, region: region)
            }
            let message = "Rolling back \(attempt.revision) failed: \(failures.isEmpty ? "resources still differ from \(goal)" : failures.joined(separator: "; "))"
            try await ledger.markRollbackFailed(attemptId: attemptId, error: (attempt.error.map { "\($0); " } ?? "") + message)
            return failedRollback(attempt, message: message, leftBehind: left, region: region)
        } catch {
            let message = "Rolling back \(attempt.revision) failed: \(error)"
            try await ledger.markRollbackFailed(attemptId: attemptId, error: (attempt.error.map { "\($0); " } ?? "") + message)
            return failedRollback(attempt, message: message, leftBehind: touched.sorted().map(\.description), region: region)
        }
    }

    /// The changes that bring the touched resources back to `target`, from a fresh read.
    func restorePlan(_ target: DesiredState, touched: Set<ResourceID>, reader: LiveStateReader) async throws -> Plan {
        var live = try await reader.list()
        try await reader.detail(touched, in: &live)
        var plan = Planner.plan(desired: target, live: live, now: live.readAt)
        var chosen: [ResourceID: PlannedChange] = [:]
        var order: [ResourceID] = []
        for change in plan.changes + plan.held.map(\.change) where touched.contains(change.resource) {
            if let existing = chosen[change.resource] {
                // Emergency shutdown splits a change in two; the full one restores everything.
                if case .emergencyShutdown = existing.rollout { chosen[change.resource] = change }
            } else {
                chosen[change.resource] = change
                order.append(change.resource)
            }
        }
        plan.changes = order.compactMap { chosen[$0] }
        plan.held = []
        return plan
    }

    /// The last good commit's desired state, or an empty one when there was none.
    func rollbackTarget(_ attempt: DeploymentAttempt, fallback: DesiredState?) async throws -> DesiredState {
        if let good = attempt.previousGoodCommit {
            return try await source.commit(good, region: attempt.region).state
        }
        var base: DesiredState
        if let fallback {
            base = fallback
        } else if let commit = attempt.commit {
            base = try await source.commit(commit, region: attempt.region).state
        } else {
            base = try await source.requested(region: attempt.region).state
        }
        base.functions = []
        base.stateMachines = []
        base.roles = []
        base.policies = []
        base.deploymentOrder = []
        base.maintenance = nil
        return base
    }

    /// The result of a rollback that left resources behind.
    func failedRollback(_ attempt: DeploymentAttempt, message: String, leftBehind: [String], region: String) -> DeployResult {
        progress.emit(ProgressEvent(.attemptFinished, message: message, outcome: AttemptOutcome.rollbackFailed.rawValue))
        var failed = attempt
        failed.outcome = .rollbackFailed
        failed.phase = .rollback
        return DeployResult(outcome: .rollbackFailed, attempt: failed, message: message, leftBehind: leftBehind,
                            continueCommand: continueCommand, region: region)
    }

    /// Finishes attempts whose process stopped (or whose rollback failed): rolls each back.
    func recoverUnfinished() async throws -> (recovered: [DeploymentAttempt], failure: DeployResult?) {
        var recovered: [DeploymentAttempt] = []
        for var attempt in try await ledger.unfinishedAttempts(environment: environment) {
            guard let attemptId = attempt.id else { continue }
            if attempt.phase == .rollout {
                let reason = "interrupted: process \(attempt.pid) on \(attempt.host) stopped while rolling out"
                try await ledger.startRollback(attemptId: attemptId, error: reason, blamesCommit: false)
                attempt.error = reason
                attempt.phase = .rollback
            }
            progress.emit(ProgressEvent(.note, message: "Recovering attempt \(attempt.uuid.prefix(8)) (\(attempt.revision), started \(TrafficFormat.time(attempt.startedAt))): \(attempt.error ?? "interrupted")"))
            let provider = try access.provider(account: attempt.account, region: attempt.region)
            let result = try await rollBack(attempt, provider: provider, fallback: nil)
            if result.outcome != .rolledBack { return (recovered, result) }
            recovered.append(result.attempt ?? attempt)
        }
        return (recovered, nil)
    }
}

extension ResourceID {
    /// Parses `Kind/name` (as the journal writes it); nil for anything else.
    public init?(parsing text: String) {
        guard let slash = text.firstIndex(of: "/"), let kind = ResourceKind(rawValue: String(text[..<slash])) else { return nil }
        self.init(kind, String(text[text.index(after: slash)...]))
    }
}
