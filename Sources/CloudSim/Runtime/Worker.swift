#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Spawn

/// One worker process — an execution environment — serving one function version.
///
/// Thread safety: the runtime hands a worker to one invocation at a time, and only that
/// invocation's I/O thread touches the pipes and the I/O state below. Signals and reaping go
/// through `lock`, so the runtime can kill a busy worker from another thread without racing
/// the reaping (and never signals a recycled pid).
final class Worker: @unchecked Sendable {
    /// The version this worker runs.
    let version: FunctionVersionID
    /// The configuration it was started with.
    let settings: WorkerSettings
    /// The log stream of this execution environment.
    let logStreamName: String
    /// The worker's process id.
    let pid: pid_t
    /// When the process was started (init duration runs from here).
    let startedAt: ContinuousClock.Instant

    /// A serial queue of its own: serial queues get a thread at once even when others block,
    /// where a shared concurrent queue is limited to about one thread per core.
    let ioQueue: DispatchQueue

    private let process: ChildProcess
    private let lock = NSLock()

    // I/O state, owned by the invocation holding the worker.
    var isInitialized = false
    var inbox: [UInt8] = []
    var inboxStart = 0
    var scratch = [UInt8](repeating: 0, count: 65536)
    var fds: [pollfd] = []
    var stderrOpen = true
    var maxRSSKiB: UInt32 = 0

    /// Starts the bootstrap for `request`'s function with the Lambda environment.
    init(
        request: InvocationRequest, interpreter: String, script: String, cacheDirectory: String,
        idleExitSeconds: Double, maxResponseBytes: Int
    ) throws {
        let lambda = try LambdaEnvironment(request.function)
        version = request.function
        settings = WorkerSettings(request)
        logStreamName = LambdaEnvironment.newLogStreamName(version: request.function.version)
        let environment = lambda.variables(for: request, logStreamName: logStreamName, runtimeDirectory: cacheDirectory)
        startedAt = ContinuousClock.now
        do {
            process = try ChildProcess(
                executable: interpreter,
                arguments: [
                    "-B", script, request.codeDirectory, String(request.memoryMB), String(idleExitSeconds),
                    String(maxResponseBytes),
                ],
                environment: environment, directory: request.codeDirectory,
                stdin: .pipe, stdout: .pipe, stderr: .pipe)
        } catch {
            throw FunctionRuntimeError(.runtimeUnavailable,
                "cannot start a worker for \(request.function) with \(interpreter): \(error)")
        }
        pid = process.pid
        ioQueue = DispatchQueue(label: "plumb.runtime.worker.\(process.pid)")
        for fd in [process.stdinFD, process.stdoutFD, process.stderrFD] {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
    }

    /// Write end of the worker's stdin (requests).
    var requestFD: Int32 { process.stdinFD }
    /// Read end of the worker's protocol output (responses).
    var responseFD: Int32 { process.stdoutFD }
    /// Read end of the worker's stderr (the function's log).
    var logFD: Int32 { process.stderrFD }

    /// Whether the process has exited (reaping it if so).
    var hasExited: Bool {
        lock.withLock { process.pollExit() != nil }
    }

    /// Kills the process (SIGKILL) if it has not been reaped; safe while an invocation runs.
    func kill() {
        lock.withLock { process.signal(SIGKILL) }
    }

    /// Waits up to `timeout` seconds for the process to exit (killing it past that) and
    /// returns its exit status, 128 + signal for a signal.
    func reap(timeout: Double) -> Int32 {
        lock.withLock {
            if let status = process.pollExit() { return status }
            return (try? process.wait(timeout: timeout)) ?? 128 + SIGKILL
        }
    }

    /// Stops an idle worker: closes its stdin, kills and reaps it. Never call while it is busy.
    func stop() {
        lock.withLock {
            process.closeStdin()
            process.signal(SIGKILL)
            _ = try? process.wait(timeout: 5)
        }
    }
}
