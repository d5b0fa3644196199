import Foundation

extension InvocationResult {
    /// The result of `request` from what its worker reported, with Lambda's error shapes and log lines.
    init(report: WorkerReport, request: InvocationRequest, lease: FunctionRuntime.Lease, configuration: RuntimeConfiguration) {
        let id = request.requestId
        let status: InvocationStatus
        var timeoutLine: String?
        switch report.ending {
        case .response(let response):
            status = InvocationResult.status(of: response, request: request, maxResponseBytes: configuration.maxResponseBytes)
        case .timedOut, .initTimedOut:
            let line = if case .timedOut = report.ending {
                "Task timed out after \(String(format: "%.2f", request.timeoutSeconds)) seconds"
            } else {
                "Init phase timed out after \(String(format: "%.2f", configuration.initTimeoutSeconds)) seconds"
            }
            timeoutLine = line
            status = .runtimeError(InvocationError(errorType: "Sandbox.Timedout", errorMessage: "RequestId: \(id) Error: \(line)"))
        case .exited(let exitStatus):
            if exitStatus == PythonBootstrap.outOfMemoryExitStatus || report.logs.contains("MemoryError") {
                status = .runtimeError(InvocationResult.outOfMemory(request))
            } else {
                status = .runtimeError(InvocationError(
                    errorType: "Runtime.ExitError",
                    errorMessage: InvocationResult.exitMessage(id, exitStatus: exitStatus)))
            }
        case .brokenProtocol(let what):
            status = .runtimeError(InvocationError(
                errorType: "Runtime.ExitError",
                errorMessage: "RequestId: \(id) Error: Runtime broke its protocol: \(what)"))
        }
        let durationMs = InvocationResult.milliseconds(report.duration)
        self.requestId = id
        self.status = status
        self.durationMs = durationMs
        self.billedDurationMs = max(1, Int(durationMs.rounded(.up)))
        self.initDurationMs = lease.coldStart ? report.initDuration.map(InvocationResult.milliseconds) : nil
        self.coldStart = lease.coldStart
        self.memorySizeMB = request.memoryMB
        self.maxMemoryUsedMB = Int((report.maxRSSKiB + 1023) / 1024)
        self.log = InvocationLog(
            output: report.logs.bytes, version: request.function.version,
            timeoutLine: timeoutLine.map { "\(ISO8601DateFormatter().string(from: Date())) \(id) \($0)\n" },
            isTimeout: timeoutLine != nil, limit: configuration.logTailBytes)
    }

    private static func status(of response: WorkerProtocol.Response, request: InvocationRequest, maxResponseBytes: Int) -> InvocationStatus {
        let id = request.requestId
        switch response.kind {
        case .success where response.body.count > maxResponseBytes:
            return .runtimeError(InvocationError(
                errorType: "Function.ResponseSizeTooLarge",
                errorMessage: "Response payload size exceeded maximum allowed payload size (\(maxResponseBytes) bytes)."))
        case .success, .ready:
            return .success(response.body)
        case .handlerError:
            return .functionError(InvocationError(json: response.body)
                ?? InvocationError(errorType: "Runtime.ExitError", errorMessage: "RequestId: \(id) Error: the handler's error could not be read"))
        case .runtimeError:
            return .runtimeError(InvocationError(json: response.body)
                ?? InvocationError(errorType: "Runtime.ExitError", errorMessage: "RequestId: \(id) Error: the runtime's error could not be read"))
        case .initError:
            let reported = InvocationError(json: response.body)
            return .runtimeError(InvocationError(
                errorType: reported?.errorType ?? "Runtime.Unknown",
                errorMessage: reported?.errorMessage ?? "the handler could not be loaded",
                stackTrace: reported?.stackTrace ?? [], requestId: id))
        case .outOfMemory:
            return .runtimeError(outOfMemory(request))
        }
    }

    private static func outOfMemory(_ request: InvocationRequest) -> InvocationError {
        InvocationError(
            errorType: "Runtime.OutOfMemory",
            errorMessage: "RequestId: \(request.requestId) Error: Runtime exited with error: out of memory (memory size \(request.memoryMB) MB)")
    }

    private static func exitMessage(_ id: String, exitStatus: Int32) -> String {
        if exitStatus == 0 { return "RequestId: \(id) Error: Runtime exited without providing a reason" }
        return "RequestId: \(id) Error: Runtime exited with error: \(describe(exitStatus: exitStatus))"
    }

    private static func describe(exitStatus: Int32) -> String {
        guard exitStatus > 128 else { return "exit status \(exitStatus)" }
        switch exitStatus - 128 {
        case SIGKILL: return "signal: killed"
        case SIGABRT: return "signal: aborted (core dumped)"
        case SIGSEGV: return "signal: segmentation fault"
        case SIGTERM: return "signal: terminated"
        case let number: return "signal \(number)"
        }
    }

    private static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// START, the function's output, END and REPORT, as Lambda logs them; the last `limit` bytes.
    func composeLog() -> String {
        let output = log.output
        var text = Array("START RequestId: \(requestId) Version: \(log.version)\n".utf8)
        text.append(contentsOf: output)
        if !output.isEmpty && output.last != 0x0A { text.append(0x0A) }
        if let timeoutLine = log.timeoutLine { text.append(contentsOf: timeoutLine.utf8) }
        var report = "REPORT RequestId: \(requestId)\tDuration: \(String(format: "%.2f", durationMs)) ms"
            + "\tBilled Duration: \(billedDurationMs) ms\tMemory Size: \(memorySizeMB) MB\tMax Memory Used: \(maxMemoryUsedMB) MB"
        if let initDurationMs { report += "\tInit Duration: \(String(format: "%.2f", initDurationMs)) ms" }
        if log.isTimeout { report += "\tStatus: timeout" }
        text.append(contentsOf: "END RequestId: \(requestId)\n\(report)\n".utf8)
        return LogTail.tail(of: text, limit: log.limit)
    }
}

/// The parts of an invocation's log known when it ends; `InvocationResult.logTail` composes them.
struct InvocationLog: Sendable {
    /// What the function wrote (the kept tail).
    var output: [UInt8]
    /// The version that ran.
    var version: String
    /// The timestamped timeout line, when the invocation timed out.
    var timeoutLine: String?
    /// Whether the REPORT line says `Status: timeout`.
    var isTimeout: Bool
    /// Bytes of log kept.
    var limit: Int
}
