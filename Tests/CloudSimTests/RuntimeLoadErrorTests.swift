import CloudSim
import Foundation
import Testing

@Suite("Function runtime: loading the handler")
struct RuntimeLoadErrorTests {
    /// The runtime error of `result`, recording an issue when it is anything else.
    private func runtimeError(_ result: InvocationResult) -> InvocationError? {
        guard case .runtimeError(let error) = result.status else {
            Issue.record("expected a runtime error, got \(result.status)")
            return nil
        }
        return error
    }

    @Test func invoke_whenModuleIsMissing_isAnImportModuleErrorAndStaysCold() async throws {
        try await RuntimeFixture.with(files: ["app.py": "def handler(e, c):\n    return 1\n"]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("orders.handler"))
            let error = try #require(runtimeError(result))
            #expect(error.errorType == "Runtime.ImportModuleError")
            #expect(error.errorMessage == "Unable to import module 'orders': No module named 'orders'")
            let body = try #require(try JSONSerialization.jsonObject(with: result.payload) as? [String: Any])
            #expect(body["requestId"] as? String == result.requestId)
            #expect(result.functionErrorHeader == "Unhandled")
            #expect(await fixture.runtime.workerCount == 0, "a worker that failed to load is not kept")
            let again = try await fixture.runtime.invoke(fixture.request("orders.handler"))
            #expect(again.coldStart, "the next invocation loads the code again")
        }
    }

    @Test func invoke_whenModuleImportsSomethingMissing_namesTheMissingModule() async throws {
        try await RuntimeFixture.with(files: ["app.py": "import requests_oauth_missing\ndef handler(e, c):\n    return 1\n"]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.handler"))
            let error = try #require(runtimeError(result))
            #expect(error.errorType == "Runtime.ImportModuleError")
            #expect(error.errorMessage == "Unable to import module 'app': No module named 'requests_oauth_missing'")
        }
    }

    @Test func invoke_whenFunctionIsMissingFromModule_isHandlerNotFound() async throws {
        try await RuntimeFixture.with(files: ["app.py": "def handler(e, c):\n    return 1\n"]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.lambda_handler"))
            let error = try #require(runtimeError(result))
            #expect(error.errorType == "Runtime.HandlerNotFound")
            #expect(error.errorMessage == "Handler 'lambda_handler' missing on module 'app'")
        }
    }

    @Test func invoke_whenModuleHasASyntaxError_isUserCodeSyntaxError() async throws {
        try await RuntimeFixture.with(files: ["app.py": "def handler(e, c)\n    return 1\n"]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.handler"))
            let error = try #require(runtimeError(result))
            #expect(error.errorType == "Runtime.UserCodeSyntaxError")
            #expect(error.errorMessage.hasPrefix("Syntax error in module 'app'"))
        }
    }

    @Test func invoke_whenModuleRaisesWhileLoading_reportsTheExceptionWithItsStack() async throws {
        let source = "import os\nTABLE = os.environ['TABLE_NAME']\ndef handler(e, c):\n    return 1\n"
        try await RuntimeFixture.with(files: ["app.py": source]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.handler"))
            let error = try #require(runtimeError(result))
            #expect(error.errorType == "KeyError")
            #expect(error.errorMessage == "'TABLE_NAME'")
            #expect(error.stackTrace.contains { $0.contains("app.py\", line 2, in <module>") })
        }
    }

    @Test func invoke_whenHandlerHasNoFunctionPart_isMalformedHandlerName() async throws {
        try await RuntimeFixture.with(files: ["app.py": "def handler(e, c):\n    return 1\n"]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app"))
            #expect(runtimeError(result)?.errorType == "Runtime.MalformedHandlerName")
        }
    }

    @Test(arguments: ["nodejs20.x", "python2.7", "java21", "python3.", "python3.x"])
    func invoke_whenRuntimeIsNotPython3_throwsInvalidRuntime(runtime: String) async throws {
        try await RuntimeFixture.with(files: ["app.py": "def handler(e, c):\n    return 1\n"]) { fixture in
            let error = await #expect(throws: FunctionRuntimeError.self) {
                try await fixture.runtime.invoke(fixture.request("app.handler", runtime: runtime))
            }
            #expect(error?.code == .invalidRuntime)
            #expect(error?.message.contains("'\(runtime)'") == true)
        }
    }

    @Test func invoke_whenCodeDirectoryIsMissing_throwsInvalidRequest() async throws {
        try await RuntimeFixture.with(files: [:]) { fixture in
            var request = fixture.request("app.handler")
            request.codeDirectory = fixture.root + "/nowhere"
            let error = await #expect(throws: FunctionRuntimeError.self) {
                try await fixture.runtime.invoke(request)
            }
            #expect(error?.code == .invalidRequest)
        }
    }
}
