#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// One invocation as the worker's I/O thread sees it.
struct WorkerJob: Sendable {
    var requestId: String
    var invokedArn: String
    var payload: Data
    var timeout: Duration
    var initTimeout: Duration
    var logLimit: Int
}

/// What happened to one invocation on the worker.
struct WorkerReport: Sendable {
    /// How the exchange ended.
    enum Ending: Sendable {
        /// The worker answered (init error, result, error, out of memory).
        case response(WorkerProtocol.Response)
        /// The invoke phase outlived the function's timeout; the worker was killed.
        case timedOut
        /// Loading the handler outlived the init limit; the worker was killed.
        case initTimedOut
        /// The worker exited without answering.
        case exited(status: Int32)
        /// The worker wrote something that is not a frame; it was killed.
        case brokenProtocol(String)
    }

    var ending: Ending
    /// From starting the process to the handler being loaded; cold starts only.
    var initDuration: Duration?
    /// The invoke phase (or, if init failed, the init phase).
    var duration: Duration
    var logs: LogTail
    var maxRSSKiB: UInt32
    /// Whether the worker can serve another invocation.
    var reusable: Bool
}

extension Worker {
    /// Runs `job` on the worker's I/O queue (its blocking reads never hold a thread of the
    /// Swift concurrency pool) and returns when the worker answered, died or timed out.
    func run(_ job: WorkerJob) async -> WorkerReport {
        await withCheckedContinuation { continuation in
            ioQueue.async {
                continuation.resume(returning: self.perform(job))
            }
        }
    }

    /// The blocking exchange: wait for init on a cold worker (within the init limit, as Lambda's
    /// init phase has its own limit), send the request, read the answer (within the timeout).
    func perform(_ job: WorkerJob) -> WorkerReport {
        let clock = ContinuousClock()
        var logs = LogTail(limit: job.logLimit)
        var initDuration: Duration?
        if !isInitialized {
            let start = clock.now
            var ending = pump(outgoing: [], deadline: startedAt + job.initTimeout, logs: &logs)
            initDuration = clock.now - startedAt
            guard case .response(let response) = ending, response.kind == .ready else {
                if case .timedOut = ending { ending = .initTimedOut }
                return finish(ending, initDuration: initDuration, duration: clock.now - start, logs: logs)
            }
            isInitialized = true
        }
        let invokeStart = clock.now
        let deadline = invokeStart + job.timeout
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let deadlineEpochMicros = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
            + job.timeout.components.seconds * 1_000_000 + job.timeout.components.attoseconds / 1_000_000_000_000
        let frame = WorkerProtocol.requestFrame(
            requestId: job.requestId, deadlineEpochMicros: deadlineEpochMicros, invokedArn: job.invokedArn, payload: job.payload)
        let ending = pump(outgoing: frame, deadline: deadline, logs: &logs)
        return finish(ending, initDuration: initDuration, duration: clock.now - invokeStart, logs: logs)
    }

    /// Records the peak memory, and kills and reaps a worker that cannot be reused.
    private func finish(_ ending: WorkerReport.Ending, initDuration: Duration?, duration: Duration, logs: LogTail) -> WorkerReport {
        var logs = logs
        var reusable = false
        switch ending {
        case .response(let response):
            maxRSSKiB = max(maxRSSKiB, response.maxRSSKiB)
            switch response.kind {
            case .success, .handlerError, .runtimeError: reusable = true
            case .ready, .initError, .outOfMemory: reusable = false
            }
        case .timedOut, .initTimedOut, .brokenProtocol:
            kill()
        case .exited:
            break
        }
        if !reusable {
            _ = reap(timeout: 2)
            drainLog(into: &logs)
        }
        return WorkerReport(
            ending: ending, initDuration: initDuration, duration: duration, logs: logs,
            maxRSSKiB: maxRSSKiB, reusable: reusable)
    }

    /// Writes `outgoing` and reads until one response frame is complete, the worker's output
    /// closes, or `deadline` passes; the worker's log is drained all along.
    private func pump(outgoing: [UInt8], deadline: ContinuousClock.Instant, logs: inout LogTail) -> WorkerReport.Ending {
        var written = outgoing.isEmpty ? 0 : send(outgoing, from: 0)
        while true {
            switch WorkerProtocol.parseResponse(inbox, from: inboxStart) {
            case .frame(let response, let consumed):
                consume(consumed)
                return .response(response)
            case .invalid(let what):
                return .brokenProtocol("the worker sent \(what)")
            case .incomplete:
                break
            }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return .timedOut }
            let writing = written < outgoing.count
            fds.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: responseFD, events: Int16(POLLIN), revents: 0))
            if stderrOpen { fds.append(pollfd(fd: logFD, events: Int16(POLLIN), revents: 0)) }
            if writing { fds.append(pollfd(fd: requestFD, events: Int16(POLLOUT), revents: 0)) }
            let millis = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000 + 1
            let ready = poll(&fds, nfds_t(fds.count), Int32(clamping: millis))
            if ready < 0 {
                if errno == EINTR { continue }
                return .brokenProtocol("poll failed: \(String(cString: strerror(errno)))")
            }
            if ready == 0 { continue }
            if stderrOpen && fds[1].revents != 0 { drainLog(into: &logs) }
            if writing && fds[fds.count - 1].revents != 0 { written = send(outgoing, from: written) }
            if fds[0].revents != 0 {
                let count = read(responseFD, &scratch, scratch.count)
                if count > 0 {
                    inbox.append(contentsOf: scratch[0..<count])
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    let status = reap(timeout: 2)
                    drainLog(into: &logs)
                    return .exited(status: status)
                }
            }
        }
    }

    /// Writes what it can of `bytes` from `offset`; returns the new offset (all of it when the
    /// worker's stdin is gone: its death shows as end of file on its output).
    private func send(_ bytes: [UInt8], from offset: Int) -> Int {
        var offset = offset
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return write(requestFD, base + offset, bytes.count - offset)
            }
            if count > 0 {
                offset += count
            } else if count < 0 && errno == EINTR {
                continue
            } else if count < 0 && errno == EAGAIN {
                return offset
            } else {
                return bytes.count
            }
        }
        return offset
    }

    /// Reads whatever the worker's log pipe holds now, without blocking.
    private func drainLog(into logs: inout LogTail) {
        while stderrOpen {
            let count = read(logFD, &scratch, scratch.count)
            if count > 0 {
                scratch.withUnsafeBufferPointer { logs.append(UnsafeBufferPointer(rebasing: $0[0..<count])) }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                if count == 0 || errno != EAGAIN { stderrOpen = false }
                return
            }
        }
    }

    /// Drops `count` bytes of consumed frames from the inbox.
    private func consume(_ count: Int) {
        inboxStart += count
        if inboxStart == inbox.count {
            inbox.removeAll(keepingCapacity: inbox.capacity <= 1 << 20)
            inboxStart = 0
        }
    }
}
