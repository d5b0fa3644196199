import Foundation

/// One line of progress: what the executor is doing, as it happens.
///
/// Shown as text on a terminal and as one JSON object per line with `--output json`.
public struct ProgressEvent: Sendable, Codable, Hashable {
    /// What happened.
    public enum Kind: String, Sendable, Codable, Hashable {
        /// An attempt began (with the plan's summary).
        case attemptStarted = "attempt-started"
        /// A resource's change began.
        case changeStarted = "change-started"
        /// A mutating step was performed.
        case step
        /// An alias moved traffic.
        case traffic
        /// A health gate was judged.
        case gate
        /// The pre-traffic check ended.
        case preTraffic = "pre-traffic"
        /// A smoke-test execution ended.
        case smokeTest = "smoke-test"
        /// A resource's change ended well.
        case changeFinished = "change-finished"
        /// A resource's change failed.
        case changeFailed = "change-failed"
        /// Undoing the attempt began.
        case rollbackStarted = "rollback-started"
        /// A change is held by maintenance.
        case held
        /// The attempt ended.
        case attemptFinished = "attempt-finished"
        /// Something worth knowing (recovery, failover, skipped smoke tests).
        case note
    }

    /// What happened.
    public var event: Kind
    /// Wall-clock time.
    public var time: Date
    /// The resource (`Function/x`), when one is concerned.
    public var resource: String?
    /// Rolling out or rolling back.
    public var phase: String?
    /// The API operation of a step.
    public var operation: String?
    /// The line to show.
    public var message: String
    /// Traffic on the new version, in percent.
    public var percent: Double?
    /// The version concerned.
    public var version: String?
    /// The alias concerned.
    public var alias: String?
    /// A gate's report.
    public var gate: GateReport?
    /// An attempt's outcome.
    public var outcome: String?

    /// Creates an event.
    public init(_ event: Kind, resource: String? = nil, phase: String? = nil, operation: String? = nil, message: String,
                percent: Double? = nil, version: String? = nil, alias: String? = nil, gate: GateReport? = nil, outcome: String? = nil,
                time: Date = Date()) {
        self.event = event
        self.time = time
        self.resource = resource
        self.phase = phase
        self.operation = operation
        self.message = message
        self.percent = percent
        self.version = version
        self.alias = alias
        self.gate = gate
        self.outcome = outcome
    }

    /// The event as one line of text for a terminal.
    public var text: String {
        let subject = resource.map { "\($0): " } ?? ""
        switch event {
        case .attemptStarted, .attemptFinished: return message
        case .rollbackStarted: return "↩ \(message)"
        case .changeStarted: return "• \(subject)\(message)"
        case .changeFinished: return "✓ \(subject)\(message)"
        case .changeFailed: return "✗ \(subject)\(message)"
        case .held: return "⏸ \(subject)\(message)"
        case .gate, .preTraffic, .smokeTest, .traffic: return "    \(subject)\(message)"
        case .step: return "    \(phase == AttemptPhase.rollback.rawValue ? "undo: " : "")\(message)"
        case .note: return "  \(message)"
        }
    }

    /// The event as one line of JSON.
    public var jsonLine: String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{\"event\":\"\(event.rawValue)\"}" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Where progress goes: a terminal, a JSON stream, a log, or nowhere.
public protocol ProgressSink: Sendable {
    /// Shows one event.
    func emit(_ event: ProgressEvent)
}

/// Drops every event.
public struct SilentProgress: ProgressSink {
    /// Creates the sink.
    public init() {}
    /// Drops the event.
    public func emit(_ event: ProgressEvent) {}
}

/// Keeps every event in memory (for tests and summaries).
public final class RecordingProgress: ProgressSink, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ProgressEvent] = []

    /// Creates an empty recorder.
    public init() {}

    /// Keeps the event.
    public func emit(_ event: ProgressEvent) {
        lock.withLock { stored.append(event) }
    }

    /// Every event so far.
    public var events: [ProgressEvent] { lock.withLock { stored } }
}
