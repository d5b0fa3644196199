#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Logging
import Synchronization

/// Runs function code: a warm worker process per function version, reused across invocations
/// like a Lambda execution environment, with the function's timeout, memory cap and environment.
///
/// The first invocation of a version — or the first after its worker timed out, ran out of
/// memory, crashed, was configured differently or sat idle past `idleTimeoutSeconds` — starts
/// a worker and is reported as a cold start. Up to `maxWorkersPerVersion` invocations of one
/// version run at once; more wait, first come first served. Workers never outlive the
/// process: they exit when their stdin closes, `shutdown()` stops them, and so does `deinit`.
///
/// The pools live behind one lock, not in an actor: a worker that answers is handed to the
/// next waiting invocation of its version by the thread that read the answer, so a busy
/// version's workers never sit idle waiting for a task of the concurrency pool to take them back.
public final class FunctionRuntime: Sendable {
    /// A worker and whether it is serving an invocation.
    struct PooledWorker {
        let worker: Worker
        var busy: Bool
        var idleSince: ContinuousClock.Instant
    }

    /// An invocation waiting for a worker of its version, its job ready to send.
    struct Waiter {
        let request: InvocationRequest
        let job: WorkerJob
        let continuation: CheckedContinuation<InvocationResult, Error>
    }

    /// A worker handed to one invocation.
    struct Lease {
        let worker: Worker
        let coldStart: Bool
    }

    /// An invocation with the worker that runs it.
    struct Assignment {
        let lease: Lease
        let request: InvocationRequest
        let job: WorkerJob
        let continuation: CheckedContinuation<InvocationResult, Error>
    }

    /// The pools, the waiting invocations and the runtime's lifecycle, guarded by `state`.
    struct State {
        var pools: [FunctionVersionID: [PooledWorker]] = [:]
        var latestSettings: [FunctionVersionID: WorkerSettings] = [:]
        var waiters: [Waiter] = []
        var drainWaiters: [CheckedContinuation<Void, Never>] = []
        var isShutDown = false
        var interpreter: String?
        var scriptPath: String?
        var lastSweep = ContinuousClock.now
        /// Workers taken out of the pools under the lock, to stop once it is released.
        var retired: [Worker] = []

        /// Number of workers, busy or idle.
        var workerCount: Int { pools.values.reduce(0) { $0 + $1.count } }
        /// Number of workers serving an invocation.
        var busyCount: Int { pools.values.reduce(0) { $0 + $1.filter(\.busy).count } }
    }

    let configuration: RuntimeConfiguration
    let logger: Logger
    let state = Mutex(State())

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
        state.withLock { state in
            for pool in state.pools.values {
                for entry in pool { entry.worker.kill() }
            }
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
        let job = WorkerJob(
            requestId: request.requestId,
            invokedArn: request.invokedFunctionArn ?? request.function.qualifiedArn,
            payload: request.payload,
            timeout: .milliseconds(Int64((request.timeoutSeconds * 1000).rounded(.up))),
            initTimeout: .milliseconds(Int64((configuration.initTimeoutSeconds * 1000).rounded(.up))),
            logLimit: configuration.logTailBytes)
        return try await withCheckedThrowingContinuation { continuation in
            let waiter = Waiter(request: request, job: job, continuation: continuation)
            let (admitted, retired) = state.withLock { state in
                let admitted = admit(waiter, &state)
                defer { state.retired = [] }
                return (admitted, state.retired)
            }
            if let failure = admitted.failure { continuation.resume(throwing: failure) }
            stop(retired)
            for assignment in admitted.assignments { dispatch(assignment) }
        }
    }

    /// Stops every worker and refuses further invocations; running invocations end with a
    /// `shutDown` error. Returns when every worker has been reaped.
    public func shutdown() async {
        let (pending, busy, idle) = state.withLock { state -> ([Waiter], [Worker], [Worker]) in
            state.isShutDown = true
            let pending = state.waiters
            state.waiters = []
            var busy: [Worker] = []
            var idle: [Worker] = []
            for (version, pool) in state.pools {
                busy += pool.filter(\.busy).map(\.worker)
                idle += pool.filter { !$0.busy }.map(\.worker)
                let kept = pool.filter(\.busy)
                state.pools[version] = kept.isEmpty ? nil : kept
            }
            return (pending, busy, idle)
        }
        for waiter in pending {
            waiter.continuation.resume(throwing: FunctionRuntimeError(.shutDown,
                "the function runtime was shut down before \(waiter.request.function) got a worker"))
        }
        for worker in busy { worker.kill() }
        stop(idle)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let drained = state.withLock { state -> Bool in
                if state.busyCount == 0 { return true }
                state.drainWaiters.append(continuation)
                return false
            }
            if drained { continuation.resume() }
        }
        logger.info("function runtime shut down")
    }

    /// Stops workers idle longer than `idleTimeoutSeconds` (also done on each invocation);
    /// returns how many were stopped.
    @discardableResult
    public func evictIdleWorkers() async -> Int {
        let (stopped, assignments, retired) = state.withLock { state -> (Int, [Assignment], [Worker]) in
            let stopped = evictIdle(&state)
            let assignments = stopped > 0 ? schedule(&state) : []
            defer { state.retired = [] }
            return (stopped, assignments, state.retired)
        }
        stop(retired)
        for assignment in assignments { dispatch(assignment) }
        return stopped
    }

    /// Process ids of the live workers, per version (for status pages and tests).
    public func workerProcessIDs() async -> [FunctionVersionID: [Int32]] {
        state.withLock { $0.pools.mapValues { $0.map { $0.worker.pid } } }
    }

    /// Number of workers, busy or idle.
    public var workerCount: Int {
        get async { state.withLock { $0.workerCount } }
    }

    /// Stops workers taken out of the pools (outside the lock: stopping waits for the process).
    func stop(_ workers: [Worker]) {
        for worker in workers { worker.stop() }
    }
}
