import CloudSim
import Foundation
import Testing

/// Handlers that return, raise, read their context and environment, and count invocations.
private let app = #"""
import os

invocations = 0

def add(event, context):
    return {"sum": event["a"] + event["b"]}

def fail(event, context):
    raise ValueError("order %s is not valid" % event.get("order"))

def count(event, context):
    global invocations
    invocations += 1
    return {"invocations": invocations, "pid": os.getpid()}

def describe(event, context):
    return {
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id,
        "remaining": context.get_remaining_time_in_millis(),
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "cwd": os.getcwd(),
    }

def environment(event, context):
    return {key: os.environ.get(key) for key in event["keys"]}

def unserializable(event, context):
    return {"tags": {"a", "b"}}

def chatty(event, context):
    import logging
    logger = logging.getLogger()
    logger.setLevel(logging.INFO)
    logger.info("deploying %s", event["service"])
    print("plain print")
    return "ok"
"""#

@Suite("Function runtime: invocations")
struct RuntimeInvocationTests {
    @Test func invoke_whenHandlerReturns_givesItsResultAsJSONAndAColdStart() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.add", payload: #"{"a": 2, "b": 40}"#))
            let object = try successObject(result)
            #expect(object["sum"] as? Int == 42)
            #expect(result.coldStart)
            #expect(result.initDurationMs != nil)
            #expect(result.functionErrorHeader == nil)
            #expect(result.billedDurationMs >= 1)
            #expect(result.logTail.hasPrefix("START RequestId: \(result.requestId) Version: $LATEST"))
            #expect(result.logTail.contains("REPORT RequestId: \(result.requestId)\tDuration: "))
        }
    }

    @Test func invoke_whenHandlerRaises_reportsTheExceptionClassMessageAndStack() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.fail", payload: #"{"order": 7}"#))
            guard case .functionError(let error) = result.status else {
                Issue.record("expected a function error, got \(result.status)")
                return
            }
            #expect(error.errorType == "ValueError")
            #expect(error.errorMessage == "order 7 is not valid")
            #expect(error.stackTrace.count == 1)
            #expect(error.stackTrace.first?.contains("app.py\", line 9, in fail") == true)
            #expect(result.functionErrorHeader == "Unhandled")
            let body = try #require(try JSONSerialization.jsonObject(with: result.payload) as? [String: Any])
            #expect(body["requestId"] as? String == result.requestId)
            #expect(result.logTail.contains("[ERROR] ValueError: order 7 is not valid"))

            let next = try await fixture.runtime.invoke(fixture.request("app.fail", payload: #"{"order": 8}"#))
            #expect(next.error?.errorMessage == "order 8 is not valid")
            #expect(!next.coldStart, "a raised exception leaves the worker usable")
        }
    }

    @Test func invoke_repeatedly_reusesTheWarmWorkerAndItsModuleState() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            var counts: [Int] = []
            var colds: [Bool] = []
            var pids: Set<Int> = []
            for _ in 0..<4 {
                let result = try await fixture.runtime.invoke(fixture.request("app.count"))
                let object = try successObject(result)
                counts.append(object["invocations"] as? Int ?? -1)
                pids.insert(object["pid"] as? Int ?? -1)
                colds.append(result.coldStart)
                #expect((result.initDurationMs != nil) == result.coldStart)
            }
            #expect(counts == [1, 2, 3, 4])
            #expect(colds == [true, false, false, false])
            #expect(pids.count == 1)
        }
    }

    @Test func invoke_givesTheHandlerLambdasContext() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            var request = fixture.request("app.describe", version: "3", timeoutSeconds: 30, memoryMB: 256)
            request.invokedFunctionArn = RuntimeFixture.functionArn + ":live"
            let result = try await fixture.runtime.invoke(request)
            let context = try successObject(result)
            #expect(context["function_name"] as? String == "demo")
            #expect(context["function_version"] as? String == "3")
            #expect(context["invoked_function_arn"] as? String == RuntimeFixture.functionArn + ":live")
            #expect(context["memory_limit_in_mb"] as? String == "256")
            #expect(context["aws_request_id"] as? String == request.requestId)
            let remaining = try #require(context["remaining"] as? Int)
            #expect(remaining > 0 && remaining <= 30_000)
            #expect(context["log_group_name"] as? String == "/aws/lambda/demo")
            let stream = try #require(context["log_stream_name"] as? String)
            #expect(stream.contains("/[3]"))
            let cwd = try #require(context["cwd"] as? String)
            #expect(URL(fileURLWithPath: cwd).resolvingSymlinksInPath() == URL(fileURLWithPath: fixture.codeDirectory).resolvingSymlinksInPath())
        }
    }

    @Test func invoke_showsFunctionVariablesAndLambdasReservedOnes() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let keys = ["TABLE", "LOG_LEVEL", "AWS_REGION", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
                        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "_HANDLER", "LAMBDA_TASK_ROOT", "MALLOC_ARENA_MAX"]
            let payload = String(decoding: try JSONSerialization.data(withJSONObject: ["keys": keys]), as: UTF8.self)
            let request = fixture.request(
                "app.environment", payload: payload, memoryMB: 512,
                environment: ["TABLE": "orders", "LOG_LEVEL": "DEBUG", "AWS_REGION": "eu-west-1"])
            let env = try successObject(try await fixture.runtime.invoke(request))
            #expect(env["TABLE"] as? String == "orders")
            #expect(env["LOG_LEVEL"] as? String == "DEBUG")
            #expect(env["AWS_REGION"] as? String == "us-east-1", "reserved variables come from the function's ARN")
            #expect(env["AWS_LAMBDA_FUNCTION_NAME"] as? String == "demo")
            #expect(env["AWS_LAMBDA_FUNCTION_VERSION"] as? String == "$LATEST")
            #expect(env["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] as? String == "512")
            #expect(env["_HANDLER"] as? String == "app.environment")
            #expect(env["LAMBDA_TASK_ROOT"] as? String == fixture.codeDirectory)
            #expect(env["MALLOC_ARENA_MAX"] is NSNull, "runtime-private variables are removed before the handler loads")
        }
    }

    @Test func invoke_logsPrintsAndLoggingWithTheRequestIdInTheTail() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.chatty", payload: #"{"service": "auth"}"#))
            #expect(try successValue(result) as? String == "ok")
            let lines = result.logTail.split(separator: "\n").map(String.init)
            let info = try #require(lines.first { $0.hasPrefix("[INFO]\t") })
            #expect(info.hasSuffix("\t\(result.requestId)\tdeploying auth"))
            #expect(lines.contains("plain print"))
            #expect(lines.first?.hasPrefix("START RequestId: ") == true)
            #expect(lines.last?.hasPrefix("REPORT RequestId: ") == true)
        }
    }

    @Test func invoke_whenResultIsNotJSON_isAMarshalErrorAndTheWorkerStaysWarm() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.unserializable"))
            guard case .runtimeError(let error) = result.status else {
                Issue.record("expected a runtime error, got \(result.status)")
                return
            }
            #expect(error.errorType == "Runtime.MarshalError")
            #expect(error.errorMessage.hasPrefix("Unable to marshal response: Object of type set is not JSON serializable"))
            let next = try await fixture.runtime.invoke(fixture.request("app.unserializable"))
            #expect(!next.coldStart)
        }
    }

    @Test func invoke_whenPayloadIsNotJSON_isAnUnmarshalError() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.add", payload: "not json"))
            #expect(result.error?.errorType == "Runtime.UnmarshalError")
        }
    }

    @Test func invoke_handlerInSubPackage_runs() async throws {
        let files = ["app.py": app, "pkg/__init__.py": "", "pkg/orders/__init__.py": "",
                     "pkg/orders/api.py": "def handle(event, context):\n    return 'nested ' + event['name']\n"]
        try await RuntimeFixture.with(files: files) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("pkg/orders/api.handle", payload: #"{"name": "ok"}"#))
            #expect(try successValue(result) as? String == "nested ok")
        }
    }
}
