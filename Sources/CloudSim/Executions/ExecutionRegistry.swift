import Foundation
import StatesLanguage
import Synchronization

/// The executions this process is running, by store and execution ARN, so StopExecution can
/// interrupt them and GetExecutionHistory can read their history before they end. Also keeps
/// compiled definitions by text, so starting many executions of one machine parses it once.
final class ExecutionRegistry: Sendable {
    /// The process-wide registry.
    static let shared = ExecutionRegistry()

    /// One running execution and the task running it.
    struct Running: Sendable {
        /// The interpreter's execution.
        let execution: Execution
        /// The task that runs it and persists its outcome.
        let task: Task<ExecutionResult, Never>
    }

    private let running = Mutex<[String: Running]>([:])
    private let definitions = Mutex<[String: StateMachineDefinition]>([:])
    private static let definitionCacheLimit = 256

    /// The key of `arn` in the store at `path`.
    static func key(_ path: String, _ arn: String) -> String { path + "|" + arn }

    /// Records a running execution.
    func insert(_ key: String, _ entry: Running) {
        running.withLock { $0[key] = entry }
    }

    /// Forgets an execution that ended.
    func remove(_ key: String) {
        _ = running.withLock { $0.removeValue(forKey: key) }
    }

    /// The running execution under `key`, if this process runs it.
    func entry(_ key: String) -> Running? {
        running.withLock { $0[key] }
    }

    /// The compiled definition of `text` (parsed once per text while cached).
    func definition(_ text: String) throws -> StateMachineDefinition {
        if let cached = definitions.withLock({ $0[text] }) { return cached }
        let compiled = try StateMachineDefinition(parsing: text)
        definitions.withLock { cache in
            if cache.count >= Self.definitionCacheLimit { cache.removeAll() }
            cache[text] = compiled
        }
        return compiled
    }
}
