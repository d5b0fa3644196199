import Foundation

/// Runs one execution: walks the compiled state graph, processes data between states, records
/// the history, and turns every failure into Step Functions' error and cause.
final class Interpreter: @unchecked Sendable {
    let definition: StateMachineDefinition
    let identity: ExecutionIdentity
    let environment: ExecutionEnvironment
    let recorder: HistoryRecorder
    let deadline: Date?
    private let stopLock = NSLock()
    private var stopRequest: (error: String?, cause: String?)?
    private var started = false

    init(definition: StateMachineDefinition, identity: ExecutionIdentity, environment: ExecutionEnvironment) {
        self.definition = definition
        self.identity = identity
        self.environment = environment
        self.recorder = HistoryRecorder(limit: environment.historyLimit, observer: environment.observer)
        self.deadline = definition.timeoutSeconds.map { identity.startTime.addingTimeInterval(Double($0)) }
    }

    var clock: any ExecutionClock { environment.clock }

    func requestStop(error: String?, cause: String?) {
        stopLock.withLock {
            if stopRequest == nil { stopRequest = (error, cause) }
        }
    }

    var pendingStop: (error: String?, cause: String?)? { stopLock.withLock { stopRequest } }

    func run() async -> ExecutionResult {
        let firstRun = stopLock.withLock {
            defer { started = true }
            return !started
        }
        guard firstRun else { return currentResult() }
        var strand = Strand(previousEventId: 0)
        let outcome: (HistoryEventType, HistoryEventDetails, ExecutionResult.Status)
        do {
            let started = HistoryEventDetails(
                input: identity.input, roleArn: identity.roleARN,
                stateMachineVersionArn: identity.stateMachineVersionARN, stateMachineAliasArn: identity.stateMachineAliasARN)
            try recorder.record(.executionStarted, started, at: clock.now(), strand: &strand)
            strand.previousEventId = 0
            let output = try await runGraph(definition.graph, input: identity.input, strand: &strand)
            outcome = (.executionSucceeded, HistoryEventDetails(output: output), .succeeded)
        } catch let failure as StatesError {
            outcome = (.executionFailed, HistoryEventDetails(error: failure.error, cause: failure.cause), .failed)
        } catch let interrupt as ExecutionInterrupt {
            switch interrupt {
            case .aborted(let error, let cause):
                outcome = (.executionAborted, HistoryEventDetails(error: error, cause: cause), .aborted)
            case .timedOut:
                outcome = (.executionTimedOut, HistoryEventDetails(error: StatesErrorName.timeout, cause: "The execution ran longer than its TimeoutSeconds of \(definition.timeoutSeconds ?? 0) seconds."), .timedOut)
            case .historyLimit:
                outcome = (.executionFailed, HistoryEventDetails(), .failed)
            }
        } catch is CancellationError {
            let stop = pendingStop
            outcome = (.executionAborted, HistoryEventDetails(error: stop?.error, cause: stop?.cause), .aborted)
        } catch {
            outcome = (.executionFailed, HistoryEventDetails(error: StatesErrorName.runtime, cause: "\(error)"), .failed)
        }
        recorder.finish(outcome.0, outcome.1, status: outcome.2, at: clock.now(), previous: strand.previousEventId)
        return currentResult()
    }

    /// The outcome so far: the final event's details once the execution ended.
    func currentResult() -> ExecutionResult {
        let final = recorder.lastEvent
        let status = recorder.status
        let details = final?.details ?? HistoryEventDetails()
        return ExecutionResult(
            status: status, output: status == .succeeded ? details.output : nil, error: details.error,
            cause: details.cause, startDate: identity.startTime, stopDate: final?.timestamp ?? clock.now())
    }

    /// Throws when the execution must end now: stop requested, timeout passed, task cancelled.
    func checkpoint() throws {
        if let stop = pendingStop { throw ExecutionInterrupt.aborted(error: stop.error, cause: stop.cause) }
        if let deadline, clock.now() >= deadline { throw ExecutionInterrupt.timedOut }
        if Task.isCancelled { throw CancellationError() }
    }

    @discardableResult
    func record(_ type: HistoryEventType, _ details: HistoryEventDetails, strand: inout Strand) throws -> Int {
        try recorder.record(type, details, at: clock.now(), strand: &strand)
    }

    /// Runs the states of one scope from its start until an End transition or a Succeed state.
    func runGraph(_ graph: StateGraph, input: JSONValue, strand: inout Strand) async throws -> JSONValue {
        var index = graph.startIndex
        var data = input
        while true {
            try checkpoint()
            let node = graph.states[index]
            let enteredTime = clock.now()
            let enteredId = try recorder.record(node.kind.enteredEvent, HistoryEventDetails(name: node.name, input: data), at: enteredTime, strand: &strand)
            var visit = StateVisit(node: node, enteredId: enteredId, context: ContextObject(
                execution: identity, stateName: node.name, enteredTime: enteredTime, retryCount: 0, mapItem: nil), rawInput: data)
            let (output, transition) = try await runState(&visit, strand: &strand)
            if node.kind.producesData, output.exceedsSerializedSize(environment.payloadLimit) {
                throw StatesError(StatesErrorName.dataLimitExceeded, cause: "The state/task '\(node.name)' returned a result with a size exceeding the maximum number of bytes service limit.")
            }
            if let exited = node.kind.exitedEvent {
                try record(exited, HistoryEventDetails(name: node.name, output: output), strand: &strand)
            }
            switch transition {
            case .end: return output
            case .next(let next):
                index = next
                data = output
            }
        }
    }

    func runState(_ visit: inout StateVisit, strand: inout Strand) async throws -> (JSONValue, Transition) {
        let node = visit.node
        switch node.kind {
        case .pass(let result): return (try runPass(&visit, result: result), node.transition)
        case .choice(let rules, let defaultIndex): return try runChoice(&visit, rules: rules, defaultIndex: defaultIndex)
        case .wait(let spec): return (try await runWait(&visit, spec: spec), node.transition)
        case .succeed: return (try runSucceed(&visit), .end)
        case .fail(let spec): throw try failure(&visit, spec: spec)
        case .task(let spec):
            return try await withRetries(&visit, strand: &strand) { visit, strand in
                try await self.runTask(&visit, spec: spec, strand: &strand)
            }
        case .parallel(let branches):
            return try await withRetries(&visit, strand: &strand) { visit, strand in
                try await self.runParallel(&visit, branches: branches, strand: &strand)
            }
        case .map(let spec):
            return try await withRetries(&visit, strand: &strand) { visit, strand in
                try await self.runMap(&visit, spec: spec, strand: &strand)
            }
        }
    }
}

/// One visit of a state: what it received and the context object it sees.
struct StateVisit {
    let node: StateNode
    let enteredId: Int
    var context: ContextObject
    let rawInput: JSONValue
}

extension StateKind {
    /// False for states whose output is only a selection of their input (which was checked
    /// against the payload limit already).
    var producesData: Bool {
        switch self {
        case .choice, .wait, .succeed, .fail: return false
        case .pass, .task, .parallel, .map: return true
        }
    }

    var enteredEvent: HistoryEventType {
        switch self {
        case .pass: return .passStateEntered
        case .task: return .taskStateEntered
        case .choice: return .choiceStateEntered
        case .wait: return .waitStateEntered
        case .succeed: return .succeedStateEntered
        case .fail: return .failStateEntered
        case .parallel: return .parallelStateEntered
        case .map: return .mapStateEntered
        }
    }

    var exitedEvent: HistoryEventType? {
        switch self {
        case .pass: return .passStateExited
        case .task: return .taskStateExited
        case .choice: return .choiceStateExited
        case .wait: return .waitStateExited
        case .succeed: return .succeedStateExited
        case .fail: return nil
        case .parallel: return .parallelStateExited
        case .map: return .mapStateExited
        }
    }
}
