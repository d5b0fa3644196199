import Cloud
import DesiredState
import Foundation

/// Set when an attempt must stop: running changes stop after their current step.
public final class AbortSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false

    /// Creates a lowered signal.
    public init() {}

    /// Raises the signal.
    public func raise() { lock.withLock { raised = true } }

    /// Whether it was raised.
    public var isRaised: Bool { lock.withLock { raised } }
}

/// Thrown into changes still running when another change failed.
public struct ChangeAborted: Error, Sendable, CustomStringConvertible {
    /// The resource whose change stopped.
    public var resource: ResourceID
    /// Names the resource.
    public var description: String { "\(resource): stopped because another change failed" }
}

/// Drives one change's rollout to its end: performs each action it asks for (journaling the
/// mutating ones first), reports its progress, and stops when it finishes, fails or is aborted.
struct ChangeRunner: Sendable {
    let performer: ActionPerformer
    let journal: AttemptJournal
    let progress: any ProgressSink
    let factory: RolloutFactory
    let abort: AbortSignal

    /// Runs `change` in `phase`; throws the failure that stopped it.
    func run(_ change: PlannedChange, phase: AttemptPhase, mode: RolloutMode) async throws {
        let resource = change.resource
        let made = try factory.make(change, mode: mode)
        var rollout = made.rollout
        let verb = phase == .rollback ? "restore" : change.action.rawValue
        progress.emit(ProgressEvent(.changeStarted, resource: resource.description, phase: phase.rawValue,
                                    message: "\(verb) (\(phase == .rollback ? "immediate" : change.rollout.summary))"))
        for note in made.notes { progress.emit(ProgressEvent(.note, resource: resource.description, message: note)) }
        try await journal.recordBeforeImage(resource, change.live)
        var outcome: ActionOutcome?
        while true {
            if phase == .rollout && abort.isRaised { throw ChangeAborted(resource: resource) }
            switch rollout.next(after: outcome) {
            case .perform(let action):
                if action.isMutating {
                    outcome = try await journal.step(phase, resource, action) { try await performer.perform(action) }
                    progress.emit(ProgressEvent(.step, resource: resource.description, phase: phase.rawValue,
                                                operation: action.operation, message: action.summary))
                } else {
                    outcome = try await performer.perform(action)
                }
            case .report(let event):
                progress.emit(ChangeRunner.progressEvent(event, resource: resource, phase: phase))
                outcome = nil
            case .finished:
                progress.emit(ProgressEvent(.changeFinished, resource: resource.description, phase: phase.rawValue,
                                            message: phase == .rollback ? "restored" : "\(change.action.rawValue)d"))
                return
            case .failed(let failure):
                throw failure
            }
        }
    }

    /// A rollout's report as a progress event.
    static func progressEvent(_ event: RolloutEvent, resource: ResourceID, phase: AttemptPhase) -> ProgressEvent {
        let name = resource.description
        switch event {
        case .traffic(let alias, let version, let percent):
            return ProgressEvent(.traffic, resource: name, phase: phase.rawValue,
                                 message: "alias \(alias): \(TrafficFormat.percent(percent)) → version \(version)",
                                 percent: percent, version: version, alias: alias)
        case .gate(let report):
            return ProgressEvent(.gate, resource: name, phase: phase.rawValue,
                                 message: "gates at \(TrafficFormat.percent(report.percent)) on version \(report.version): \(report)",
                                 percent: report.percent, version: report.version, gate: report)
        case .preTraffic(let target, let passed, let detail):
            return ProgressEvent(.preTraffic, resource: name, phase: phase.rawValue,
                                 message: "pre-traffic check (invoke \(target)): \(passed ? "passed" : "failed: \(detail)")")
        case .smokeTest(let index, let status, let expected, let passed):
            return ProgressEvent(.smokeTest, resource: name, phase: phase.rawValue,
                                 message: "smoke test \(index): \(status) (expected \(expected)) — \(passed ? "passed" : "failed")")
        case .note(let text):
            return ProgressEvent(.note, resource: name, phase: phase.rawValue, message: text)
        }
    }
}
