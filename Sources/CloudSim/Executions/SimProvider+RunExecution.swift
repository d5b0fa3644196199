import Cloud
import Foundation
import GRDB
import StatesLanguage

extension SimProvider {
    /// Runs a recorded execution in a task of this process and persists its outcome and history
    /// when it ends. A definition that cannot be compiled fails the execution with `States.Runtime`.
    @discardableResult
    func launchExecution(_ launch: ExecutionLaunch, input: JSONValue) throws -> ExecutionRegistry.Running {
        let identity = ExecutionIdentity(
            executionARN: launch.arn, name: launch.name,
            stateMachineARN: launch.machineArn, stateMachineName: launch.machineName,
            roleARN: launch.roleArn, startTime: launch.startDate, input: input)
        let definition: StateMachineDefinition
        do {
            definition = try ExecutionRegistry.shared.definition(launch.definition)
        } catch {
            // Validated at create time; if it still does not compile, fail the execution, not the call.
            definition = try ExecutionRegistry.shared.definition(Self.failingDefinition(cause: "\(error)"))
        }
        let environment = ExecutionEnvironment(
            invoker: SimTaskInvoker(provider: SimProvider(cloud: cloud, scope: scope, gated: gated), policies: launch.policies),
            clock: SimExecutionClock(record: launch.clock, clock: cloud.clock),
            random: RandomSource(seed: launch.seed), region: scope.region)
        let execution = Execution(definition: definition, identity: identity, environment: environment)
        let key = ExecutionRegistry.key(cloud.databasePath, launch.arn)
        let store = cloud.store
        let task = Task<ExecutionResult, Never> {
            let result = await execution.run()
            await Self.persist(result, history: execution.history, arn: launch.arn, store: store)
            ExecutionRegistry.shared.remove(key)
            return result
        }
        let running = ExecutionRegistry.Running(execution: execution, task: task)
        ExecutionRegistry.shared.insert(key, running)
        return running
    }

    /// A one-state definition that fails with `States.Runtime` and `cause`.
    static func failingDefinition(cause: String) -> String {
        let body: JSONValue = .object([
            "StartAt": "Runtime",
            "States": .object(["Runtime": .object(["Type": "Fail", "Error": .string(StatesErrorName.runtime), "Cause": .string(cause)])]),
        ])
        return body.serialized()
    }

    /// Writes the outcome and the history in one transaction, unless the execution was already
    /// closed (stopped from another process). Retries a busy store a few times; when the history
    /// still cannot be written (say it outgrew SQLite's largest value), the outcome is written
    /// without it rather than leaving the execution `RUNNING`. A store that refuses even that
    /// leaves it `RUNNING` (DescribeExecution shows it).
    static func persist(_ result: ExecutionResult, history: [HistoryEvent], arn: String, store: SimStore) async {
        let stored = StoredHistory(history)
        let output = result.output?.serialized()
        for attempt in 0..<4 {
            do {
                try await store.pool.write { db in
                    // Only the outcome columns change (the row's definition and input are not
                    // read and written back); a row no longer running is left as it is.
                    try db.executeCached("""
                        UPDATE execution SET status = ?, output = ?, error = ?, cause = ?, stopDate = ?
                        WHERE arn = ? AND status = ?
                        """, [result.status.rawValue, output, result.error, result.cause,
                              result.stopDate.timeIntervalSince1970, arn, ExecutionStatus.running.rawValue])
                    guard db.changesCount > 0, attempt < 3 else { return }
                    try stored.save(arn, db)
                }
                return
            } catch {
                continue
            }
        }
    }
}
