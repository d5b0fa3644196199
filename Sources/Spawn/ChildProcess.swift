#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import CSpawn

/// An error starting, feeding or waiting for a child process.
public struct SpawnError: Error, CustomStringConvertible, Sendable {
    /// What was being done (`posix_spawn`, `pipe`, `poll`, `timeout`).
    public var operation: String
    /// The program involved.
    public var program: String
    /// `errno` when a system call failed, otherwise 0.
    public var code: Int32

    public var description: String {
        if operation == "timeout" { return "\(program) did not finish in time and was killed" }
        let reason = code == 0 ? "failed" : String(cString: strerror(code))
        return "\(operation) for \(program): \(reason)"
    }
}

/// How a child process's standard stream is connected.
public enum StreamSetup: Sendable {
    /// A pipe the parent reads (stdout/stderr) or writes (stdin).
    case pipe
    /// `/dev/null`.
    case null
    /// The parent's own stream.
    case inherit
}

/// A process started with `posix_spawn`, with an empty signal mask and default signal handlers.
///
/// `Foundation.Process` started from a Swift concurrency thread inherits a fully blocked signal
/// mask on Linux, so the child never sees SIGTERM. This type resets both the mask and the
/// dispositions, and owns the pipe ends it hands out: `deinit` closes them and, if the process
/// was never reaped, kills and reaps it so no zombie or orphan is left behind.
///
/// Thread safety: an instance may be sent between threads, but its methods must not be called
/// from two threads at once (callers serialize, e.g. inside an actor or a lock).
public final class ChildProcess: @unchecked Sendable {
    /// The child's process id.
    public let pid: pid_t
    /// Write end of the child's stdin, or -1.
    public private(set) var stdinFD: Int32
    /// Read end of the child's stdout, or -1.
    public private(set) var stdoutFD: Int32
    /// Read end of the child's stderr, or -1.
    public private(set) var stderrFD: Int32
    private var exitStatus: Int32?

    /// Starts `executable` (an absolute path, or a name looked up in `PATH`) with `arguments`.
    ///
    /// - Parameters:
    ///   - argv0: the child's `argv[0]`; defaults to `executable`.
    ///   - environment: the full environment of the child; `nil` inherits the parent's.
    ///   - directory: working directory of the child; `nil` keeps the parent's.
    public init(
        executable: String,
        arguments: [String],
        argv0: String? = nil,
        environment: [String: String]? = nil,
        directory: String? = nil,
        stdin: StreamSetup = .null,
        stdout: StreamSetup = .pipe,
        stderr: StreamSetup = .pipe
    ) throws {
        let path = try ChildProcess.resolve(executable)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaultSignals = sigset_t()
        sigfillset(&defaultSignals)
        sigdelset(&defaultSignals, SIGKILL)
        sigdelset(&defaultSignals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var parentEnds: [Int32] = [-1, -1, -1]
        var childEnds: [Int32] = []
        func cleanup() {
            for fd in parentEnds where fd >= 0 { close(fd) }
            for fd in childEnds { close(fd) }
        }
        let setups = [stdin, stdout, stderr]
        for (index, setup) in setups.enumerated() {
            let target = Int32(index)
            switch setup {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", index == 0 ? O_RDONLY : O_WRONLY, 0)
            case .pipe:
                var fds: [Int32] = [-1, -1]
                // Both ends close on exec, so a concurrent spawn elsewhere in the process never
                // inherits them; the child gets its end through dup2, which clears the flag.
                guard plumb_pipe_cloexec(&fds) == 0 else {
                    let code = errno
                    cleanup()
                    throw SpawnError(operation: "pipe", program: executable, code: code)
                }
                // A parent started with closed standard streams can get descriptors 0–2 here;
                // move them above 2 so the child's dup2 into 0–2 never clobbers another end.
                for slot in 0..<2 where fds[slot] < 3 {
                    let moved = fcntl(fds[slot], F_DUPFD_CLOEXEC, 3)
                    if moved >= 0 { close(fds[slot]); fds[slot] = moved }
                }
                let (childEnd, parentEnd) = index == 0 ? (fds[0], fds[1]) : (fds[1], fds[0])
                parentEnds[index] = parentEnd
                childEnds.append(childEnd)
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                posix_spawn_file_actions_addclose(&actions, childEnd)
            }
        }
        if let directory {
            plumb_spawn_file_actions_addchdir(&actions, directory)
        }

        let argv = [argv0 ?? executable] + arguments
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var cArgv: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        var cEnv: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer {
            for pointer in cArgv { free(pointer) }
            for pointer in cEnv { free(pointer) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, path, &actions, &attributes, &cArgv, &cEnv)
        for fd in childEnds { close(fd) }
        childEnds = []
        guard result == 0 else {
            cleanup()
            throw SpawnError(operation: "posix_spawn", program: executable, code: result)
        }
        pid = child
        stdinFD = parentEnds[0]
        stdoutFD = parentEnds[1]
        stderrFD = parentEnds[2]
    }

    deinit {
        closeStdin()
        if stdoutFD >= 0 { close(stdoutFD) }
        if stderrFD >= 0 { close(stderrFD) }
        if exitStatus == nil {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    /// Closes the write end of the child's stdin (the child reads end of file).
    public func closeStdin() {
        if stdinFD >= 0 {
            close(stdinFD)
            stdinFD = -1
        }
    }

    /// Sends `signal` to the child, if it has not been reaped yet.
    public func signal(_ signal: Int32) {
        if exitStatus == nil { kill(pid, signal) }
    }

    /// Whether the child is still running (reaps it when it has exited).
    public var isRunning: Bool {
        pollExit() == nil
    }

    /// The exit code (0–255), or 128 + signal number when a signal ended it; nil while running.
    public func pollExit() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return nil }
        exitStatus = ChildProcess.decode(status)
        return exitStatus
    }

    /// Waits for the child to exit, at most `timeout` seconds; kills it (SIGKILL) past that.
    /// Returns the exit code as `pollExit` does; throws `SpawnError` "timeout" if it had to kill.
    @discardableResult
    public func wait(timeout: Double) throws -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        var delay: useconds_t = 200
        while true {
            if let code = pollExit() { return code }
            if Date() >= deadline {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                exitStatus = ChildProcess.decode(status)
                throw SpawnError(operation: "timeout", program: "pid \(pid)", code: 0)
            }
            usleep(delay)
            delay = min(delay * 2, 20_000)
        }
    }

    /// Asks the child to stop with SIGTERM, then SIGKILL after `grace` seconds; always reaps it.
    public func terminate(grace: Double = 2) {
        guard exitStatus == nil else { return }
        kill(pid, SIGTERM)
        _ = try? wait(timeout: grace)
    }

    private static func decode(_ status: Int32) -> Int32 {
        let low = status & 0x7f
        if low == 0 { return (status >> 8) & 0xff }
        return 128 + low
    }

    static func resolve(_ executable: String) throws -> String {
        if executable.contains("/") { return executable }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(executable)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        throw SpawnError(operation: "lookup in PATH", program: executable, code: ENOENT)
    }
}
