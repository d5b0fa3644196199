import ArgumentParser
import CloudSim
import Controller
import Foundation
import Logging
import Reconcile

extension Plumb {
    /// `plumb watch`: run the controllers of `controllers/` until stopped.
    struct Watch: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "watch",
            abstract: "Run controllers: follow branches, deploy new commits, roll back failures, correct drift; serve status and metrics.",
            discussion: """
                Reads controller definitions (kind: Controller; see docs/controllers.md) and runs each as a service: \
                it fetches its branch on its interval (with jitter) or at once on a webhook, plans, applies or holds, \
                checks drift and corrects it with selfHeal. A failed commit is rolled back and not retried; a newer \
                commit arriving during a rollout stops it and deploys the newest; an unreachable remote is retried \
                with capped backoff. HTTP on --listen: /healthz, /readyz, /status, /metrics, POST /hooks/git. \
                SIGTERM or SIGINT stops gracefully (a running rollout is stopped at its next safe point and undone; \
                the next start deploys its commit again) and exits 0. The address is written to <state-dir>/watch.json.
                """
        )

        @Argument(help: "Controller definition files (default: the files of --controllers).")
        var files: [String] = []

        @Option(name: .long, help: "Folder of controller definitions.")
        var controllers: String = "controllers"

        @Option(name: .customLong("state-dir"), help: "State folder for controllers whose definition names none.")
        var stateDir: String = ".plumb"

        @Option(name: .long, help: "Address to serve HTTP on (host:port; port 0 picks a free one).")
        var listen: String = "127.0.0.1:8080"

        @Option(name: .customLong("max-webhook-bytes"), help: "Largest webhook body accepted (bytes).")
        var maxWebhookBytes: Int = 1 << 20

        @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
        var logLevel: String = "info"

        func validate() throws {
            guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical") }
            guard maxWebhookBytes > 0 else { throw ValidationError("--max-webhook-bytes must be positive") }
            guard Watch.parseListen(listen) != nil else { throw ValidationError("--listen must be host:port, e.g. 127.0.0.1:8080") }
        }

        func run() async throws {
            let level = Logger.Level(rawValue: logLevel) ?? .info
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
            let logger = Logger(label: "plumb.watch")
            let definitions: [ControllerDefinition]
            do {
                definitions = try DefinitionLoader.load(paths: files.isEmpty ? [controllers] : files, defaultStateDirectory: stateDir)
            } catch let error as DefinitionError {
                throw CommandError(error.description)
            }
            guard let (host, port) = Watch.parseListen(listen) else { throw CommandError("--listen \(listen) is not host:port") }
            let clouds = CloudList()
            let options = WatchDaemon<ContinuousClock>.Options(host: host, port: port, maxWebhookBytes: maxWebhookBytes,
                                                             executor: ExecutorOptions(crashHook: CrashSwitch.hook()))
            let daemon: WatchDaemon<ContinuousClock>
            do {
                daemon = try WatchDaemon(definitions: definitions, options: options, clock: ContinuousClock(), logger: logger) { folder in
                    let cloud = try SimCloud(stateDirectory: folder)
                    clouds.add(cloud)
                    return SimEnvironment(cloud: cloud)
                }
            } catch let error as DefinitionError {
                throw CommandError(error.description)
            }
            do {
                try await daemon.run()
            } catch {
                for cloud in clouds.all { await cloud.shutdown() }
                throw error
            }
            for cloud in clouds.all { await cloud.shutdown() }
            logger.info("plumb watch stopped")
        }

        /// `host:port` split; nil when malformed.
        static func parseListen(_ text: String) -> (String, Int)? {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else { return nil }
            let host = String(text[..<colon])
            return host.isEmpty ? nil : (host, port)
        }
    }
}

/// The simulated clouds the daemon opened, to stop their function workers at exit.
final class CloudList: @unchecked Sendable {
    private let lock = NSLock()
    private var clouds: [SimCloud] = []

    func add(_ cloud: SimCloud) { lock.withLock { clouds.append(cloud) } }

    var all: [SimCloud] { lock.withLock { clouds } }
}
