#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The outcome of a child process run to completion.
public struct ProcessOutput: Sendable {
    /// Exit code (0–255), or 128 + signal number.
    public var status: Int32
    /// Everything the child wrote to stdout.
    public var stdout: Data
    /// Everything the child wrote to stderr.
    public var stderr: Data

    /// stdout decoded as UTF-8 (invalid bytes replaced).
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    /// stderr decoded as UTF-8 (invalid bytes replaced).
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs child processes to completion.
public enum Spawn {
    /// Runs `executable` with `arguments`, feeds it `input`, collects stdout and stderr, and
    /// waits at most `timeout` seconds (then kills it and throws a "timeout" `SpawnError`).
    public static func run(
        _ executable: String,
        _ arguments: [String],
        argv0: String? = nil,
        environment: [String: String]? = nil,
        directory: String? = nil,
        input: Data? = nil,
        timeout: Double = 120
    ) throws -> ProcessOutput {
        let child = try ChildProcess(
            executable: executable, arguments: arguments, argv0: argv0,
            environment: environment, directory: directory,
            stdin: input == nil ? .null : .pipe, stdout: .pipe, stderr: .pipe)
        var out = Data()
        var err = Data()
        let pending = input ?? Data()
        var written = 0
        if input != nil { _ = fcntl(child.stdinFD, F_SETFL, fcntl(child.stdinFD, F_GETFL) | O_NONBLOCK) }
        if pending.isEmpty { child.closeStdin() }
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        var openOut = true
        var openErr = true
        while openOut || openErr || child.stdinFD >= 0 {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 {
                child.signal(SIGKILL)
                _ = try? child.wait(timeout: 5)
                throw SpawnError(operation: "timeout", program: executable, code: 0)
            }
            var fds: [pollfd] = []
            if openOut { fds.append(pollfd(fd: child.stdoutFD, events: Int16(POLLIN), revents: 0)) }
            if openErr { fds.append(pollfd(fd: child.stderrFD, events: Int16(POLLIN), revents: 0)) }
            if child.stdinFD >= 0 { fds.append(pollfd(fd: child.stdinFD, events: Int16(POLLOUT), revents: 0)) }
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 1000)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw SpawnError(operation: "poll", program: executable, code: errno)
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == child.stdinFD {
                    let count = pending.withUnsafeBytes { raw in
                        write(entry.fd, raw.baseAddress! + written, pending.count - written)
                    }
                    if count > 0 { written += count }
                    if count < 0 && errno != EAGAIN && errno != EINTR { child.closeStdin() }
                    if written >= pending.count { child.closeStdin() }
                    continue
                }
                let count = read(entry.fd, &buffer, buffer.count)
                if count > 0 {
                    if entry.fd == child.stdoutFD { out.append(contentsOf: buffer[0..<count]) } else { err.append(contentsOf: buffer[0..<count]) }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    if entry.fd == child.stdoutFD { openOut = false } else { openErr = false }
                }
            }
        }
        let status = try child.wait(timeout: max(deadline.timeIntervalSinceNow, 1))
        return ProcessOutput(status: status, stdout: out, stderr: err)
    }
}
