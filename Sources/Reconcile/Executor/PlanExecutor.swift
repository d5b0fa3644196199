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
/// changes it depends on (IAM before functions before state machines, `dependsOn`, deletions
/// after everything else and in reverse kind order).
struct PlanExecutor: Sendable {
    let runner: ChangeRunner
    let maxParallel: Int

    /// Executes `changes`; in the rollout phase the first failure stops everything else (running
    /// changes stop after their current step); in the rollback phase every change is tried.
    func execute(_ changes: [PlannedChange], phase: AttemptPhase, mode: @escaping @Sendable (PlannedChange) -> RolloutMode) async -> ExecutionReport {
        let dependencies = PlanExecutor.dependencies(of: changes)
        var report = ExecutionReport()
        var finished = Set<Int>()
        var started = Set<Int>()
        var stopped = false
        let stopOnFailure = phase == .rollout
        await withTaskGroup(of: (Int, ChangeEnd).self) { group in
            var running = 0
            func launchReady() {
                guard !stopped else { return }
                for index in changes.indices where !started.contains(index) && running < maxParallel {
                    guard dependencies[index].isSubset(of: finished) else { continue }
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
            }
            launchReady()
            while let (index, end) = await group.next() {
                running -= 1
                finished.insert(index)
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
                    if !blames { report.interrupted = true }
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

    /// For each change, the indices of the changes it waits for.
    static func dependencies(of changes: [PlannedChange]) -> [Set<Int>] {
        func rank(_ kind: ResourceKind) -> Int {
            switch kind {
            case .policy: return 0
            case .role: return 1
            case .function: return 2
            case .stateMachine: return 3
            case .maintenance, .environment: return 4
            }
        }
        var byName: [String: [Int]] = [:]
        for (index, change) in changes.enumerated() where change.action != .delete {
            byName[change.resource.name, default: []].append(index)
        }
        return changes.enumerated().map { index, change in
            var waits = Set<Int>()
            let own = rank(change.resource.kind)
            for (other, candidate) in changes.enumerated() where other != index {
                let theirs = rank(candidate.resource.kind)
                switch (change.action == .delete, candidate.action == .delete) {
                case (false, false): if theirs < own { waits.insert(other) }
                case (true, false): waits.insert(other)
                case (true, true): if theirs > own { waits.insert(other) }
                case (false, true): break
                }
            }
            for name in explicitDependencies(change) {
                for other in byName[name] ?? [] where other != index && other < index { waits.insert(other) }
            }
            return waits
        }
    }

    /// The names a change's manifest lists in `dependsOn`.
    static func explicitDependencies(_ change: PlannedChange) -> [String] {
        switch change.desired {
        case .function(let function)?: return function.spec.dependsOn
        case .stateMachine(let machine)?: return machine.spec.dependsOn
        default: return []
        }
    }
}
