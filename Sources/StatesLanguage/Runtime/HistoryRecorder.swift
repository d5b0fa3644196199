import Foundation

/// Something that ends an execution at once and cannot be caught: a stop request, the execution
/// timeout, or the history limit.
enum ExecutionInterrupt: Error {
    case aborted(error: String?, cause: String?)
    case timedOut
    case historyLimit
}

/// One line of history: the execution itself, a Parallel branch or a Map iteration.
struct Strand {
    var previousEventId: Int
}

/// The history of one execution, shared by its concurrent branches.
final class HistoryRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [HistoryEvent] = []
    private var currentStatus = ExecutionResult.Status.running
    private var closed = false
    let limit: Int
    let observer: (@Sendable (HistoryEvent) -> Void)?

    init(limit: Int, observer: (@Sendable (HistoryEvent) -> Void)?) {
        self.limit = max(limit, 2)
        self.observer = observer
        recorded.reserveCapacity(64)
    }

    var events: [HistoryEvent] { lock.withLock { recorded } }
    var status: ExecutionResult.Status { lock.withLock { currentStatus } }

    /// Appends an event on `strand`; throws `ExecutionInterrupt.historyLimit` when the history is
    /// full (the limit-th event is then an `ExecutionFailed`).
    @discardableResult
    func record(_ type: HistoryEventType, _ details: HistoryEventDetails, at timestamp: Date, strand: inout Strand) throws -> Int {
        let previous = strand.previousEventId
        let id: Int = try lock.withLock {
            if closed { throw ExecutionInterrupt.historyLimit }
            if recorded.count >= limit - 1 {
                let failure = HistoryEvent(
                    id: recorded.count + 1, previousEventId: recorded.count, timestamp: timestamp, type: .executionFailed,
                    details: HistoryEventDetails(error: StatesErrorName.runtime, cause: "The execution reached the maximum number of history events (\(limit))."))
                append(failure)
                currentStatus = .failed
                closed = true
                throw ExecutionInterrupt.historyLimit
            }
            let event = HistoryEvent(id: recorded.count + 1, previousEventId: previous, timestamp: timestamp, type: type, details: details)
            append(event)
            return event.id
        }
        strand.previousEventId = id
        return id
    }

    /// Records the execution's final event (always allowed once) and its status.
    func finish(_ type: HistoryEventType, _ details: HistoryEventDetails, status: ExecutionResult.Status, at timestamp: Date, previous: Int) {
        lock.withLock {
            guard !closed else { return }
            append(HistoryEvent(id: recorded.count + 1, previousEventId: previous, timestamp: timestamp, type: type, details: details))
            currentStatus = status
            closed = true
        }
    }

    /// The final event, once the execution ended.
    var lastEvent: HistoryEvent? { lock.withLock { closed ? recorded.last : nil } }

    private func append(_ event: HistoryEvent) {
        recorded.append(event)
        observer?(event)
    }
}
