#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Spawn

/// A `git daemon` serving every repository under a folder over `git://127.0.0.1:<port>/`.
///
/// Starts on a free loopback port, waits (bounded) until the daemon accepts connections, and
/// stops it — SIGTERM, then SIGKILL after a grace period, always reaped — in `stop()` or `deinit`.
/// Methods must not be called from two threads at once.
public final class GitDaemon: @unchecked Sendable {
    /// An error starting the daemon.
    public struct StartFailure: Error, CustomStringConvertible {
        /// What went wrong.
        public var description: String
    }

    /// The git daemon executable; it re-executes itself per connection, so it runs with this exact path as argv[0].
    public static let executable = "/usr/lib/git-core/git-daemon"

    /// The folder whose repositories are served.
    public let basePath: String
    /// The loopback port the daemon listens on.
    public let port: UInt16
    private var process: ChildProcess?

    /// Starts serving `basePath`; gives up after `timeout` seconds if the daemon never accepts connections.
    public init(serving basePath: String, timeout: Double = 15) throws {
        self.basePath = basePath
        var lastError = "no attempt made"
        for _ in 0..<3 {
            let candidate = try GitDaemon.freeLoopbackPort()
            let child = try ChildProcess(
                executable: GitDaemon.executable,
                arguments: ["--export-all", "--reuseaddr", "--informative-errors", "--base-path=\(basePath)",
                            "--listen=127.0.0.1", "--port=\(candidate)", basePath],
                argv0: GitDaemon.executable, stdin: .null, stdout: .null, stderr: .null)
            if GitDaemon.waitUntilAccepting(port: candidate, child: child, timeout: timeout) {
                port = candidate
                process = child
                return
            }
            child.terminate(grace: 2)
            lastError = child.isRunning ? "did not accept connections on port \(candidate) within \(timeout)s"
                                        : "exited before accepting connections on port \(candidate)"
        }
        throw StartFailure(description: "git daemon serving \(basePath): \(lastError)")
    }

    deinit {
        stop()
    }

    /// The `git://` URL of the repository at `relative` under the base path.
    public func url(_ relative: String) -> String {
        "git://127.0.0.1:\(port)/\(relative)"
    }

    /// Stops the daemon (SIGTERM, SIGKILL after 2 s) and reaps it; safe to call more than once.
    public func stop() {
        process?.terminate(grace: 2)
        process = nil
    }

    /// A TCP port on 127.0.0.1 that was free a moment ago (the kernel picks it when binding port 0).
    public static func freeLoopbackPort() throws -> UInt16 {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw StartFailure(description: "socket() failed: errno \(errno)") }
        defer { close(socketFD) }
        var address = loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw StartFailure(description: "bind to 127.0.0.1:0 failed: errno \(errno)") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socketFD, $0, &length) }
        }
        guard named == 0 else { throw StartFailure(description: "getsockname failed: errno \(errno)") }
        return UInt16(bigEndian: address.sin_port)
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }

    /// Tries to connect every 20 ms until it works, the child exits, or `timeout` passes.
    private static func waitUntilAccepting(port: UInt16, child: ChildProcess, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !child.isRunning { return false }
            let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            if socketFD >= 0 {
                var address = loopback(port: port)
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                close(socketFD)
                if connected == 0 { return true }
            }
            usleep(20_000)
        }
        return false
    }
}
