#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension FunctionRuntime {
    /// Refuses what cannot be sent to any worker: bad ids, nonsensical limits, a runtime shut down.
    /// What a new worker needs (see `validateForStart`) is checked when one is started: a warm
    /// worker with the request's settings passed those checks when it started.
    func validate(_ request: InvocationRequest) throws {
        if isShutDown {
            throw FunctionRuntimeError(.shutDown, "the function runtime was shut down; \(request.function) cannot run")
        }
        guard WorkerProtocol.isHeaderSafe(request.requestId) else {
            throw FunctionRuntimeError(.invalidRequest, "request id '\(request.requestId)' of \(request.function) must be non-empty, without tabs or line breaks")
        }
        if let invoked = request.invokedFunctionArn, !WorkerProtocol.isHeaderSafe(invoked) {
            throw FunctionRuntimeError(.invalidRequest, "invoked ARN '\(invoked)' must be non-empty, without tabs or line breaks")
        }
        guard request.timeoutSeconds > 0, request.timeoutSeconds.isFinite else {
            throw FunctionRuntimeError(.invalidRequest, "timeout \(request.timeoutSeconds) s of \(request.function) must be a positive number of seconds")
        }
    }

    /// Refuses what a new worker cannot run: other runtimes, a version id Lambda's environment
    /// cannot name, missing code.
    func validateForStart(_ request: InvocationRequest) throws {
        guard PythonBootstrap.supports(runtime: request.runtime) else {
            throw FunctionRuntimeError(.invalidRuntime,
                "the runtime '\(request.runtime)' of \(request.function) is not supported here: only python3.x runtimes run in the simulated cloud; set the function's runtime to e.g. python3.11")
        }
        _ = try LambdaEnvironment(request.function)
        var status = stat()
        guard stat(request.codeDirectory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw FunctionRuntimeError(.invalidRequest,
                "the code directory '\(request.codeDirectory)' of \(request.function) does not exist; materialize the function's code before invoking it")
        }
    }

    /// Stops idle workers at most once a second, on the invocation path.
    func sweepIfDue() {
        if ContinuousClock.now - lastSweep > .seconds(1) { evictIdleWorkers() }
    }

    /// A worker for `request`: an idle warm one, a new one, or the next one freed.
    func acquire(for request: InvocationRequest) async throws -> Lease {
        if !waiters.contains(where: { $0.request.function == request.function }),
           let lease = try tryAcquire(for: request) {
            return lease
        }
        return try await withCheckedThrowingContinuation { continuation in
            waiters.append(Waiter(request: request, continuation: continuation))
        }
    }

    /// An idle worker with the request's settings, or a new worker if the caps allow, else nil.
    func tryAcquire(for request: InvocationRequest) throws -> Lease? {
        let version = request.function
        var pool = pools[version] ?? []
        // Only an idle worker about to be handed out is checked (settings, still alive): a
        // stale one is stopped and the next idle one tried, so when none is left every idle
        // worker was checked, and a full pool of busy workers costs no system call.
        var settings: WorkerSettings?
        while let index = pool.lastIndex(where: { !$0.busy }) {
            let wanted = settings ?? WorkerSettings(request)
            settings = wanted
            let worker = pool[index].worker
            if worker.settings == wanted && !worker.hasExited {
                pool[index].busy = true
                pools[version] = pool
                return Lease(worker: worker, coldStart: false)
            }
            worker.stop()
            pool.remove(at: index)
        }
        pools[version] = pool.isEmpty ? nil : pool
        guard pool.count < configuration.maxWorkersPerVersion else { return nil }
        if workerCount >= configuration.maxWorkers && !evictLeastRecentlyUsed() { return nil }
        let worker = try startWorker(for: request)
        pools[version, default: []].append(PooledWorker(worker: worker, busy: true, idleSince: ContinuousClock.now))
        return Lease(worker: worker, coldStart: true)
    }

    /// Takes a worker back; one that cannot be reused, or whose version was reconfigured
    /// meanwhile, is stopped. Then serves waiters.
    func release(_ lease: Lease, reusable: Bool) {
        let version = lease.worker.version
        var pool = pools[version] ?? []
        if let index = pool.firstIndex(where: { $0.worker === lease.worker }) {
            if reusable && !isShutDown && latestSettings[version] == lease.worker.settings {
                pool[index].busy = false
                pool[index].idleSince = ContinuousClock.now
            } else {
                pool.remove(at: index)
                if reusable { lease.worker.stop() }
            }
        }
        pools[version] = pool.isEmpty ? nil : pool
        schedule()
        if !drainWaiters.isEmpty && busyCount == 0 {
            let drained = drainWaiters
            drainWaiters = []
            for continuation in drained { continuation.resume() }
        }
    }

    /// Hands free or new workers to waiting invocations, oldest first.
    func schedule() {
        var index = 0
        while index < waiters.count {
            if isFull(waiters[index].request.function) {
                index += 1
                continue
            }
            let waiter = waiters[index]
            do {
                guard let lease = try tryAcquire(for: waiter.request) else {
                    index += 1
                    continue
                }
                waiters.remove(at: index)
                waiter.continuation.resume(returning: lease)
            } catch {
                waiters.remove(at: index)
                waiter.continuation.resume(throwing: error)
            }
        }
    }

    /// Whether `version` has no idle worker and no room for another: `tryAcquire` would answer
    /// nil, so a waiter for it is passed over without preparing a request for it.
    private func isFull(_ version: FunctionVersionID) -> Bool {
        guard let pool = pools[version] else { return false }
        return pool.count >= configuration.maxWorkersPerVersion && !pool.contains(where: { !$0.busy })
    }

    /// Stops the idle worker unused the longest, of any version; false if none is idle.
    private func evictLeastRecentlyUsed() -> Bool {
        var oldest: (version: FunctionVersionID, index: Int, since: ContinuousClock.Instant)?
        for (version, pool) in pools {
            for (index, entry) in pool.enumerated() where !entry.busy {
                if let current = oldest, current.since <= entry.idleSince { continue }
                oldest = (version, index, entry.idleSince)
            }
        }
        guard let (version, index, _) = oldest, var pool = pools[version] else { return false }
        pool.remove(at: index).worker.stop()
        pools[version] = pool.isEmpty ? nil : pool
        return true
    }

    /// Starts a worker process for `request`'s version (the interpreter and script on first use).
    private func startWorker(for request: InvocationRequest) throws -> Worker {
        try validateForStart(request)
        let interpreter = try self.interpreter ?? configuration.pythonExecutable ?? PythonBootstrap.defaultInterpreter.get()
        self.interpreter = interpreter
        let script = try scriptPath ?? PythonBootstrap.install(in: configuration.cacheDirectory)
        scriptPath = script
        let worker = try Worker(
            request: request, interpreter: interpreter, script: script,
            cacheDirectory: configuration.cacheDirectory,
            idleExitSeconds: configuration.idleTimeoutSeconds + PythonBootstrap.idleExitGraceSeconds,
            maxResponseBytes: configuration.maxResponseBytes)
        logger.debug("started worker", metadata: [
            "function.version": "\(request.function)", "worker.pid": "\(worker.pid)",
        ])
        return worker
    }
}
