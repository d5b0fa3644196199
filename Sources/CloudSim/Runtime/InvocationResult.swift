import Foundation

/// A Lambda-shaped error: `{"errorMessage": …, "errorType": …, "requestId": …, "stackTrace": […]}`.
public struct InvocationError: Sendable, Equatable {
    /// The exception class name (`ValueError`) or a runtime error type (`Sandbox.Timedout`).
    public var errorType: String
    /// The exception message, or the runtime's message (`RequestId: … Error: Task timed out after 1.00 seconds`).
    public var errorMessage: String
    /// Formatted traceback entries of the handler's own frames, innermost last; empty for runtime errors.
    public var stackTrace: [String]
    /// The JSON body Lambda returns for this error (the Invoke response payload).
    public var payload: Data

    /// An error whose payload is built from the fields; `requestId` and `stackTrace` appear in the
    /// payload only when given (Lambda omits both for timeouts and runtime exits).
    public init(errorType: String, errorMessage: String, stackTrace: [String]? = nil, requestId: String? = nil) {
        self.errorType = errorType
        self.errorMessage = errorMessage
        self.stackTrace = stackTrace ?? []
        var body: [(String, Any)] = [("errorMessage", errorMessage), ("errorType", errorType)]
        if let requestId { body.append(("requestId", requestId)) }
        if let stackTrace { body.append(("stackTrace", stackTrace)) }
        payload = InvocationError.encode(body)
    }

    /// An error as the worker reported it; `payload` keeps the worker's bytes.
    init?(json: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let errorType = object["errorType"] as? String else { return nil }
        self.errorType = errorType
        errorMessage = object["errorMessage"] as? String ?? ""
        stackTrace = object["stackTrace"] as? [String] ?? []
        payload = json
    }

    /// JSON with keys in the given order (Lambda's order), compact like Lambda's responses.
    private static func encode(_ fields: [(String, Any)]) -> Data {
        var text = "{"
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { text += ", " }
            let encoded = (try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed])) ?? Data("null".utf8)
            text += "\"\(key)\": " + String(decoding: encoded, as: UTF8.self)
        }
        return Data((text + "}").utf8)
    }
}

/// How an invocation ended.
public enum InvocationStatus: Sendable, Equatable {
    /// The handler returned; the payload is its result as JSON.
    case success(Data)
    /// The handler raised; `errorType` is the exception's class name.
    case functionError(InvocationError)
    /// The runtime failed the invocation: init errors (`Runtime.ImportModuleError`,
    /// `Runtime.HandlerNotFound`, …), `Sandbox.Timedout`, `Runtime.OutOfMemory`,
    /// `Runtime.ExitError`, `Runtime.MarshalError`, `Runtime.UnmarshalError`, `Function.ResponseSizeTooLarge`.
    case runtimeError(InvocationError)
}

/// The outcome of one invocation, with what Lambda's REPORT log line carries.
public struct InvocationResult: Sendable {
    /// The invocation's request id.
    public var requestId: String
    /// Success with the payload, or the error.
    public var status: InvocationStatus
    /// Wall time of the invoke phase in milliseconds (cold-start init excluded, as Lambda reports it).
    public var durationMs: Double
    /// `durationMs` rounded up to a whole millisecond, at least 1.
    public var billedDurationMs: Int
    /// Milliseconds from starting the worker to its handler being loaded; set on cold starts only.
    public var initDurationMs: Double?
    /// Whether this invocation started a new worker.
    public var coldStart: Bool
    /// The function's memory size.
    public var memorySizeMB: Int
    /// Peak resident memory of the worker so far, in MB (0 if the worker died before reporting).
    public var maxMemoryUsedMB: Int
    /// The last `logTailBytes` of the invocation's log: START, the handler's output, END, REPORT
    /// (composed when read: most callers never look at it).
    public var logTail: String { composeLog() }
    /// What the log is composed from.
    var log: InvocationLog

    /// The Invoke response body: the result on success, the error JSON otherwise.
    public var payload: Data {
        switch status {
        case .success(let data): return data
        case .functionError(let error), .runtimeError(let error): return error.payload
        }
    }

    /// The error, if the invocation failed.
    public var error: InvocationError? {
        switch status {
        case .success: return nil
        case .functionError(let error), .runtimeError(let error): return error
        }
    }

    /// Lambda's `X-Amz-Function-Error` value: `Unhandled` for every failure (current runtimes
    /// report raised exceptions as unhandled too), `nil` on success.
    public var functionErrorHeader: String? { error == nil ? nil : "Unhandled" }
}
