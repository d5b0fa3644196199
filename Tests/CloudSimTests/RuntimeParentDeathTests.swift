#if canImport(Glibc)
import Glibc
#endif
import CloudSim
import Foundation
import Spawn
import Testing

/// Workers never outlive the process that started them: this test re-runs the test binary as a
/// child that starts a worker, kills that child with SIGKILL (no cleanup code runs), and
/// checks the orphaned worker goes away on its own.
@Suite("Function runtime: parent death")
struct RuntimeParentDeathTests {
    static let pidFileVariable = "PLUMB_RUNTIME_TEST_WORKER_PID_FILE"
    static let codeVariable = "PLUMB_RUNTIME_TEST_CODE_DIR"

    /// Runs only inside the child process started below: starts a worker for a function whose
    /// module is loaded, writes the worker's pid to a file, then waits to be killed.
    @Test(.enabled(if: ProcessInfo.processInfo.environment[pidFileVariable] != nil))
    func childProcess_startsAWorkerAndWaitsToBeKilled() async throws {
        let environment = ProcessInfo.processInfo.environment
        let pidFile = try #require(environment[Self.pidFileVariable])
        let code = try #require(environment[Self.codeVariable])
        let runtime = FunctionRuntime(configuration: RuntimeConfiguration(cacheDirectory: code + "/../cache"))
        let request = InvocationRequest(
            function: FunctionVersionID(functionArn: RuntimeFixture.functionArn, version: "$LATEST"),
            codeDirectory: code, runtime: "python3.11", handler: "app.pid")
        let result = try await runtime.invoke(request)
        let pid = try #require(try successValue(result) as? Int)
        try String(pid).write(toFile: pidFile, atomically: true, encoding: .utf8)
        try await Task.sleep(for: .seconds(120))
        // The runtime stops its workers when it goes away: it must outlive the wait (its last
        // use above is the invocation, after which it could otherwise be released early).
        withExtendedLifetime(runtime) {}
    }

    @Test func worker_whenTheProcessThatStartedItIsKilled_exits() async throws {
        let root = NSTemporaryDirectory() + "plumb-runtime-parent-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/code", withIntermediateDirectories: true)
        try "import os\ndef pid(event, context):\n    return os.getpid()\n"
            .write(toFile: root + "/code/app.py", atomically: true, encoding: .utf8)
        let pidFile = root + "/worker.pid"

        var environment = ProcessInfo.processInfo.environment
        environment[Self.pidFileVariable] = pidFile
        environment[Self.codeVariable] = root + "/code"
        let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let child = try ChildProcess(
            executable: testBinary,
            arguments: ["--testing-library", "swift-testing", "--filter", "childProcess_startsAWorkerAndWaitsToBeKilled"],
            environment: environment, stdin: .null, stdout: .null, stderr: .null)
        defer { child.signal(SIGKILL) }

        let reported = await eventually(within: 120) {
            FileManager.default.fileExists(atPath: pidFile) || !child.isRunning
        }
        let text = try? String(contentsOfFile: pidFile, encoding: .utf8)
        let workerPid = try #require(text.flatMap { Int32($0) }, "the child process never reported a worker (it ran: \(reported))")
        #expect(!processIsGone(workerPid), "the worker runs while its parent lives")

        child.signal(SIGKILL)
        _ = try? child.wait(timeout: 10)
        #expect(await eventually(within: 60) { processIsGone(workerPid) }, "worker \(workerPid) outlived its parent")
        if !processIsGone(workerPid) { kill(workerPid, SIGKILL) }
    }
}
