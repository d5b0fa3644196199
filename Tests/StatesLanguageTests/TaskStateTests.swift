import StatesLanguage
import Testing

@Suite struct TaskStateTests {
    static let echo: FunctionTable.Handler = { invocation in ["got": invocation.payload, "retry": .int(Int64(invocation.retryCount))] }

    @Test func lambdaFunctionARN_returnsFunctionOutputAndLambdaEvents() async throws {
        let run = try await execute(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:echo:live", "TimeoutSeconds": 30, "Parameters": {"x.$": "$.x"}, "End": true}}}"#,
            input: ["x": 1], invoker: FunctionTable(["echo": Self.echo]))
        #expect(run.result.status == .succeeded)
        #expect(run.result.output == ["got": ["x": 1], "retry": 0])
        #expect(run.types == ["ExecutionStarted", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted",
                              "LambdaFunctionSucceeded", "TaskStateExited", "ExecutionSucceeded"])
        let scheduled = try #require(run.history.first { $0.type == .lambdaFunctionScheduled })
        #expect(scheduled.details.resource == "arn:aws:lambda:us-east-1:123456789012:function:echo:live")
        #expect(scheduled.details.timeoutInSeconds == 30)
        #expect(scheduled.awsJSON()["lambdaFunctionScheduledEventDetails"]?["input"] == #"{"x":1}"#)
    }

    @Test func lambdaInvokeIntegration_wrapsPayloadLikeTheInvokeResponse() async throws {
        let invoker = FunctionTable(["deployer": { invocation in
            #expect(invocation.kind == .lambdaInvoke)
            #expect(invocation.functionName == "arn:aws:lambda:us-east-1:123456789012:function:deployer")
            #expect(invocation.qualifier == "live")
            return ["deployed": invocation.payload["service"] ?? .null]
        }])
        let run = try await execute(
            #"{"StartAt": "Deploy", "States": {"Deploy": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:deployer", "Qualifier": "live", "Payload": {"service.$": "$.name"}}, "ResultSelector": {"result.$": "$.Payload", "code.$": "$.StatusCode", "version.$": "$.ExecutedVersion"}, "End": true}}}"#,
            input: ["name": "orders"], invoker: invoker)
        #expect(run.result.output == ["result": ["deployed": "orders"], "code": 200, "version": "$LATEST"])
        #expect(run.types == ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"])
        let scheduled = try #require(run.history.first { $0.type == .taskScheduled }).awsJSON()["taskScheduledEventDetails"]
        #expect(scheduled?["resourceType"] == "lambda")
        #expect(scheduled?["resource"] == "invoke")
        #expect(scheduled?["region"] == "us-east-1")
        let succeeded = try #require(run.history.first { $0.type == .taskSucceeded })
        #expect(succeeded.details.output?["SdkHttpMetadata"]?["HttpStatusCode"] == 200)
        #expect(succeeded.details.output?["SdkResponseMetadata"]?["RequestId"] == "req-0")
    }

    @Test func functionError_failsWithErrorTypeAndCause() async throws {
        let invoker = FunctionTable(["boom": { _ in
            throw TaskFailure(error: "ValueError", cause: #"{"errorMessage": "bad input", "errorType": "ValueError"}"#)
        }])
        let run = try await execute(#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:boom", "End": true}}}"#, invoker: invoker)
        #expect(run.result.status == .failed)
        #expect(run.result.error == "ValueError")
        #expect(run.result.cause == #"{"errorMessage": "bad input", "errorType": "ValueError"}"#)
        #expect(run.types.suffix(3) == ["LambdaFunctionStarted", "LambdaFunctionFailed", "ExecutionFailed"])
    }

    @Test func unknownFunction_failsWithLambdaResourceNotFound() async throws {
        let run = try await execute(#"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ghost", "End": true}}}"#)
        #expect(run.result.error == "Lambda.ResourceNotFoundException")
    }

    @Test func taskTimeout_failsWithStatesTimeoutWhenTheTaskOutlivesIt() async throws {
        let clock = VirtualClock()
        let slow = FunctionTable(clock: clock, secondsPerCall: 10, ["slow": Self.echo])
        let run = try await execute(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:slow", "TimeoutSeconds": 5, "End": true}}}"#,
            invoker: slow, clock: clock)
        #expect(run.result.error == "States.Timeout")
        #expect(run.types.contains("LambdaFunctionTimedOut"))
    }

    @Test func timeoutSecondsPath_readsTheTimeoutFromInput() async throws {
        let clock = VirtualClock()
        let slow = FunctionTable(clock: clock, secondsPerCall: 10, ["slow": Self.echo])
        let definition = #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "slow"}, "TimeoutSecondsPath": "$.timeout", "End": true}}}"#
        let quick = try await execute(definition, input: ["timeout": 3], invoker: slow, clock: clock)
        #expect(quick.result.error == "States.Timeout")
        #expect(quick.types.contains("TaskTimedOut"))
        let patient = try await execute(definition, input: ["timeout": 60], invoker: slow, clock: clock)
        #expect(patient.result.status == .succeeded)
    }

    @Test func serviceIntegration_isHandedToTheInvokerWithParameters() async throws {
        struct Recorder: TaskInvoker {
            func invoke(_ invocation: TaskInvocation) async throws -> TaskResult {
                #expect(invocation.kind == .service)
                return TaskResult(output: ["resource": .string(invocation.resource), "params": invocation.payload])
            }
        }
        let run = try await execute(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q", "MessageBody.$": "$.m"}, "End": true}}}"#,
            input: ["m": "hi"], invoker: Recorder())
        #expect(run.result.output == ["resource": "arn:aws:states:::sqs:sendMessage", "params": ["QueueUrl": "q", "MessageBody": "hi"]])
        #expect(run.history.first { $0.type == .taskScheduled }?.details.resourceType == "sqs")
    }

    @Test func oversizedResult_failsWithDataLimitExceeded() async throws {
        let big = FunctionTable(["big": { _ in .string(String(repeating: "x", count: 300_000)) }])
        let run = try await execute(
            #"{"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:big", "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "C"}], "End": true}, "C": {"Type": "Succeed"}}}"#,
            invoker: big)
        #expect(run.result.error == "States.DataLimitExceeded")
    }
}
