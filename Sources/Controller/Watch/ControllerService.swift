import DesiredState
import Foundation
import Logging
import Reconcile
import ServiceLifecycle

/// One controller's watch loop, run as a `Service` in the daemon's `ServiceGroup`.
///
/// Each pass is level-based: fetch the branch, load its head, plan against a fresh read of the
/// environment, apply or hold, check drift and correct it when `selfHeal` is on — all through the
/// executor (`Deployer`), which takes the environment's lock for the pass. Between passes it
/// waits for the interval (with jitter) on the injected clock, or less when a webhook signals;
/// after transient failures it backs off (capped, exponential). On graceful shutdown the running
/// rollout is interrupted at its next safe point and rolled back, the lock is released, and
/// `run()` returns.
public struct ControllerService<C: Clock>: Service where C.Duration == Duration {
    /// The controller's shared state.
    public let handle: ControllerHandle
    /// The ledger of the controller's state folder.
    let ledger: LedgerStore
    /// The environment (providers, time), with interruptible waits.
    let access: any EnvironmentAccess
    /// The clock of polls and backoff.
    let clock: C
    /// Executor settings (lock wait, parallelism, crash hook; pruning from the definition).
    let options: ExecutorOptions
    let logger: Logger
    let mirror: SourceMirror
    let loader = DesiredStateLoader()
    let memory = LockedBox(PassMemory())
    let random: @Sendable () -> Double
    /// One deployment per AWS account at a time, shared by the daemon's controllers.
    let gate: AccountGate

    /// What a controller keeps between passes.
    struct PassMemory {
        /// The head seen by the last fetch.
        var lastHead: String?
        /// Consecutive transient failures.
        var failures = 0
        /// Up to when function metrics were counted, per region and function.
        var countedUntil: [String: Date] = [:]
    }

    /// Creates the service.
    /// - Parameters:
    ///   - access: the environment of `handle.definition.stateDirectory`.
    ///   - gate: the accounts' turns, shared by every controller of the daemon.
    ///   - random: a draw in 0…1 for jitter (injected for tests).
    public init(handle: ControllerHandle, ledger: LedgerStore, access: any EnvironmentAccess, clock: C,
                options: ExecutorOptions = ExecutorOptions(), logger: Logger, gate: AccountGate = AccountGate(),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        self.gate = gate
        self.handle = handle
        self.ledger = ledger
        self.access = InterruptibleEnvironment(base: access, interrupt: handle.interrupt)
        self.clock = clock
        var options = options
        options.prune = handle.definition.prune
        self.options = options
        var logger = logger
        logger[metadataKey: "controller"] = .string(handle.definition.name)
        self.logger = logger
        self.random = random
        let folder = ((handle.definition.stateDirectory as NSString).appendingPathComponent("controllers") as NSString)
            .appendingPathComponent(handle.definition.name)
        self.mirror = SourceMirror(source: handle.definition.source, folder: (folder as NSString).appendingPathComponent("source.git"))
    }

    /// Runs passes until graceful shutdown.
    public func run() async throws {
        let handle = self.handle
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: {
            handle.update { $0.activity = .stopping }
            handle.interrupt.raise(.shutdown)
            handle.wakeup.close()
        }
        handle.update {
            $0.activity = .stopped
            $0.nextPassAt = nil
        }
        logger.info("controller stopped")
    }

    /// Passes and waits.
    func loop() async {
        let schedule = PassSchedule(handle.definition)
        await loadHistory()
        logger.info("controller started", metadata: ["source.url": .string(handle.definition.source.url),
                                                    "source.branch": .string(handle.definition.source.branch),
                                                    "environment": .string(handle.definition.environment)])
        while !handle.wakeup.isClosed {
            let seen = handle.wakeup.generation
            let end = await pass()
            handle.update { $0.passes += 1 }
            if handle.wakeup.isClosed { break }
            let delay: Double
            switch end {
            case .clean:
                memory.withValue { $0.failures = 0 }
                delay = schedule.pollDelay(random: random())
            case .again:
                memory.withValue { $0.failures = 0 }
                continue
            case .transientFailure:
                let failures = memory.withValue { memory -> Int in
                    memory.failures += 1
                    return memory.failures
                }
                delay = schedule.backoffDelay(failures: failures, random: random())
            }
            handle.update {
                $0.nextPassAt = Date().addingTimeInterval(delay)
                if $0.activity != .backingOff { $0.activity = .idle }
            }
            _ = await handle.wakeup.wait(for: .milliseconds(Int64(delay * 1000)), clock: clock, seen: seen)
        }
    }

    /// How a pass ended.
    enum PassEnd: Equatable {
        /// Wait the interval.
        case clean
        /// Start the next pass at once (a newer commit interrupted the rollout).
        case again
        /// Back off.
        case transientFailure
    }
}
