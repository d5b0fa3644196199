/// An invocation the runtime refused or could not start; handler failures are results, not these.
public struct FunctionRuntimeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What kind of failure this is; the Invoke API maps each to an AWS error.
    public enum Code: String, Sendable, Equatable {
        /// The function's runtime cannot run here (Lambda: `InvalidRuntimeException`).
        case invalidRuntime
        /// The request itself is unusable: a malformed ARN, a missing code directory, a bad request id.
        case invalidRequest
        /// The machine cannot run the runtime (no interpreter, no cache directory, spawn failed).
        case runtimeUnavailable
        /// `shutdown()` was called before or during the invocation.
        case shutDown
    }

    /// The kind of failure.
    public var code: Code
    /// What failed, for which function, and what to do about it.
    public var message: String

    /// An error of kind `code` saying `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
