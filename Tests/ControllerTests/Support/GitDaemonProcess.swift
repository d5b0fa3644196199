import Foundation
import PlumbTesting
import Spawn
#if canImport(Glibc)
import Glibc
#endif

/// `git daemon` on a given port (to bring a remote back where it was), stopped on `stop()`.
final class GitDaemonProcess: @unchecked Sendable {
    private var child: ChildProcess?

    init(basePath: String, port: UInt16) throws {
        var lastError = "no attempt"
        for _ in 0..<50 {
            let child = try ChildProcess(
                executable: GitDaemon.executable,
                arguments: ["--export-all", "--reuseaddr", "--base-path=\(basePath)", "--listen=127.0.0.1", "--port=\(port)", basePath],
                argv0: GitDaemon.executable, stdin: .null, stdout: .null, stderr: .null)
            for _ in 0..<100 {
                if !child.isRunning { break }
                if (try? LoopbackHTTPProbe.connects(port: port)) == true {
                    self.child = child
                    return
                }
                usleep(20_000)
            }
            child.terminate(grace: 1)
            lastError = "git daemon did not listen on port \(port)"
            usleep(100_000)
        }
        throw WatchProcess.Failure(description: lastError)
    }

    func stop() {
        child?.terminate(grace: 2)
        child = nil
    }

    deinit { stop() }
}

/// Whether something accepts TCP connections on a loopback port.
enum LoopbackHTTPProbe {
    static func connects(port: UInt16) throws -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }
}
