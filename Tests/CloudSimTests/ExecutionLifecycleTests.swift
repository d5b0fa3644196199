import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Executions: start, stop, list, retention, EXPRESS")
struct ExecutionLifecycleTests {
    static let settings = SimSettings(seed: 5, rateLimitsEnabled: false)

    static func passing(_ value: String) -> String {
        #"{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"\#(value)","End":true}}}"#
    }

    @Test func startExecution_throughWeightedAlias_runsBothVersionsAndRecordsWhichRan() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let machine = try await sim.makeMachine("routed", definition: Self.passing("one"), publish: true)
            let one = try #require(machine.stateMachineVersionArn)
            _ = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: machine.stateMachineArn, definition: Self.passing("two")))
            let two = try await sim.provider.publishStateMachineVersion(machine.stateMachineArn, revisionId: nil, description: nil).stateMachineVersionArn
            let alias = try await sim.provider.createStateMachineAlias(name: "live", description: "", routing: [
                StateMachineRoute(stateMachineVersionArn: one, weight: 70), StateMachineRoute(stateMachineVersionArn: two, weight: 30),
            ])
            var outputs: [String: Int] = [:]
            for index in 0..<40 {
                let execution = try await sim.run(alias.stateMachineAliasArn, name: "run-\(index)")
                #expect(execution.status == .succeeded)
                #expect(execution.stateMachineAliasArn == alias.stateMachineAliasArn)
                #expect(execution.stateMachineVersionArn == (execution.output == "\"one\"" ? one : two))
                outputs[execution.output ?? "", default: 0] += 1
            }
            #expect((outputs["\"one\""] ?? 0) > (outputs["\"two\""] ?? 0))
            #expect((outputs["\"two\""] ?? 0) > 0)
            let viaVersion = try await sim.run(one)
            #expect(viaVersion.output == "\"one\"")
            let listedByAlias = try await sim.provider.listExecutions(alias.stateMachineAliasArn, status: nil)
            #expect(listedByAlias.count == 40)
        }
    }

    @Test func stopExecution_ofWaitingExecution_endsAbortedWithTheGivenErrorAndAnAbortEvent() async throws {
        let real = SimSettings(seed: 5, rateLimitsEnabled: false, clockMode: .real)
        try await SimFixture.with(settings: real) { sim in
            let definition = #"{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":3600,"End":true}}}"#
            let machine = try await sim.makeMachine("holder", definition: definition)
            let started = try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: machine.stateMachineArn, name: "long"))
            #expect(try await sim.provider.describeExecution(started.executionArn).status == .running)
            let running = try await sim.provider.listExecutions(machine.stateMachineArn, status: .running)
            #expect(running.map(\.executionArn) == [started.executionArn])
            _ = try await sim.provider.stopExecution(started.executionArn, error: "Operator.Stop", cause: "maintenance")
            let stopped = try await sim.provider.describeExecution(started.executionArn)
            #expect(stopped.status == .aborted)
            #expect(stopped.error == "Operator.Stop" && stopped.cause == "maintenance")
            let history = try await sim.provider.getExecutionHistory(started.executionArn, reverseOrder: true)
            #expect(history.first?.type == "ExecutionAborted")
            #expect(try await sim.provider.listExecutions(machine.stateMachineArn, status: .running).isEmpty)
            #expect(try await sim.provider.listExecutions(machine.stateMachineArn, status: .aborted).count == 1)
        }
    }

    @Test func startExecution_withBadNameInputOrReusedName_answersAWSErrors() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let machine = try await sim.makeMachine("strict", definition: Self.passing("x"))
            let arn = machine.stateMachineArn
            #expect(await cloudError { _ = try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: arn, name: "has space")) }?.code == .invalidName)
            #expect(await cloudError { _ = try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: arn, input: "{nope")) }?.code == .invalidExecutionInput)
            #expect(await cloudError { _ = try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: arn + "-gone")) }?.code == .stateMachineDoesNotExist)
            _ = try await sim.run(arn, name: "once")
            #expect(await cloudError { _ = try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: arn, name: "once")) }?.code == .executionAlreadyExists)
            #expect(await cloudError { _ = try await sim.provider.describeExecution(arn.replacingOccurrences(of: ":stateMachine:", with: ":execution:") + ":never") }?.code == .executionDoesNotExist)
            #expect(await cloudError { _ = try await sim.provider.startSyncExecution(StartExecutionRequest(stateMachineArn: arn)) }?.code == .stateMachineTypeNotSupported)
        }
    }

    @Test func executions_beyondRetention_keepOnlyTheNewest() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.provider.setExecutionRetention(3)
            #expect(try await sim.provider.executionRetention() == 3)
            let machine = try await sim.makeMachine("kept", definition: Self.passing("k"))
            for index in 0..<5 { _ = try await sim.run(machine.stateMachineArn, name: "e\(index)") }
            let names = try await sim.provider.listExecutions(machine.stateMachineArn, status: nil).map(\.name)
            #expect(names.count <= 4)
            #expect(Array(names.prefix(3)) == ["e4", "e3", "e2"])
            _ = try await sim.run(machine.stateMachineArn, name: "e5")
            let after = try await sim.provider.listExecutions(machine.stateMachineArn, status: .succeeded).map(\.name)
            #expect(!after.contains("e0") && !after.contains("e1"))
        }
    }

    @Test func startSyncExecution_ofExpressMachine_answersTheOutcomeIncludingFailure() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let ok = try await sim.makeMachine("fast", definition: Self.passing("done"), type: .express)
            let result = try await sim.provider.startSyncExecution(StartExecutionRequest(stateMachineArn: ok.stateMachineArn, name: "same", input: "{}"))
            #expect(result.status == .succeeded && result.output == "\"done\"")
            #expect(result.executionArn.contains(":express:fast:same:"))
            let again = try await sim.provider.startSyncExecution(StartExecutionRequest(stateMachineArn: ok.stateMachineArn, name: "same", input: "{}"))
            #expect(again.executionArn != result.executionArn)
            let failing = #"{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"Custom.Bad","Cause":"no"}}}"#
            let bad = try await sim.makeMachine("failing", definition: failing, type: .express)
            let failed = try await sim.provider.startSyncExecution(StartExecutionRequest(stateMachineArn: bad.stateMachineArn))
            #expect(failed.status == .failed && failed.error == "Custom.Bad" && failed.cause == "no")
        }
    }

    @Test func expressExecutions_cannotBeDescribedStoppedOrListed_asOnAWS() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let machine = try await sim.makeMachine("fast", definition: Self.passing("done"), type: .express)
            let started = try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: machine.stateMachineArn, name: "one", input: "{}"))
            #expect(started.executionArn.contains(":express:fast:one:"))
            await sim.provider.awaitExecution(started.executionArn)
            let expected = "Invalid Arn: 'Resource type not valid in this context: express'"
            let describe = await cloudError { _ = try await sim.provider.describeExecution(started.executionArn) }
            #expect(describe?.code == .invalidArn && describe?.message == expected)
            let stop = await cloudError { _ = try await sim.provider.stopExecution(started.executionArn, error: nil, cause: nil) }
            #expect(stop?.code == .invalidArn)
            let history = await cloudError { _ = try await sim.provider.getExecutionHistory(started.executionArn, reverseOrder: false) }
            #expect(history?.code == .invalidArn)
            let list = await cloudError { _ = try await sim.provider.listExecutions(machine.stateMachineArn, status: nil) }
            #expect(list?.code == .stateMachineTypeNotSupported)
            let inspector = try sim.cloud.inspector()
            #expect(try await inspector.describeExecution(started.executionArn).status == .succeeded)
            #expect(try await inspector.listExecutions(machine.stateMachineArn, status: nil).map(\.name) == ["one"])
        }
    }

    @Test func manyExecutions_startedAtOnce_allSucceedWithTheirOwnResults() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let function = try await sim.makeFunction("inc", code: SimFixture.bundle("inc", source: ExecutionHandlers.increment))
            let definition = #"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"\#(function.functionArn)","Next":"Wait"},"Wait":{"Type":"Wait","Seconds":30,"Next":"Done"},"Done":{"Type":"Succeed"}}}"#
            let machine = try await sim.makeMachine("parallel", definition: definition)
            let arns = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<60 {
                    group.addTask {
                        try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: machine.stateMachineArn, name: "n\(index)", input: #"{"n":\#(index)}"#)).executionArn
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            for arn in arns {
                let execution = try await sim.finished(arn)
                #expect(execution.status == .succeeded)
                let suffix = arn.components(separatedBy: ":n").last ?? ""
                let index = try #require(Int(suffix))
                #expect(try SimFixture.object(execution.output)["n"] as? Int == index + 1)
            }
            #expect(try await sim.provider.listExecutions(machine.stateMachineArn, status: .succeeded).count == 60)
        }
    }
}
