import CloudSim
import Foundation
import Testing

/// Handlers that run too long, use too much memory, print a lot, or answer too much.
private let app = #"""
import os
import sys
import time

def slow(event, context):
    time.sleep(event["seconds"])
    return os.getpid()

def pid(event, context):
    return os.getpid()

def hog(event, context):
    chunks = []
    while True:
        chunks.append(bytearray(8 * 1024 * 1024))

def allocate(event, context):
    block = bytearray(event["mb"] * 1024 * 1024)
    return len(block)

def noisy(event, context):
    line = "log line " + "x" * 90
    for number in range(event["lines"]):
        print(line, number)
    sys.stdout.write("no newline at the end")
    return {"lines": event["lines"]}

def huge(event, context):
    return "y" * (7 * 1024 * 1024)

def threads(event, context):
    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=event["threads"]) as pool:
        return sum(pool.map(lambda n: len(bytearray(n * 1024 * 1024)), [4] * 16))

def shell(event, context):
    import subprocess
    echoed = subprocess.run(["echo", "from a child process"]).returncode
    swallowed = subprocess.run(["cat"], stdout=subprocess.PIPE).stdout.decode()
    return {"echo": echoed, "stdin": swallowed}

def leave(event, context):
    sys.exit(event["status"])

def crash(event, context):
    import signal
    os.kill(os.getpid(), signal.SIGSEGV)
"""#

@Suite("Function runtime: limits")
struct RuntimeLimitsTests {
    @Test func invoke_whenHandlerOutlivesTimeout_isSandboxTimedoutAndNextCallIsCold() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let first = try await fixture.runtime.invoke(fixture.request("app.slow", payload: #"{"seconds": 0}"#, timeoutSeconds: 1))
            let firstPid = try #require(try successValue(first) as? Int)

            let result = try await fixture.runtime.invoke(fixture.request("app.slow", payload: #"{"seconds": 30}"#, timeoutSeconds: 1))
            #expect(!result.coldStart, "the warm worker ran the slow call")
            guard case .runtimeError(let error) = result.status else {
                Issue.record("expected a timeout, got \(result.status)")
                return
            }
            #expect(error.errorType == "Sandbox.Timedout")
            #expect(error.errorMessage == "RequestId: \(result.requestId) Error: Task timed out after 1.00 seconds")
            #expect(result.functionErrorHeader == "Unhandled")
            #expect(result.logTail.contains("Task timed out after"))
            #expect(result.logTail.contains("Status: timeout"))
            #expect(processIsGone(Int32(firstPid)), "the timed-out worker is killed")

            let next = try await fixture.runtime.invoke(fixture.request("app.slow", payload: #"{"seconds": 0}"#, timeoutSeconds: 1))
            #expect(next.coldStart)
            #expect(try successValue(next) as? Int != firstPid)
        }
    }

    @Test func invoke_whenLoadingTheModuleOutlivesTheInitLimit_isSandboxTimedout() async throws {
        let files = ["app.py": app, "stuck.py": "import time\ntime.sleep(60)\ndef handler(e, c):\n    return 1\n"]
        try await RuntimeFixture.with(files: files, initTimeoutSeconds: 1) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("stuck.handler", timeoutSeconds: 60))
            #expect(result.error?.errorType == "Sandbox.Timedout")
            #expect(result.error?.errorMessage == "RequestId: \(result.requestId) Error: Init phase timed out after 1.00 seconds")
            #expect(result.coldStart)
            #expect(await fixture.runtime.workerCount == 0)
        }
    }

    @Test func invoke_whenHandlerExceedsMemory_isOutOfMemoryAndNextCallIsCold() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.hog", memoryMB: 128))
            guard case .runtimeError(let error) = result.status else {
                Issue.record("expected out of memory, got \(result.status)")
                return
            }
            #expect(error.errorType == "Runtime.OutOfMemory")
            #expect(error.errorMessage.hasPrefix("RequestId: \(result.requestId) Error: Runtime exited with error"))
            #expect(result.maxMemoryUsedMB >= 128)
            #expect(await fixture.runtime.workerCount == 0)

            let next = try await fixture.runtime.invoke(fixture.request("app.pid", memoryMB: 128))
            #expect(next.coldStart)
        }
    }

    @Test func invoke_whenHandlerStaysWithinMemory_succeeds() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let within = try await fixture.runtime.invoke(fixture.request("app.allocate", payload: #"{"mb": 96}"#, memoryMB: 128))
            #expect(try successValue(within) as? Int == 96 * 1024 * 1024)
            let beyond = try await fixture.runtime.invoke(fixture.request("app.allocate", payload: #"{"mb": 400}"#, memoryMB: 128))
            #expect(beyond.error?.errorType == "Runtime.OutOfMemory")
            let larger = try await fixture.runtime.invoke(fixture.request("app.allocate", payload: #"{"mb": 400}"#, memoryMB: 1024))
            #expect(try successValue(larger) as? Int == 400 * 1024 * 1024, "the cap follows the memory size")
        }
    }

    @Test func invoke_whenHandlerStartsThreads_threadsFitUnderTheSmallestMemoryCap() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.threads", payload: #"{"threads": 4}"#, memoryMB: 128))
            #expect(try successValue(result) as? Int == 16 * 4 * 1024 * 1024)
        }
    }

    @Test func invoke_whenHandlerPrintsMegabytes_keepsTheProtocolAndABoundedLogTail() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            for _ in 0..<2 {
                let result = try await fixture.runtime.invoke(fixture.request("app.noisy", payload: #"{"lines": 30000}"#))
                #expect(try successObject(result)["lines"] as? Int == 30000)
                #expect(result.logTail.utf8.count <= 4096)
                #expect(result.logTail.contains("log line xxxx"))
                #expect(result.logTail.contains("no newline at the end\nEND RequestId: \(result.requestId)\n"))
                #expect(result.logTail.hasSuffix(" MB\n") || result.logTail.hasSuffix(" ms\n"))
            }
        }
    }

    @Test func invoke_whenHandlerRunsChildProcessesOnItsStdio_theyCannotReachTheProtocol() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            for _ in 0..<2 {
                let result = try await fixture.runtime.invoke(fixture.request("app.shell"))
                let object = try successObject(result)
                #expect(object["echo"] as? Int == 0)
                #expect(object["stdin"] as? String == "", "a child reading stdin sees no requests")
                #expect(result.logTail.contains("from a child process"))
            }
        }
    }

    @Test func invoke_whenHandlerExitsTheProcess_isAnExitErrorAndNextCallIsCold() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let exited = try await fixture.runtime.invoke(fixture.request("app.leave", payload: #"{"status": 3}"#))
            #expect(exited.error?.errorType == "Runtime.ExitError")
            #expect(exited.error?.errorMessage == "RequestId: \(exited.requestId) Error: Runtime exited with error: exit status 3")
            let crashed = try await fixture.runtime.invoke(fixture.request("app.crash"))
            #expect(crashed.coldStart)
            #expect(crashed.error?.errorMessage == "RequestId: \(crashed.requestId) Error: Runtime exited with error: signal: segmentation fault")
        }
    }

    @Test func invoke_whenResponseIsOverSixMegabytes_isResponseSizeTooLarge() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let result = try await fixture.runtime.invoke(fixture.request("app.huge"))
            #expect(result.error?.errorType == "Function.ResponseSizeTooLarge")
            #expect(result.error?.errorMessage == "Response payload size exceeded maximum allowed payload size (6291556 bytes).")
        }
    }
}
