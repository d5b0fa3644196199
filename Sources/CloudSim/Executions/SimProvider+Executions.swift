import Cloud
import Foundation
import GRDB
import StatesLanguage

extension SimProvider {
    /// DescribeExecution (not for EXPRESS executions, as on AWS; the simulated cloud's inspector
    /// describes them too).
    public func describeExecution(_ executionArn: String) async throws -> StateMachineExecution {
        if gated { try ExecutionNames.refuseExpress(executionArn) }
        return try await describeExecution(executionArn, gated: gated)
    }

    /// DescribeExecution, through the gate or not (a read transaction unless the gate must write).
    func describeExecution(_ executionArn: String, gated: Bool) async throws -> StateMachineExecution {
        try ExecutionNames.checkArn(executionArn, in: scope)
        return try await cloud.readMostlyCall(SimOperation(.states, "DescribeExecution"), in: scope, gated: gated) { context in
            try ExecutionRecord.require(executionArn, context.db).view
        }
    }

    /// StopExecution: interrupts the execution when this process runs it, then records `ABORTED`
    /// with an `ExecutionAborted` event when it is still running.
    public func stopExecution(_ executionArn: String, error: String?, cause: String?) async throws -> Date {
        try ExecutionNames.checkArn(executionArn, in: scope)
        if gated { try ExecutionNames.refuseExpress(executionArn) }
        if let error, error.count > 256 {
            throw CloudError(.validation, "1 validation error detected: Value at 'error' failed to satisfy constraint: Member must have length less than or equal to 256")
        }
        if let cause, cause.count > 32_768 {
            throw CloudError(.validation, "1 validation error detected: Value at 'cause' failed to satisfy constraint: Member must have length less than or equal to 32768")
        }
        let existing = try await describeExecution(executionArn, gated: gated)
        if existing.executionArn.contains(":express:") {
            throw CloudError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
        }
        if let running = ExecutionRegistry.shared.entry(ExecutionRegistry.key(cloud.databasePath, executionArn)) {
            running.execution.stop(error: error, cause: cause)
            running.task.cancel()
            _ = await running.task.value
        }
        return try await cloud.call(SimOperation(.states, "StopExecution"), in: scope, gated: false) { context -> Date in
            var record = try ExecutionRecord.require(executionArn, context.db)
            guard record.status == ExecutionStatus.running.rawValue else {
                return Date(timeIntervalSince1970: record.stopDate ?? context.now)
            }
            record.status = ExecutionStatus.aborted.rawValue
            record.error = error
            record.cause = cause
            record.stopDate = context.now
            try record.update(context.db)
            var history = try StoredHistory.fetch(executionArn, context.db) ?? StoredHistory(events: [], payloads: [])
            var body = JSONObject()
            if let error { body["error"] = .string(error) }
            if let cause { body["cause"] = .string(cause) }
            history.append(type: HistoryEventType.executionAborted.rawValue, timestamp: context.now,
                           details: JSONValue.object(["executionAbortedEventDetails": .object(body)]).serializedBytes())
            try history.save(executionArn, context.db)
            return context.date
        }
    }

    /// ListExecutions of a state machine, version or alias, newest first (not of an EXPRESS
    /// machine, as on AWS; the simulated cloud's inspector lists them too).
    public func listExecutions(_ stateMachineArn: String, status: ExecutionStatus?) async throws -> [StateMachineExecution] {
        let scope = self.scope
        let gated = self.gated
        let reference = try StateMachineReference(parsing: stateMachineArn, in: scope)
        return try await call(SimOperation(.states, "ListExecutions"), in: scope) { context in
            let machine = try StateMachineRecord.require(reference.name, arn: stateMachineArn, context)
            if gated, machine.type == StateMachineType.express.rawValue {
                throw CloudError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
            }
            var request = ExecutionRecord.filter(ExecutionRecord.Columns.stateMachineArn == machine.arn(scope))
            if let qualifier = reference.qualifier {
                let qualified = machine.arn(scope, qualifier: qualifier)
                request = request.filter(reference.versionNumber == nil ? Column("aliasArn") == qualified : Column("versionArn") == qualified)
            }
            if let status { request = request.filter(ExecutionRecord.Columns.status == status.rawValue) }
            return try request.order(sql: "startDate DESC, rowid DESC").fetchAll(context.db).map(\.view)
        }
    }

    /// GetExecutionHistory: the live history of an execution this process runs, else the stored one.
    public func getExecutionHistory(_ executionArn: String, reverseOrder: Bool) async throws -> [ExecutionHistoryEvent] {
        try ExecutionNames.checkArn(executionArn, in: scope)
        if gated { try ExecutionNames.refuseExpress(executionArn) }
        let stored = try await call(SimOperation(.states, "GetExecutionHistory"), in: scope) { context -> StoredHistory? in
            _ = try ExecutionRecord.require(executionArn, context.db)
            return try StoredHistory.fetch(executionArn, context.db)
        }
        var events = try stored?.views(executionArn: executionArn) ?? []
        if events.isEmpty, let running = ExecutionRegistry.shared.entry(ExecutionRegistry.key(cloud.databasePath, executionArn)) {
            events = try StoredHistory(running.execution.history).views(executionArn: executionArn)
        }
        return reverseOrder ? events.reversed() : events
    }

    /// Sets how many executions the store keeps per state machine (at least 1).
    public func setExecutionRetention(_ limit: Int) async throws {
        guard limit >= 1 else { throw SimError("The execution retention must be at least 1 (got \(limit)).") }
        try await cloud.store.pool.write { db in try ExecutionRetention.setLimit(limit, db) }
    }

    /// How many executions the store keeps per state machine.
    public func executionRetention() async throws -> Int {
        try await cloud.store.pool.read { db in try ExecutionRetention.limit(db) }
    }
}

extension ExecutionRecord {
    /// Loads an execution or answers `ExecutionDoesNotExist`.
    static func require(_ arn: String, _ db: Database) throws -> ExecutionRecord {
        guard let record = try ExecutionRecord.cachedOne(db, "SELECT * FROM execution WHERE arn = ?", [arn]) else {
            throw CloudError(.executionDoesNotExist, "Execution Does Not Exist: '\(arn)'", resource: arn)
        }
        return record
    }

    /// The execution as DescribeExecution answers it.
    var view: StateMachineExecution {
        StateMachineExecution(executionArn: arn, stateMachineArn: stateMachineArn, name: name,
                              status: ExecutionStatus(rawValue: status) ?? .running, startDate: Date(timeIntervalSince1970: startDate),
                              stopDate: stopDate.map { Date(timeIntervalSince1970: $0) }, input: input, output: output,
                              error: error, cause: cause, stateMachineVersionArn: versionArn, stateMachineAliasArn: aliasArn)
    }
}

extension SimProvider {
    /// Waits until an execution this process runs has ended and its outcome is stored; returns at
    /// once for executions run elsewhere or already ended.
    public func awaitExecution(_ executionArn: String) async {
        if let running = ExecutionRegistry.shared.entry(ExecutionRegistry.key(cloud.databasePath, executionArn)) {
            _ = await running.task.value
        }
    }
}
