import Controller
import Foundation
import PlumbTesting
import Spawn
#if canImport(Glibc)
import Glibc
#endif

/// A real `plumb watch` process on a controller file, its log in a file, its HTTP on a free port.
final class WatchProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let child: ChildProcess
    let stateDirectory: String
    let logPath: String
    let address: DaemonAddress

    /// The `plumb` executable built beside the test bundle (or `PLUMB_BINARY`).
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["PLUMB_BINARY"] { return path }
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent(), folder.deletingLastPathComponent().deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("plumb").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return folder.appendingPathComponent("plumb").path
    }

    /// Starts `plumb watch controllerFile` and waits (bounded) until it serves HTTP.
    init(controllerFile: String, stateDirectory: String, logPath: String, environment: [String: String] = [:], arguments: [String] = [],
         waitForAddress: Bool = true) throws {
        let binary = WatchProcess.binary
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw Failure(description: "the plumb executable is not at \(binary); build it first (swift build --product plumb) or set PLUMB_BINARY")
        }
        self.stateDirectory = stateDirectory
        self.logPath = logPath
        try? FileManager.default.removeItem(atPath: DaemonAddress.path(stateDirectory: stateDirectory))
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let quoted = ([binary, "watch", controllerFile, "--listen", "127.0.0.1:0", "--state-dir", stateDirectory, "--log-level", "debug"] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        child = try ChildProcess(executable: "/bin/sh", arguments: ["-c", "exec \(quoted) >>'\(logPath)' 2>&1"], environment: env,
                                 stdin: .null, stdout: .null, stderr: .null)
        let deadline = Date().addingTimeInterval(60)
        while true {
            if !waitForAddress {
                address = DaemonAddress(pid: child.pid, address: "", startedAt: Date(), controllers: [])
                break
            }
            if let record = DaemonAddress.read(stateDirectory: stateDirectory), record.pid == child.pid {
                address = record
                break
            }
            if let code = child.pollExit() {
                throw Failure(description: "plumb watch exited with \(code) before serving; log:\n\(WatchProcess.tail(logPath))")
            }
            if Date() > deadline {
                child.terminate()
                throw Failure(description: "plumb watch did not write its address within 60 s; log:\n\(WatchProcess.tail(logPath))")
            }
            usleep(20_000)
        }
    }

    /// One HTTP request to the daemon.
    func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> LoopbackHTTPClient.Response {
        guard let (host, port) = address.hostAndPort else { throw Failure(description: "bad address \(address.address)") }
        return try LoopbackHTTPClient.send(host: host, port: port, method: method, path: path, headers: headers, body: body)
    }

    /// The `/status` document.
    func status() throws -> DaemonStatus {
        let response = try request("GET", "/status")
        guard response.status == 200 else { throw Failure(description: "/status answered \(response.status): \(response.text)") }
        return try DaemonStatus.decoder.decode(DaemonStatus.self, from: Data(response.body))
    }

    /// The only controller's status.
    func controller() throws -> ControllerStatus {
        guard let first = try status().controllers.first else { throw Failure(description: "the daemon runs no controller") }
        return first
    }

    /// Polls the controller's status until `condition` holds (at most `timeout` seconds).
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 60, _ condition: (ControllerStatus) -> Bool) throws -> ControllerStatus {
        let deadline = Date().addingTimeInterval(timeout)
        var last: ControllerStatus?
        while Date() < deadline {
            if let code = child.pollExit() {
                throw Failure(description: "plumb watch exited with \(code) while waiting for \(what); log:\n\(WatchProcess.tail(logPath))")
            }
            if let status = try? controller() {
                last = status
                if condition(status) { return status }
            }
            usleep(50_000)
        }
        throw Failure(description: "timed out after \(Int(timeout)) s waiting for \(what); last status: \(String(describing: last))\nlog:\n\(WatchProcess.tail(logPath))")
    }

    /// Sends SIGTERM and waits (bounded) for the exit code.
    func terminate(timeout: Double = 60) throws -> Int32 {
        child.signal(SIGTERM)
        return try child.wait(timeout: timeout)
    }

    /// The last lines of the daemon's log.
    static func tail(_ path: String, lines: Int = 60) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "(no log)"
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    deinit {
        child.terminate(grace: 5)
    }
}

/// Writes a controller definition for the test repository.
func writeController(to path: String, url: String, stateDirectory: String, interval: String, selfHeal: Bool = false,
                     secretVariable: String? = nil, retry: String = "{initialBackoff: 200ms, maxBackoff: 1s}", prune: Bool = true) throws {
    var text = """
        apiVersion: plumb.dev/v1
        kind: Controller
        metadata: {name: test}
        spec:
          source: {url: "\(url)", branch: main}
          environment: test
          interval: \(interval)
          jitter: 0
          selfHeal: \(selfHeal)
          prune: \(prune)
          retry: \(retry)
          stateDirectory: "\(stateDirectory)"

        """
    if let secretVariable { text += "  webhook: {secretFromEnv: \(secretVariable)}\n" }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}
