#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension FunctionRuntime {
    /// Refuses what cannot run: other runtimes, bad ids, missing code, nonsensical limits.
    func validate(_ request: InvocationRequest) throws {
        if state.withLock({ $0.isShutDown }) {
            throw FunctionRuntimeError(.shutDown, "the function runtime was shut down; \(request.function) cannot run")
        }
        guard PythonBootstrap.supports(runtime: request.runtime) else {
            throw FunctionRuntimeError(.invalidRuntime,
                "the runtime '\(request.runtime)' of \(request.function) is not supported here: only python3.x runtimes run in the simulated cloud; set the function's runtime to e.g. python3.11")
        }
        _ = try LambdaEnvironment(request.function)
        guard WorkerProtocol.isHeaderSafe(request.requestId) else {
            throw FunctionRuntimeError(.invalidRequest, "request id '\(request.requestId)' of \(request.function) must be non-empty, without tabs or line breaks")
        }
        if let invoked = request.invokedFunctionArn, !WorkerProtocol.isHeaderSafe(invoked) {
            throw FunctionRuntimeError(.invalidRequest, "invoked ARN '\(invoked)' must be non-empty, without tabs or line breaks")
        }
        guard request.timeoutSeconds > 0, request.timeoutSeconds.isFinite else {
            throw FunctionRuntimeError(.invalidRequest, "timeout \(request.timeoutSeconds) s of \(request.function) must be a positive number of seconds")
        }
        var status = stat()
        guard stat(request.codeDirectory, &status) == 0, status.st_mode & S_IFMT == S_IFDIR else {
            throw FunctionRuntimeError(.invalidRequest,
                "the code directory '\(request.codeDirectory)' of \(request.function) does not exist; materialize the function's code before invoking it")
        }
    }

    /// Takes `waiter` in under the lock: an idle warm worker or a new one when no invocation of
    /// its version waits already, else it queues. Answers the invocations that can start now
    /// (the idle sweep may free room for earlier waiters too).
    func admit(_ waiter: Waiter, _ state: inout State) -> (assignments: [Assignment], failure: Error?) {
        let request = waiter.request
        if state.isShutDown {
            return ([], FunctionRuntimeError(.shutDown, "the function runtime was shut down; \(request.function) cannot run"))
        }
        var assignments = sweepIfDue(&state)
        state.latestSettings[request.function] = WorkerSettings(request)
        if !state.waiters.contains(where: { $0.request.function == request.function }) {
            do {
                if let lease = try tryAcquire(for: request, &state) {
                    assignments.append(Assignment(lease: lease, request: request, job: waiter.job, continuation: waiter.continuation))
                    return (assignments, nil)
                }
            } catch {
                return (assignments, error)
            }
        }
        state.waiters.append(waiter)
        return (assignments, nil)
    }

    /// Stops idle workers at most once a second, on the invocation path; answers the waiters
    /// that the freed room lets start.
    func sweepIfDue(_ state: inout State) -> [Assignment] {
        guard ContinuousClock.now - state.lastSweep > .seconds(1) else { return [] }
        return evictIdle(&state) > 0 ? schedule(&state) : []
    }

    /// Takes workers idle longer than `idleTimeoutSeconds` out of the pools (into `retired`).
    func evictIdle(_ state: inout State) -> Int {
        let cutoff = ContinuousClock.now - .milliseconds(Int64(configuration.idleTimeoutSeconds * 1000))
        var stopped = 0
        for (version, pool) in state.pools {
            var kept: [PooledWorker] = []
            for entry in pool {
                if !entry.busy && entry.idleSince < cutoff {
                    state.retired.append(entry.worker)
                    stopped += 1
                } else {
                    kept.append(entry)
                }
            }
            state.pools[version] = kept.isEmpty ? nil : kept
        }
        state.lastSweep = ContinuousClock.now
        return stopped
    }

    /// Starts `assignment` on its worker's I/O queue (its blocking reads never hold a thread of
    /// the Swift concurrency pool).
    func dispatch(_ assignment: Assignment) {
        assignment.lease.worker.ioQueue.async { self.serve(assignment) }
    }

    /// Runs `first` on the calling I/O thread, answers its caller, and goes on with the next
    /// waiting invocation handed to the same worker, so a busy version's worker goes from one
    /// invocation to the next without a round trip through the concurrency pool.
    func serve(_ first: Assignment) {
        var next: Assignment? = first
        while let current = next {
            next = nil
            let report = current.lease.worker.perform(current.job)
            let (interrupted, assignments, drained, retired) = state.withLock { state in
                let interrupted = state.isShutDown
                let assignments = release(current.lease, reusable: report.reusable, &state)
                var drained: [CheckedContinuation<Void, Never>] = []
                if !state.drainWaiters.isEmpty && state.busyCount == 0 {
                    drained = state.drainWaiters
                    state.drainWaiters = []
                }
                defer { state.retired = [] }
                return (interrupted, assignments, drained, state.retired)
            }
            if interrupted && !report.reusable {
                current.continuation.resume(throwing: FunctionRuntimeError(.shutDown,
                    "the function runtime was shut down while \(current.request.function) was running request \(current.request.requestId)"))
            } else {
                current.continuation.resume(returning: InvocationResult(
                    report: report, request: current.request, lease: current.lease, configuration: configuration))
            }
            stop(retired)
            for continuation in drained { continuation.resume() }
            for assignment in assignments {
                if next == nil && assignment.lease.worker === current.lease.worker {
                    next = assignment
                } else {
                    dispatch(assignment)
                }
            }
        }
    }

    /// An idle worker with the request's settings, or a new worker if the caps allow, else nil.
    func tryAcquire(for request: InvocationRequest, _ state: inout State) throws -> Lease? {
        let version = request.function
        var pool = state.pools[version] ?? []
        // Only an idle worker about to be handed out is checked (settings, still alive): a
        // stale one is retired and the next idle one tried, so when none is left every idle
        // worker was checked, and a full pool of busy workers costs no system call.
        var settings: WorkerSettings?
        while let index = pool.lastIndex(where: { !$0.busy }) {
            let wanted = settings ?? WorkerSettings(request)
            settings = wanted
            let worker = pool[index].worker
            if worker.settings == wanted && !worker.hasExited {
                pool[index].busy = true
                state.pools[version] = pool
                return Lease(worker: worker, coldStart: false)
            }
            state.retired.append(worker)
            pool.remove(at: index)
        }
        state.pools[version] = pool.isEmpty ? nil : pool
        guard pool.count < configuration.maxWorkersPerVersion else { return nil }
        if state.workerCount >= configuration.maxWorkers && !evictLeastRecentlyUsed(&state) { return nil }
        let worker = try startWorker(for: request, &state)
        state.pools[version, default: []].append(PooledWorker(worker: worker, busy: true, idleSince: ContinuousClock.now))
        return Lease(worker: worker, coldStart: true)
    }

    /// Takes a worker back; one that cannot be reused, or whose version was reconfigured
    /// meanwhile, is retired. Answers the waiters that can start now.
    func release(_ lease: Lease, reusable: Bool, _ state: inout State) -> [Assignment] {
        let version = lease.worker.version
        var pool = state.pools[version] ?? []
        if let index = pool.firstIndex(where: { $0.worker === lease.worker }) {
            if reusable && !state.isShutDown && state.latestSettings[version] == lease.worker.settings {
                pool[index].busy = false
                pool[index].idleSince = ContinuousClock.now
            } else {
                pool.remove(at: index)
                if reusable { state.retired.append(lease.worker) }
            }
        }
        state.pools[version] = pool.isEmpty ? nil : pool
        return schedule(&state)
    }

    /// Hands free or new workers to waiting invocations, oldest first.
    func schedule(_ state: inout State) -> [Assignment] {
        var assignments: [Assignment] = []
        var index = 0
        while index < state.waiters.count {
            if isFull(state.waiters[index].request.function, state) {
                index += 1
                continue
            }
            let waiter = state.waiters[index]
            do {
                guard let lease = try tryAcquire(for: waiter.request, &state) else {
                    index += 1
                    continue
                }
                state.waiters.remove(at: index)
                assignments.append(Assignment(lease: lease, request: waiter.request, job: waiter.job, continuation: waiter.continuation))
            } catch {
                state.waiters.remove(at: index)
                waiter.continuation.resume(throwing: error)
            }
        }
        return assignments
    }

    /// Whether `version` has no idle worker and no room for another: `tryAcquire` would answer
    /// nil, so a waiter for it is passed over without preparing a request for it.
    private func isFull(_ version: FunctionVersionID, _ state: State) -> Bool {
        guard let pool = state.pools[version] else { return false }
        return pool.count >= configuration.maxWorkersPerVersion && !pool.contains(where: { !$0.busy })
    }

    /// Retires the idle worker unused the longest, of any version; false if none is idle.
    private func evictLeastRecentlyUsed(_ state: inout State) -> Bool {
        var oldest: (version: FunctionVersionID, index: Int, since: ContinuousClock.Instant)?
        for (version, pool) in state.pools {
            for (index, entry) in pool.enumerated() where !entry.busy {
                if let current = oldest, current.since <= entry.idleSince { continue }
                oldest = (version, index, entry.idleSince)
            }
        }
        guard let (version, index, _) = oldest, var pool = state.pools[version] else { return false }
        state.retired.append(pool.remove(at: index).worker)
        state.pools[version] = pool.isEmpty ? nil : pool
        return true
    }

    /// Starts a worker process for `request`'s version (the interpreter and script on first use).
    private func startWorker(for request: InvocationRequest, _ state: inout State) throws -> Worker {
        let interpreter = try state.interpreter ?? configuration.pythonExecutable ?? PythonBootstrap.defaultInterpreter.get()
        state.interpreter = interpreter
        let script = try state.scriptPath ?? PythonBootstrap.install(in: configuration.cacheDirectory)
        state.scriptPath = script
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
