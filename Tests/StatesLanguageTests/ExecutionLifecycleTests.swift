import Foundation
import StatesLanguage
import Testing

@Suite struct ExecutionLifecycleTests {
    @Test func wait_advancesTheVirtualClockInsteadOfSleeping() async throws {
        let clock = VirtualClock()
        let start = clock.now()
        let run = try await execute(
            #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 300, "Next": "U"}, "U": {"Type": "Wait", "TimestampPath": "$.until", "End": true}}}"#,
            input: ["until": .string(Timestamp.format(start.addingTimeInterval(3600)))], clock: clock)
        #expect(run.result.status == .succeeded)
        #expect(clock.now().timeIntervalSince(start) == 3600)
        let exits = run.history.filter { $0.type == .waitStateExited }.map { $0.timestamp.timeIntervalSince(start) }
        #expect(exits == [300, 3600])
    }

    @Test func executionTimeout_endsWithTimedOut() async throws {
        let clock = VirtualClock()
        let run = try await execute(
            #"{"TimeoutSeconds": 60, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 3600, "End": true}}}"#, clock: clock)
        #expect(run.result.status == .timedOut)
        #expect(run.result.error == "States.Timeout")
        #expect(run.types.last == "ExecutionTimedOut")
        #expect(run.history.last?.timestamp.timeIntervalSince(run.result.startDate) == 60)
    }

    @Test func infiniteLoop_failsAtTheHistoryLimit() async throws {
        let run = try await execute(
            #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "BooleanEquals": true, "Next": "Done"}], "Default": "A"}, "Done": {"Type": "Succeed"}}}"#,
            input: ["stop": false], historyLimit: 25_000)
        #expect(run.result.status == .failed)
        #expect(run.result.error == "States.Runtime")
        #expect(run.result.cause == "The execution reached the maximum number of history events (25000).")
        #expect(run.history.count == 25_000)
        #expect(run.history.last?.type == .executionFailed)
        #expect(run.history.map(\.id) == Array(1...25_000))
    }

    @Test func stop_abortsAWaitingExecution() async throws {
        let definition = try StateMachineDefinition(parsing: #"{"StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 86400, "End": true}}}"#)
        let identity = ExecutionIdentity.standard(stateMachineName: "m", executionName: "e", input: [:], startTime: Date())
        let execution = Execution(definition: definition, identity: identity, environment: ExecutionEnvironment(invoker: FunctionTable(), clock: SystemClock()))
        let running = Task { await execution.run() }
        while !execution.history.contains(where: { $0.type == .waitStateEntered }) { await Task.yield() }
        #expect(execution.status == .running)
        execution.stop(error: "Operator", cause: "maintenance window")
        running.cancel()
        let result = await running.value
        #expect(result.status == .aborted)
        #expect(result.error == "Operator")
        #expect(result.cause == "maintenance window")
        #expect(execution.history.last?.type == .executionAborted)
        #expect(execution.status == .aborted)
    }

    @Test func stopWithoutCancellation_takesEffectAtTheNextTransition() async throws {
        let gate = Counter()
        let invoker = FunctionTable(["f": { _ in
            _ = gate.next()
            return "ok"
        }])
        let definition = try StateMachineDefinition(parsing: #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "After"}, "After": {"Type": "Pass", "End": true}}}"#)
        let identity = ExecutionIdentity.standard(stateMachineName: "m", executionName: "e", input: [:], startTime: Date())
        let execution = Execution(definition: definition, identity: identity, environment: ExecutionEnvironment(invoker: invoker, clock: VirtualClock()))
        execution.stop(error: nil, cause: nil)
        let result = await execution.run()
        #expect(result.status == .aborted)
        #expect(gate.count == 0)
        #expect(execution.history.map(\.type) == [.executionStarted, .executionAborted])
    }

    @Test func history_linksEventsAndRendersTheAPIShape() async throws {
        let clock = VirtualClock()
        let run = try await execute(#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"k": 1}, "Next": "B"}, "B": {"Type": "Succeed"}}}"#, input: ["in": 1], clock: clock)
        #expect(run.types == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "SucceedStateEntered", "SucceedStateExited", "ExecutionSucceeded"])
        #expect(run.history.map(\.id) == [1, 2, 3, 4, 5, 6])
        #expect(run.history.map(\.previousEventId) == [0, 0, 2, 3, 4, 5])
        let started = run.history[0].awsJSON()
        #expect(started["type"] == "ExecutionStarted")
        #expect(started["executionStartedEventDetails"]?["input"] == #"{"in":1}"#)
        #expect(started["executionStartedEventDetails"]?["roleArn"] == "arn:aws:iam::123456789012:role/machine-role")
        #expect(run.history[2].awsJSON()["stateExitedEventDetails"] == ["name": "A", "output": #"{"k":1}"#, "outputDetails": ["truncated": false]])
        #expect(run.history[0].awsJSON()["timestamp"] == .double(clock.now().timeIntervalSince1970))
    }

    @Test func executionStartedThroughAnAlias_reportsAliasAndVersion() async throws {
        var identity = ExecutionIdentity.standard(stateMachineName: "m", executionName: "e", input: [:], startTime: Date())
        identity.stateMachineAliasARN = "arn:aws:states:us-east-1:123456789012:stateMachine:m:live"
        identity.stateMachineVersionARN = "arn:aws:states:us-east-1:123456789012:stateMachine:m:3"
        let execution = Execution(
            definition: try StateMachineDefinition(parsing: #"{"StartAt": "S", "States": {"S": {"Type": "Succeed"}}}"#),
            identity: identity, environment: ExecutionEnvironment(invoker: FunctionTable(), clock: VirtualClock()))
        _ = await execution.run()
        let details = execution.history.first?.awsJSON()["executionStartedEventDetails"]
        #expect(details?["stateMachineAliasArn"] == "arn:aws:states:us-east-1:123456789012:stateMachine:m:live")
        #expect(details?["stateMachineVersionArn"] == "arn:aws:states:us-east-1:123456789012:stateMachine:m:3")
    }

    @Test func observer_seesEveryEventInOrder() async throws {
        final class Sink: @unchecked Sendable {
            let lock = NSLock()
            var ids: [Int] = []
            func add(_ event: HistoryEvent) { lock.withLock { ids.append(event.id) } }
        }
        let sink = Sink()
        let definition = try StateMachineDefinition(parsing: #"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}, {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": true}}}], "End": true}}}"#)
        let execution = Execution(
            definition: definition,
            identity: .standard(stateMachineName: "m", executionName: "e", input: [:], startTime: Date()),
            environment: ExecutionEnvironment(invoker: FunctionTable(), clock: VirtualClock(), observer: { sink.add($0) }))
        _ = await execution.run()
        #expect(sink.ids == execution.history.map(\.id))
        #expect(sink.ids.count == 10)
    }

    @Test func contextObject_timesUseMillisecondUTCFormat() async throws {
        let clock = VirtualClock(start: Date(timeIntervalSince1970: 1_553_631_253.192))
        let run = try await execute(#"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"start.$": "$$.Execution.StartTime", "entered.$": "$$.State.EnteredTime", "retry.$": "$$.State.RetryCount"}, "End": true}}}"#, clock: clock)
        #expect(run.result.output == ["start": "2019-03-26T20:14:13.192Z", "entered": "2019-03-26T20:14:13.192Z", "retry": 0])
    }

    @Test func choiceOnMissingVariable_failsWithStepFunctionsMessage() async throws {
        let run = try await execute(#"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": 1, "Next": "D"}], "Default": "D"}, "D": {"Type": "Succeed"}}}"#)
        #expect(run.result.error == "States.Runtime")
        #expect(run.result.cause == "An error occurred while executing the state 'C' (entered at the event id #2). Invalid path '$.x': The choice state's condition path references an invalid value.")
    }

    @Test(arguments: [
        ("2016-03-14T01:59:00Z", true), ("2016-03-14T01:59:00.123Z", true), ("2016-03-14T01:59:00+05:30", true),
        ("2016-03-14t01:59:00Z", false), ("2016-03-14T01:59:00", false), ("2016-02-30T00:00:00Z", false), ("not a date", false),
    ])
    func isTimestamp_followsRFC3339WithUppercaseTAndZ(text: String, valid: Bool) async throws {
        let run = try await execute(
            #"{"StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$.t", "IsTimestamp": true, "Next": "Yes"}], "Default": "No"}, "Yes": {"Type": "Pass", "Result": true, "End": true}, "No": {"Type": "Pass", "Result": false, "End": true}}}"#,
            input: ["t": .string(text)])
        #expect(run.result.output == .bool(valid))
    }

    @Test(arguments: [("log-*.txt", "log-2024.txt", true), ("*.txt", "a.txt.gz", false), (#"a\*b"#, "a*b", true), (#"a\*b"#, "axb", false), ("*", "", true), ("a*b*c", "aXXbYYc", true)])
    func stringMatches_supportsStarAndEscapes(pattern: String, text: String, matches: Bool) async throws {
        let definition: JSONValue = ["StartAt": "C", "States": [
            "C": ["Type": "Choice", "Choices": [["Variable": "$.s", "StringMatches": .string(pattern), "Next": "Yes"]], "Default": "No"],
            "Yes": ["Type": "Pass", "Result": true, "End": true], "No": ["Type": "Pass", "Result": false, "End": true]]]
        let run = try await execute(definition.serialized(), input: ["s": .string(text)])
        #expect(run.result.output == .bool(matches))
    }
}
