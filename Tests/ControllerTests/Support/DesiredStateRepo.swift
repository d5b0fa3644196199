import Foundation
import PlumbTesting

/// A desired-state repository for the daemon tests: one role and one Python function
/// (`greeter`, alias `live`) in environment `test`, pushed to a bare repository that a real
/// `git daemon` serves.
final class DesiredStateRepo: @unchecked Sendable {
    let directory: TemporaryDirectory
    let work: GitFixture
    let served: GitFixture
    private(set) var daemon: GitDaemon?
    let servedFolder: String
    /// The port the git daemon listens on (kept across restarts).
    private(set) var port: UInt16 = 0
    private var restarted: GitDaemonProcess?

    init(directory: TemporaryDirectory) throws {
        self.directory = directory
        servedFolder = directory.appending("served")
        work = try GitFixture(path: directory.appending("work"))
        served = try GitFixture(path: directory.appending("served/app.git"), bare: true)
        try work.addRemote(url: served.path)
        let daemon = try GitDaemon(serving: servedFolder)
        self.daemon = daemon
        port = daemon.port
    }

    /// The repository's `git://` URL.
    var url: String { "git://127.0.0.1:\(port)/app.git" }

    /// Writes the manifests with `strategy` and a handler answering `message` (or raising when `fails`).
    func writeState(message: String, fails: Bool = false, strategy: String = "AllAtOnce") throws {
        try work.write("manifests/iam.yaml", """
            apiVersion: plumb.dev/v1
            kind: Role
            metadata: {name: greeter-role}
            spec:
              trust: {service: lambda.amazonaws.com}
            """)
        try work.write("manifests/functions.yaml", """
            apiVersion: plumb.dev/v1
            kind: Function
            metadata: {name: greeter}
            spec:
              runtime: python3.11
              handler: app.handler
              code: functions/greeter
              memoryMB: 128
              timeoutSeconds: 10
              role: greeter-role
              alias: live
              keepVersions: 3
              rollout:
                strategy: \(strategy)
                healthGates: {maxErrorRate: 0.05, minInvocations: 10}
            """)
        try work.write("manifests/environment.yaml", """
            apiVersion: plumb.dev/v1
            kind: Environment
            metadata: {name: test}
            spec:
              account: "000000000000"
              region: us-east-1
            """)
        let body = fails ? "    raise RuntimeError(\"greeter is broken\")" : "    return {\"greeting\": \(String(reflecting: message))}"
        try work.write("functions/greeter/app.py", "def handler(event, context):\n\(body)\n")
    }

    /// Commits everything and pushes it; answers the commit id.
    @discardableResult
    func commitAndPush(_ message: String, force: Bool = false) throws -> String {
        let id = try work.commit(message)
        try work.push("origin", "main", force: force)
        return id
    }

    /// Stops serving the repository (the remote becomes unreachable).
    func stopServing() {
        daemon?.stop()
        daemon = nil
        restarted?.stop()
        restarted = nil
    }

    /// Serves the repository again on the same port.
    func resumeServing() throws {
        restarted = try GitDaemonProcess(basePath: servedFolder, port: port)
    }

    deinit {
        stopServing()
    }
}
