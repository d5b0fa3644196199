import Foundation
import StatesLanguage

/// Task invoker for tests: each function name maps to a Swift closure standing in for its code.
struct FunctionTable: TaskInvoker {
    typealias Handler = @Sendable (TaskInvocation) async throws -> JSONValue
    var handlers: [String: Handler]
    var clock: VirtualClock?
    var secondsPerCall: Double = 0

    init(clock: VirtualClock? = nil, secondsPerCall: Double = 0, _ handlers: [String: Handler] = [:]) {
        self.handlers = handlers
        self.clock = clock
        self.secondsPerCall = secondsPerCall
    }

    func invoke(_ invocation: TaskInvocation) async throws -> TaskResult {
        let name = invocation.functionName ?? invocation.resource
        let key = name.split(separator: ":").count >= 7 ? String(name.split(separator: ":")[6]) : name
        guard let handler = handlers[key] else {
            throw TaskFailure(error: "Lambda.ResourceNotFoundException", cause: "Function not found: \(name)")
        }
        clock?.advance(by: secondsPerCall)
        return TaskResult(output: try await handler(invocation), executedVersion: "$LATEST", requestId: "req-\(invocation.retryCount)")
    }
}

/// A thread-safe counter for handlers that fail a number of times.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.withLock {
            value += 1
            return value
        }
    }

    var count: Int { lock.withLock { value } }
}

struct Run {
    var result: ExecutionResult
    var history: [HistoryEvent]

    var types: [String] { history.map(\.type.rawValue) }
}

/// Parses `definition`, runs it on a virtual clock and returns the outcome and history.
func execute(
    _ definition: String, input: JSONValue = [:], invoker: any TaskInvoker = FunctionTable(),
    clock: VirtualClock = VirtualClock(), historyLimit: Int = 25_000, seed: UInt64 = 7,
    name: String = "test-execution"
) async throws -> Run {
    let machine = try StateMachineDefinition(parsing: definition)
    let identity = ExecutionIdentity.standard(stateMachineName: "machine", executionName: name, input: input, startTime: clock.now())
    let execution = Execution(definition: machine, identity: identity, environment: ExecutionEnvironment(
        invoker: invoker, clock: clock, random: RandomSource(seed: seed), historyLimit: historyLimit))
    let result = await execution.run()
    return Run(result: result, history: execution.history)
}

/// Parses JSON text in tests.
func json(_ text: String) throws -> JSONValue {
    try JSONValue(parsing: text)
}
