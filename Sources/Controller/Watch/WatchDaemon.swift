import Foundation
import Hummingbird
import Logging
import Reconcile
import ServiceLifecycle
import UnixSignals

/// `plumb watch`: every controller as a `Service`, plus the HTTP server, in one `ServiceGroup`
/// that shuts down gracefully on SIGTERM and SIGINT (controllers first, then the server).
public struct WatchDaemon<C: Clock>: Sendable where C.Duration == Duration {
    /// Settings of the daemon.
    public struct Options: Sendable {
        /// The address to listen on (loopback by default).
        public var host: String
        /// The port (0: any free port; the address file says which).
        public var port: Int
        /// The largest webhook body accepted.
        public var maxWebhookBytes: Int
        /// Executor settings for every controller.
        public var executor: ExecutorOptions

        /// Creates options: 127.0.0.1:8080, 1 MiB webhooks, default executor.
        public init(host: String = "127.0.0.1", port: Int = 8080, maxWebhookBytes: Int = 1 << 20, executor: ExecutorOptions = ExecutorOptions()) {
            self.host = host
            self.port = port
            self.maxWebhookBytes = maxWebhookBytes
            self.executor = executor
        }
    }

    /// The controllers.
    public let handles: [ControllerHandle]
    /// The metrics.
    public let hub: MetricsHub
    let services: [ControllerService<C>]
    let options: Options
    let logger: Logger
    let server: StatusServer

    /// Prepares the daemon: reads webhook secrets, opens each state folder's ledger and environment.
    /// - Parameter environment: opens the environment (providers, clock) of a state folder.
    public init(definitions: [ControllerDefinition], options: Options, clock: C, logger: Logger,
                environment: (String) throws -> any EnvironmentAccess,
                processEnvironment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let hub = MetricsHub()
        var handles: [ControllerHandle] = []
        var problems: [String] = []
        for definition in definitions {
            do {
                handles.append(try ControllerHandle(definition: definition, hub: hub, environment: processEnvironment))
            } catch let error as DefinitionError {
                problems += error.problems
            }
        }
        if !problems.isEmpty { throw DefinitionError(problems) }
        var ledgers: [String: LedgerStore] = [:]
        var environments: [String: any EnvironmentAccess] = [:]
        var services: [ControllerService<C>] = []
        let gate = AccountGate()
        for handle in handles {
            let folder = handle.definition.stateDirectory
            if ledgers[folder] == nil {
                ledgers[folder] = try LedgerStore(stateDirectory: folder)
                environments[folder] = try environment(folder)
            }
            guard let ledger = ledgers[folder], let access = environments[folder] else { continue }
            services.append(ControllerService(handle: handle, ledger: ledger, access: access, clock: clock,
                                              options: options.executor, logger: logger, gate: gate))
        }
        self.hub = hub
        self.handles = handles
        self.services = services
        self.options = options
        self.logger = logger
        self.server = StatusServer(handles: handles, hub: hub, maxWebhookBytes: options.maxWebhookBytes)
    }

    /// The state folders served, each with the controllers that use it.
    var stateFolders: [String: [String]] {
        Dictionary(grouping: handles, by: \.definition.stateDirectory).mapValues { $0.map(\.definition.name) }
    }

    /// Runs until SIGTERM or SIGINT (or `signals` overridden), then stops gracefully.
    public func run(signals: [UnixSignal] = [.sigterm, .sigint]) async throws {
        let server = self.server
        let folders = stateFolders
        let logger = self.logger
        let startedAt = server.startedAt
        let application = Application(
            router: server.router(),
            configuration: ApplicationConfiguration(address: .hostname(options.host, port: options.port), serverName: "plumb"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let address = "\(channel.localAddress?.ipAddress ?? "127.0.0.1"):\(port)"
                server.address.value = address
                for (folder, names) in folders {
                    do {
                        try DaemonAddress(pid: getpid(), address: address, startedAt: startedAt, controllers: names).write(stateDirectory: folder)
                    } catch {
                        logger.error("cannot write \(DaemonAddress.path(stateDirectory: folder)): \(error)")
                    }
                }
                logger.info("plumb watch serving http://\(address) (/healthz, /readyz, /status, /metrics, POST /hooks/git)")
            },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: application)] + services.map { .init(service: $0) },
            gracefulShutdownSignals: signals,
            cancellationSignals: [],
            logger: logger))
        defer {
            for folder in folders.keys { DaemonAddress.remove(stateDirectory: folder) }
        }
        try await group.run()
    }

    /// The `/status` document now.
    public func status() -> DaemonStatus { server.status() }
}
