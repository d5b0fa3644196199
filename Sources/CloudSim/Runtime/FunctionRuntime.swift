#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging

/// Runs function code: a warm worker process per function version, reused across invocations
/// like a Lambda execution environment, with the function's timeout, memory cap and environment.
///
/// The first invocation of a version — or the first after its worker timed out, ran out of
/// memory, crashed, was configured differently or sat idle past `idleTimeoutSeconds` — starts
/// a worker and is reported as a cold start. Up to `maxWorkersPerVersion` invocations of one
/// version run at once; more wait, first come first served. Workers never outlive the
/// process: they exit when their stdin closes, `shutdown()` stops them, and so does `deinit`.
public actor FunctionRuntime {
    /// A worker and whether it is serving an invocation.
    struct PooledWorker {
        let worker: Worker
        var busy: Bool
        var idleSince: ContinuousClock.Instant
    }

    /// An invocation waiting for a worker of its version.
    struct Waiter {
        let request: InvocationRequest
        let continuation: CheckedContinuation<Lease, Error>
    }

    /// A worker handed to one invocation.
    struct Lease {
        let worker: Worker
        let coldStart: Bool
    }

    let configuration: RuntimeConfiguration
    let logger: Logger
    var pools: [FunctionVersionID: [PooledWorker]] = [:]
    var latestSettings: [FunctionVersionID: WorkerSettings] = [:]
    var waiters: [Waiter] = []
    var drainWaiters: [CheckedContinuation<Void, Never>] = []
    var isShutDown = false
    var interpreter: String?
    var scriptPath: String?
    var lastSweep = ContinuousClock.now

    /// Ignoring SIGPIPE turns a write to a dead worker into an error instead of killing us.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A runtime with `configuration`; library logs go to `logger` (silent by default).
    public init(
        configuration: RuntimeConfiguration = RuntimeConfiguration(),
        logger: Logger = Logger(label: "plumb.runtime", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.logger = logger
        FunctionRuntime.ignoreBrokenPipes
    }

    deinit {
        for pool in pools.values {
            for entry in pool { entry.worker.kill() }
        }
    }

    /// Runs `request` on a warm worker of its version, or starts one (a cold start).
    ///
    /// Handler failures, timeouts and crashes are results (`InvocationStatus`); this throws
    /// `FunctionRuntimeError` only when the invocation cannot run at all: an unsupported
    /// runtime, a bad request, no interpreter, or a runtime that was shut down. It is not
    /// cancellable: it returns when the handler returns, fails or times out.
    public func invoke(_ request: InvocationRequest) async throws -> InvocationResult {
        try validate(request)
        sweepIfDue()
        latestSettings[request.function] = WorkerSettings(request)
        let lease = try await acquire(for: request)
        let job = WorkerJob(
            requestId: request.requestId,
            invokedArn: request.invokedFunctionArn ?? request.function.qualifiedArn,
            payload: request.payload,
            timeout: .milliseconds(Int64((request.timeoutSeconds * 1000).rounded(.up))),
            initTimeout: .milliseconds(Int64((configuration.initTimeoutSeconds * 1000).rounded(.up))),
            logLimit: configuration.logTailBytes)
        let report = await lease.worker.run(job)
        let interrupted = isShutDown
        release(lease, reusable: report.reusable)
        if interrupted && !report.reusable {
            throw FunctionRuntimeError(.shutDown,
                "the function runtime was shut down while \(request.function) was running request \(request.requestId)")
        }
        return InvocationResult(report: report, request: request, lease: lease, configuration: configuration)
    }

    /// Stops every worker and refuses further invocations; running invocations end with a
    /// `shutDown` error. Returns when every worker has been reaped.
    public func shutdown() async {
        isShutDown = true
        let pending = waiters
        waiters = []
        for waiter in pending {
            waiter.continuation.resume(throwing: FunctionRuntimeError(.shutDown,
                "the function runtime was shut down before \(waiter.request.function) got a worker"))
        }
        for (version, pool) in pools {
            for entry in pool where entry.busy { entry.worker.kill() }
            let busy = pool.filter(\.busy)
            for entry in pool where !entry.busy { entry.worker.stop() }
            pools[version] = busy.isEmpty ? nil : busy
        }
        if busyCount > 0 {
            await withCheckedContinuation { drainWaiters.append($0) }
        }
        logger.info("function runtime shut down")
    }

    /// Stops workers idle longer than `idleTimeoutSeconds` (also done on each invocation);
    /// returns how many were stopped.
    @discardableResult
    public func evictIdleWorkers() -> Int {
        let cutoff = ContinuousClock.now - .milliseconds(Int64(configuration.idleTimeoutSeconds * 1000))
        var stopped = 0
        for (version, pool) in pools {
            var kept: [PooledWorker] = []
            for entry in pool {
                if !entry.busy && entry.idleSince < cutoff {
                    entry.worker.stop()
                    stopped += 1
                } else {
                    kept.append(entry)
                }
            }
            pools[version] = kept.isEmpty ? nil : kept
        }
        lastSweep = ContinuousClock.now
        if stopped > 0 { schedule() }
        return stopped
    }

    /// Process ids of the live workers, per version (for status pages and tests).
    public func workerProcessIDs() -> [FunctionVersionID: [Int32]] {
        pools.mapValues { $0.map { $0.worker.pid } }
    }

    /// Number of workers, busy or idle.
    public var workerCount: Int {
        pools.values.reduce(0) { $0 + $1.count }
    }

    var busyCount: Int {
        pools.values.reduce(0) { $0 + $1.filter(\.busy).count }
    }
}
