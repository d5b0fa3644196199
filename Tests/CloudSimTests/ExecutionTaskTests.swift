import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Executions: Task states invoking real functions")
struct ExecutionTaskTests {
    static let settings = SimSettings(seed: 11, rateLimitsEnabled: false)

    static func taskDefinition(_ resource: String, extra: String = "") -> String {
        #"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"\#(resource)"\#(extra),"End":true}}}"#
    }

    @Test func execution_ofTaskOnFunctionArn_succeedsWithTheFunctionResult() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let function = try await sim.makeFunction("inc", code: SimFixture.bundle("inc", source: ExecutionHandlers.increment))
            let machine = try await sim.makeMachine("calc", definition: Self.taskDefinition(function.functionArn))
            let execution = try await sim.run(machine.stateMachineArn, input: #"{"n":41}"#, name: "first")
            #expect(execution.status == .succeeded)
            let output = try SimFixture.object(execution.output)
            #expect(output["n"] as? Int == 42)
            #expect(execution.executionArn.hasSuffix(":execution:calc:first"))
            let history = try await sim.provider.getExecutionHistory(execution.executionArn, reverseOrder: false)
            #expect(history.map(\.type) == [
                "ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded",
            ])
            #expect(history.first?.details.contains("executionStartedEventDetails") == true)
        }
    }

    @Test func execution_ofLambdaInvokeIntegration_wrapsThePayloadAndRunsTheQualifiedVersion() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("inc", code: SimFixture.bundle("inc", source: ExecutionHandlers.increment), publish: true)
            let definition = Self.taskDefinition("arn:aws:states:::lambda:invoke",
                                                 extra: #","Parameters":{"FunctionName":"inc:1","Payload.$":"$"},"ResultSelector":{"n.$":"$.Payload.n","v.$":"$.ExecutedVersion","code.$":"$.StatusCode"}"#)
            let machine = try await sim.makeMachine("wrapped", definition: definition)
            let execution = try await sim.run(machine.stateMachineArn, input: #"{"n":1}"#)
            #expect(execution.status == .succeeded)
            let output = try SimFixture.object(execution.output)
            #expect(output["n"] as? Int == 2)
            #expect(output["v"] as? String == "1")
            #expect(output["code"] as? Int == 200)
            let types = try await sim.provider.getExecutionHistory(execution.executionArn, reverseOrder: false).map(\.type)
            #expect(types.contains("TaskScheduled") && types.contains("TaskSucceeded"))
        }
    }

    @Test func execution_whenHandlerRaises_takesTheCatchPathWithTheErrorTypeAndCause() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let function = try await sim.makeFunction("reject", code: SimFixture.bundle("reject", source: ExecutionHandlers.failing))
            let definition = #"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"\#(function.functionArn)","Catch":[{"ErrorEquals":["OrderRejected"],"ResultPath":"$.failure","Next":"Handled"}],"End":true},"Handled":{"Type":"Pass","End":true}}}"#
            let machine = try await sim.makeMachine("catcher", definition: definition)
            let execution = try await sim.run(machine.stateMachineArn, input: #"{"id":7}"#)
            #expect(execution.status == .succeeded)
            let failure = try #require(try SimFixture.object(execution.output)["failure"] as? [String: Any])
            #expect(failure["Error"] as? String == "OrderRejected")
            #expect((failure["Cause"] as? String)?.contains("order 7 rejected") == true)
            let uncaught = try await sim.makeMachine("uncaught", definition: Self.taskDefinition(function.functionArn))
            let failed = try await sim.run(uncaught.stateMachineArn, input: #"{"id":8}"#)
            #expect(failed.status == .failed && failed.error == "OrderRejected")
            let types = try await sim.provider.getExecutionHistory(failed.executionArn, reverseOrder: false).map(\.type)
            #expect(types.suffix(2) == ["LambdaFunctionFailed", "ExecutionFailed"])
        }
    }

    @Test func execution_withRetry_retriesTheFailingFunctionUntilItSucceeds() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let function = try await sim.makeFunction("flaky", code: SimFixture.bundle("flaky", source: ExecutionHandlers.flaky))
            let retry = #","Retry":[{"ErrorEquals":["RuntimeError"],"IntervalSeconds":5,"MaxAttempts":3,"BackoffRate":2}]"#
            let machine = try await sim.makeMachine("retrier", definition: Self.taskDefinition(function.functionArn, extra: retry))
            let execution = try await sim.run(machine.stateMachineArn)
            #expect(execution.status == .succeeded)
            #expect(try SimFixture.object(execution.output)["attempts"] as? Int == 3)
            let history = try await sim.provider.getExecutionHistory(execution.executionArn, reverseOrder: false)
            #expect(history.filter { $0.type == "LambdaFunctionFailed" }.count == 2)
            // Waits ran on the virtual clock: 5 s then 10 s between attempts.
            let elapsed = try #require(execution.stopDate).timeIntervalSince(execution.startDate)
            #expect(elapsed >= 15)
        }
    }

    @Test func execution_whenRoleMayNotInvokeTheFunction_failsWithAccessDenied() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let function = try await sim.makeFunction("secret", code: SimFixture.bundle("inc", source: ExecutionHandlers.increment))
            try await sim.makeStatesRole("narrow", policy: SimFixture.invokePolicy("arn:aws:lambda:*:*:function:other"))
            let machine = try await sim.makeMachine("denied", definition: Self.taskDefinition(function.functionArn), role: "narrow")
            let execution = try await sim.run(machine.stateMachineArn)
            #expect(execution.status == .failed)
            #expect(execution.error == "Lambda.AWSLambdaException")
            #expect(execution.cause?.contains("AccessDeniedException") == true)
            #expect(execution.cause?.contains("lambda:InvokeFunction") == true)
            let metrics = try await sim.provider.functionMetrics(FunctionMetricsQuery(functionName: "secret", start: execution.startDate.addingTimeInterval(-60), end: execution.startDate.addingTimeInterval(60)))
            #expect(metrics.summary.invocations == 0)
        }
    }

    @Test func execution_whenDenyStatementMatches_failsEvenWithAnAllow() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let function = try await sim.makeFunction("guarded", code: SimFixture.bundle("inc", source: ExecutionHandlers.increment))
            try await sim.makeStatesRole("mixed")
            let deny = #"{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"lambda:*","Resource":"*"}]}"#
            let policy = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "deny-all", policyDocument: deny))
            try await sim.provider.attachRolePolicy("mixed", policyArn: policy.arn)
            let machine = try await sim.makeMachine("mixed", definition: Self.taskDefinition(function.functionArn), role: "mixed")
            let execution = try await sim.run(machine.stateMachineArn)
            #expect(execution.status == .failed)
            #expect(execution.cause?.contains("explicit deny") == true)
        }
    }

    @Test func execution_whenPathIsMissingAtRunTime_failsWithStatesRuntime() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            let definition = #"{"StartAt":"Pick","States":{"Pick":{"Type":"Pass","InputPath":"$.order.id","End":true}}}"#
            let machine = try await sim.makeMachine("paths", definition: definition)
            let execution = try await sim.run(machine.stateMachineArn, input: #"{"other":1}"#)
            #expect(execution.status == .failed)
            #expect(execution.error == "States.Runtime")
            #expect(execution.cause?.isEmpty == false)
        }
    }
}
