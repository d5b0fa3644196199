import Foundation
import Logging
import Reconcile

/// What the daemon shares about one controller between its watch loop and the HTTP server:
/// the definition, the live status, the wakeup a webhook pulls, and the interrupt of its rollout.
public final class ControllerHandle: Sendable {
    /// The definition.
    public let definition: ControllerDefinition
    /// The webhook secret read from the environment at start (nil: none configured).
    let secret: [UInt8]?
    /// Pulled by webhooks and shutdown.
    public let wakeup = Wakeup()
    /// Stops the running rollout.
    public let interrupt = RolloutInterrupt()
    /// The controller's metrics.
    public let metrics: ControllerMetrics
    private let current: LockedBox<ControllerStatus>

    /// Creates the handle; the webhook secret is read from `environment` (the process's by default).
    /// - Throws: `DefinitionError` when the definition names a secret variable that is unset or empty.
    public init(definition: ControllerDefinition, hub: MetricsHub,
                environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.definition = definition
        if let variable = definition.webhook?.secretFromEnv {
            guard let value = environment[variable], !value.isEmpty else {
                throw DefinitionError(["\(definition.origin): controller '\(definition.name)' takes its webhook secret from the environment variable \(variable), which is not set; set it (e.g. in the service's EnvironmentFile) or remove `webhook` to accept unsigned pushes"])
            }
            secret = Array(value.utf8)
        } else {
            secret = nil
        }
        metrics = ControllerMetrics(hub: hub, name: definition.name, environment: definition.environment)
        current = LockedBox(ControllerStatus(definition: definition))
    }

    /// The current status.
    public var status: ControllerStatus { current.value }

    /// Changes the status.
    func update(_ change: (inout ControllerStatus) -> Void) {
        current.withValue { change(&$0) }
    }

    /// Asks for a pass now (a webhook for this controller's branch).
    public func trigger() {
        wakeup.signal()
    }
}

/// Where the executor's progress goes in the daemon: the log, the status (held changes), and the
/// interrupt (armed while an attempt rolls out, disarmed once its rollback starts).
struct ControllerProgress: ProgressSink {
    let handle: ControllerHandle
    let logger: Logger
    let held = LockedBox<[String]>([])

    func emit(_ event: ProgressEvent) {
        switch event.event {
        case .attemptStarted: handle.interrupt.arm(true)
        case .rollbackStarted, .attemptFinished: handle.interrupt.arm(false)
        case .held: held.withValue { $0.append("\(event.resource ?? ""): \(event.message)") }
        default: break
        }
        var metadata: Logger.Metadata = ["controller": .string(handle.definition.name), "progress.event": .string(event.event.rawValue)]
        if let resource = event.resource { metadata["resource"] = .string(resource) }
        let level: Logger.Level = [.changeStarted, .step, .traffic, .gate, .preTraffic, .smokeTest, .changeFinished].contains(event.event) ? .debug : .info
        logger.log(level: level, "\(event.message)", metadata: metadata)
    }
}
