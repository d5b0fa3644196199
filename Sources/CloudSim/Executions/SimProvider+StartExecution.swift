import Cloud
import Foundation
import GRDB
import StatesLanguage

/// What the StartExecution transaction decided: the execution to run (or the running one to answer).
struct ExecutionLaunch: Sendable {
    var arn: String
    var name: String
    var machineName: String
    var machineArn: String
    var versionArn: String?
    var aliasArn: String?
    var definition: String
    var roleArn: String
    var type: StateMachineType
    var startDate: Date
    var seed: UInt64
    var clock: ClockRecord
    var policies: ExecutionRolePolicies
    /// True when an identical STANDARD execution is already running (idempotent repeat).
    var alreadyRunning: Bool
}

extension SimProvider {
    /// StartExecution: records the execution `RUNNING` and runs it in this process.
    public func startExecution(_ request: StartExecutionRequest) async throws -> StartExecutionResult {
        let launch = try await prepareExecution(request, operation: "StartExecution", sync: false)
        if !launch.alreadyRunning { try launchExecution(launch, input: try Self.parseInput(request.input)) }
        return StartExecutionResult(executionArn: launch.arn, startDate: launch.startDate)
    }

    /// StartSyncExecution: EXPRESS only; runs to the end and answers the outcome.
    public func startSyncExecution(_ request: StartExecutionRequest) async throws -> StateMachineExecution {
        let launch = try await prepareExecution(request, operation: "StartSyncExecution", sync: true)
        let running = try launchExecution(launch, input: try Self.parseInput(request.input))
        _ = await running.task.value
        return try await describeExecution(launch.arn, gated: false)
    }

    /// Parses execution input text (`{}` when absent) or answers `InvalidExecutionInput`.
    static func parseInput(_ text: String?) throws -> JSONValue {
        guard let text else { return .object([:]) }
        do {
            return try JSONValue(parsing: text)
        } catch {
            throw CloudError(.invalidExecutionInput, "Invalid State Machine Execution Input: '\(error)'")
        }
    }

    /// The StartExecution transaction: resolve the machine, version or alias, check the name and
    /// input, answer a running identical execution, record the new one and apply retention.
    func prepareExecution(_ request: StartExecutionRequest, operation: String, sync: Bool) async throws -> ExecutionLaunch {
        let scope = self.scope
        let reference = try StateMachineReference(parsing: request.stateMachineArn, in: scope)
        if let name = request.name { try ExecutionNames.check(name) }
        let input = request.input ?? "{}"
        _ = try Self.parseInput(input)
        if input.utf8.count > 262_144 {
            throw CloudError(.invalidExecutionInput, "Invalid State Machine Execution Input: 'The input size exceeds the maximum of 262144 bytes'")
        }
        // On the writer's queue: finished executions' histories hold the writer a while, and a
        // thread of the concurrency pool blocked behind them would stall every execution.
        return try await cloud.callOnWriter(SimOperation(.states, operation), in: scope, gated: gated) { context -> ExecutionLaunch in
            let machine = try StateMachineRecord.require(reference.name, arn: request.stateMachineArn, context)
            var definition = machine.definition
            var roleArn = machine.roleArn
            var versionArn: String?
            var aliasArn: String?
            if let qualifier = reference.qualifier {
                var number = reference.versionNumber
                if number == nil {
                    let (_, alias) = try StateMachineRouting.requireAlias(reference.name, qualifier, arn: request.stateMachineArn, context)
                    aliasArn = machine.arn(scope, qualifier: qualifier)
                    number = Self.pick(alias.routing, &context)
                }
                guard let number, let version = try machine.version(number, context.db) else {
                    throw CloudError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(request.stateMachineArn)'", resource: request.stateMachineArn)
                }
                definition = version.definition
                roleArn = version.roleArn
                versionArn = machine.arn(scope, qualifier: String(number))
            }
            let type = StateMachineType(rawValue: machine.type) ?? .standard
            if sync, type != .express {
                throw CloudError(.stateMachineTypeNotSupported, "This operation is not supported by this type of state machine")
            }
            let name = request.name ?? context.newRevisionId()
            let arn = ExecutionNames.arn(machine: machine.name, name: name,
                                         express: type == .express ? context.newRevisionId() : nil, in: scope)
            let policies = try ExecutionRolePolicies.load(roleArn: roleArn, account: scope.account, context.db)
            guard let clock = try ClockRecord.cachedOne(context.db, "SELECT * FROM clock WHERE id = 1") else { throw SimError("The clock row is missing.") }
            var launch = ExecutionLaunch(arn: arn, name: name, machineName: machine.name, machineArn: machine.arn(scope),
                                         versionArn: versionArn, aliasArn: aliasArn, definition: definition, roleArn: roleArn,
                                         type: type, startDate: context.date, seed: context.random(), clock: clock,
                                         policies: policies, alreadyRunning: false)
            if let existing = try ExecutionRecord.cachedOne(context.db, "SELECT * FROM execution WHERE arn = ?", [arn]) {
                guard existing.status == ExecutionStatus.running.rawValue, existing.input == input else {
                    throw CloudError(.executionAlreadyExists, "Execution Already Exists: '\(arn)'", resource: arn)
                }
                launch.alreadyRunning = true
                launch.startDate = Date(timeIntervalSince1970: existing.startDate)
                return launch
            }
            try ExecutionRecord(arn: arn, account: scope.account, region: scope.region, stateMachineArn: launch.machineArn,
                                name: name, versionArn: versionArn, aliasArn: aliasArn, definition: definition, roleArn: roleArn,
                                status: ExecutionStatus.running.rawValue, input: input, output: nil, error: nil, cause: nil,
                                startDate: context.now, stopDate: nil).insert(context.db)
            try ExecutionRetention.prune(stateMachineArn: launch.machineArn, context.db)
            return launch
        }
    }

    /// Picks a version of an alias by its weights with the store's random sequence.
    static func pick(_ routes: [StoredRoute], _ context: inout CallContext) -> Int? {
        guard let first = routes.first else { return nil }
        if routes.count == 1 { return first.version }
        let draw = context.randomUnit() * 100
        var total = 0.0
        for route in routes {
            total += Double(route.weight)
            if draw < total { return route.version }
        }
        return routes.last?.version
    }
}
