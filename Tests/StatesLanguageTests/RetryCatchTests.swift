import Foundation
import StatesLanguage
import Testing

@Suite struct RetryCatchTests {
    /// A function that fails `failures` times with `error`, then returns its retry count.
    static func flaky(_ failures: Int, error: String = "Transient", counter: Counter) -> FunctionTable {
        FunctionTable(["flaky": { invocation in
            if counter.next() <= failures { throw TaskFailure(error: error, cause: "attempt \(counter.count)") }
            return ["retries": .int(Int64(invocation.retryCount))]
        }])
    }

    /// A Task state calling `flaky` with `extra` fields; a `Handled` state exists when a catcher targets it.
    static func task(_ extra: String) -> String {
        let handler = extra.contains("Handled") ? #", "Handled": {"Type": "Pass", "End": true}"# : ""
        return #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:flaky", "Parameters": {"count.$": "$$.State.RetryCount"}, "# + extra + #", "End": true}"# + handler + "}}"
    }

    @Test func retry_backsOffExponentiallyOnTheClockAndExposesRetryCount() async throws {
        let clock = VirtualClock()
        let start = clock.now()
        let counter = Counter()
        let run = try await execute(
            Self.task(#""Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 3, "MaxAttempts": 4, "BackoffRate": 2}]"#),
            invoker: Self.flaky(3, counter: counter), clock: clock)
        #expect(run.result.output == ["retries": 3])
        #expect(counter.count == 4)
        #expect(clock.now().timeIntervalSince(start) == 3 + 6 + 12)
        #expect(run.history.filter { $0.type == .lambdaFunctionScheduled }.map { $0.details.input?["count"] } == [0, 1, 2, 3])
        #expect(run.history.filter { $0.type == .taskStateEntered }.count == 1)
    }

    @Test func retry_capsDelayAtMaxDelaySecondsAndJitterStaysBelowIt() async throws {
        let clock = VirtualClock()
        let start = clock.now()
        _ = try await execute(
            Self.task(#""Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 10, "MaxAttempts": 3, "BackoffRate": 10, "MaxDelaySeconds": 15}]"#),
            invoker: Self.flaky(3, counter: Counter()), clock: clock)
        #expect(clock.now().timeIntervalSince(start) == 10 + 15 + 15)
        let jitterClock = VirtualClock()
        let jitterStart = jitterClock.now()
        _ = try await execute(
            Self.task(#""Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 10, "MaxAttempts": 3, "JitterStrategy": "FULL"}]"#),
            invoker: Self.flaky(3, counter: Counter()), clock: jitterClock)
        let waited = jitterClock.now().timeIntervalSince(jitterStart)
        #expect(waited >= 0 && waited <= 10 + 20 + 40)
        #expect(waited != 70)
    }

    @Test func retry_exhaustedThenCaughtWithErrorOutput() async throws {
        let run = try await execute(
            Self.task(#""Retry": [{"ErrorEquals": ["Transient"], "IntervalSeconds": 1, "MaxAttempts": 2}], "Catch": [{"ErrorEquals": ["Transient"], "ResultPath": "$.error", "Next": "Handled"}]"#),
            input: ["keep": true], invoker: Self.flaky(10, counter: Counter()))
        #expect(run.result.output == ["keep": true, "error": ["Error": "Transient", "Cause": "attempt 3"]])
    }

    @Test func maxAttemptsZero_neverRetries() async throws {
        let counter = Counter()
        let run = try await execute(Self.task(#""Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 0}]"#), invoker: Self.flaky(1, counter: counter))
        #expect(run.result.error == "Transient")
        #expect(counter.count == 1)
    }

    @Test func eachRetrierKeepsItsOwnAttemptCount() async throws {
        let counter = Counter()
        let invoker = FunctionTable(["flaky": { _ in
            let attempt = counter.next()
            if attempt <= 4 { throw TaskFailure(error: attempt % 2 == 1 ? "A" : "B") }
            return "done"
        }])
        let run = try await execute(
            Self.task(#""Retry": [{"ErrorEquals": ["A"], "MaxAttempts": 2}, {"ErrorEquals": ["B"], "MaxAttempts": 2}]"#), invoker: invoker)
        #expect(run.result.output == "done")
        #expect(counter.count == 5)
    }

    @Test func taskFailedMatchesFunctionErrorsButNotTimeouts() async throws {
        let caught = try await execute(
            Self.task(#""Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Handled"}]"#), invoker: Self.flaky(1, error: "Lambda.Unknown", counter: Counter()))
        #expect(caught.result.output == ["Error": "Lambda.Unknown", "Cause": "attempt 1"])
        let clock = VirtualClock()
        let slow = FunctionTable(clock: clock, secondsPerCall: 9, ["flaky": { _ in "late" }])
        let timedOut = try await execute(
            Self.task(#""TimeoutSeconds": 2, "Catch": [{"ErrorEquals": ["States.TaskFailed"], "Next": "Handled"}]"#), invoker: slow, clock: clock)
        #expect(timedOut.result.error == "States.Timeout")
    }

    @Test func runtimeErrorsAreNotCaughtByStatesAll() async throws {
        let run = try await execute(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "InputPath": "$.missing", "Retry": [{"ErrorEquals": ["States.ALL"]}], "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "H"}], "End": true}, "H": {"Type": "Succeed"}}}"#,
            input: ["present": 1], invoker: FunctionTable(["f": { _ in "x" }]))
        #expect(run.result.error == "States.Runtime")
        #expect(run.result.cause == "An error occurred while executing the state 'T' (entered at the event id #2). Invalid path '$.missing' : No results for path: $['missing']")
    }

    @Test func caughtMapIterationFailure_recordsIterationAndStateEvents() async throws {
        let run = try await execute(
            #"{"StartAt": "M", "States": {"M": {"Type": "Map", "Iterator": {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Bad"}}}, "Catch": [{"ErrorEquals": ["Bad"], "Next": "H"}], "End": true}, "H": {"Type": "Pass", "Result": "handled", "End": true}}}"#,
            input: [1])
        #expect(run.result.output == "handled")
        #expect(run.types == ["ExecutionStarted", "MapStateEntered", "MapStateStarted", "MapIterationStarted", "FailStateEntered",
                              "MapIterationFailed", "MapStateFailed", "MapStateExited", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
    }
}
