import Cloud
import DesiredState
import Foundation

/// Called right after each step's intent is written, before the step is performed (a test hook
/// counts the calls and can stop the process there to prove crash safety).
public typealias CrashHook = @Sendable () -> Void

/// The journal of one running attempt: before-images, then every mutating step written
/// before it is performed and marked after.
public struct AttemptJournal: Sendable {
    /// The journal.
    public let journal: any DeploymentJournal
    /// The attempt's row id.
    public let attemptId: Int64
    let crashHook: CrashHook?

    /// The journal of attempt `attemptId`.
    public init(journal: any DeploymentJournal, attemptId: Int64, crashHook: CrashHook? = nil) {
        self.journal = journal
        self.attemptId = attemptId
        self.crashHook = crashHook
    }

    /// Keeps what `resource` looked like before the attempt touched it (nil: absent).
    public func recordBeforeImage(_ resource: ResourceID, _ live: LiveResource?) async throws {
        let image: String? = try live.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await journal.recordBeforeImage(attemptId: attemptId, resource: resource.description, image: image)
    }

    /// Writes the intent of `action`, performs it with `body`, and marks it done (or failed).
    public func step<T: Sendable>(_ phase: AttemptPhase, _ resource: ResourceID, _ action: CloudAction,
                                  _ body: () async throws -> T) async throws -> T {
        let step = try await journal.writeIntent(attemptId: attemptId, phase: phase, resource: resource.description,
                                                 operation: action.operation, summary: action.summary)
        crashHook?()
        let stepId = step.id ?? 0
        do {
            let value = try await body()
            try await journal.markDone(stepId: stepId)
            return value
        } catch {
            try? await journal.markFailed(stepId: stepId, error: String(describing: error))
            throw error
        }
    }
}
