import Cloud
import DesiredState
import Foundation

/// What executing a list of changes came to.
public struct ExecutionReport: Sendable {
    /// Changes that finished, in the order they finished.
    public var completed: [ResourceID] = []
    /// Changes that failed, with why (the first is the one that stopped a rollout).
    public var failures: [(resource: ResourceID, error: String)] = []
    /// Changes stopped after a step because another change failed.
    public var stopped: [ResourceID] = []
    /// Changes never started (a rollout stopped first).
    public var notStarted: [ResourceID] = []
    /// Whether a failure was an interruption (not the commit's fault).
    public var interrupted = false
    /// Whether a failure was the commit's own (a failed check or call).
    public var commitFailed = false

    /// Whether the changes stopped only because they were interrupted: nothing failed on its own.
    public var isCancellation: Bool { interrupted && !commitFailed }
}

/// An error that stops a rollout without being the commit's fault (a controller interrupting
/// it for a newer commit, a shutdown): the attempt is rolled back but the commit is not
/// recorded as failed.
public protocol AttemptInterruption: Error {}

/// How one change's run ended.
enum ChangeEnd: Sendable {
    case finished
    case aborted
    case failed(String, blamesCommit: Bool)
}

/// Runs changes in order, independent ones in parallel (bounded): each change waits for the
/// changes it depends on (see `ChangeSchedule`: IAM before functions before state machines,
/// `dependsOn`, deletions after everything else and in reverse kind order).
struct PlanExecutor: Sendable {
    let runner: ChangeRunner
    let maxParallel: Int

    /// Executes `changes`; in the rollout phase the first failure stops everything else (running
    /// changes stop after their current step); in the rollback phase every change is tried.
    func execute(_ changes: [PlannedChange], phase: AttemptPhase, mode: @escaping @Sendable (PlannedChange) -> RolloutMode) async -> ExecutionReport {
        let schedule = ChangeSchedule(changes)
        var report = ExecutionReport()
        var finished = Set<Int>()
        var started = Set<Int>()
        var unfinished = schedule.members.map(\.count)
        var pending = schedule.members
        var current = 0
        var stopped = false
        let stopOnFailure = phase == .rollout
        await withTaskGroup(of: (Int, ChangeEnd).self) { group in
            var running = 0
            func launchReady() {
                guard !stopped else { return }
                while current < unfinished.count && unfinished[current] == 0 { current += 1 }
                guard current < pending.count else { return }
                var waiting: [Int] = []
                var queue = pending[current][...]
                while let index = queue.popFirst() {
                    guard running < maxParallel else {
                        waiting.append(index)
                        waiting.append(contentsOf: queue)
                        break
                    }
                    guard schedule.explicit[index].allSatisfy(finished.contains) else {
                        waiting.append(index)
                        continue
                    }
                    started.insert(index)
                    running += 1
                    let change = changes[index]
                    let runner = self.runner
                    group.addTask {
                        do {
                            try await runner.run(change, phase: phase, mode: mode(change))
                            return (index, .finished)
                        } catch is ChangeAborted {
                            return (index, .aborted)
                        } catch let interruption as any AttemptInterruption {
                            return (index, .failed(String(describing: interruption), blamesCommit: false))
                        } catch {
                            return (index, .failed(String(describing: error), blamesCommit: true))
                        }
                    }
                }
                pending[current] = waiting
            }
            launchReady()
            while let (index, end) = await group.next() {
                running -= 1
                finished.insert(index)
                unfinished[schedule.phase[index]] -= 1
                let resource = changes[index].resource
                switch end {
                case .finished:
                    report.completed.append(resource)
                case .aborted:
                    report.stopped.append(resource)
                    runner.progress.emit(ProgressEvent(.note, resource: resource.description, phase: phase.rawValue,
                                                       message: "stopped because another change failed"))
                case .failed(let text, let blames):
                    let error = Deployer.strip(text, resource)
                    report.failures.append((resource, error))
                    if blames { report.commitFailed = true } else { report.interrupted = true }
                    runner.progress.emit(ProgressEvent(.changeFailed, resource: resource.description, phase: phase.rawValue, message: error))
                    if stopOnFailure {
                        stopped = true
                        runner.abort.raise()
                    }
                }
                launchReady()
            }
        }
        report.notStarted = changes.indices.filter { !started.contains($0) }.map { changes[$0].resource }
        return report
    }
}
