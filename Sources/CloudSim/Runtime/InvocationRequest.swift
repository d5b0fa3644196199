import Foundation

/// One version of one function: the unit that owns warm workers, like a Lambda execution environment.
public struct FunctionVersionID: Hashable, Sendable, CustomStringConvertible {
    /// The unqualified function ARN, `arn:aws:lambda:<region>:<account>:function:<name>`.
    public var functionArn: String
    /// `$LATEST` or a published version number.
    public var version: String

    /// The version `version` of the function `functionArn`.
    public init(functionArn: String, version: String) {
        self.functionArn = functionArn
        self.version = version
    }

    /// The version-qualified ARN (the unqualified ARN for `$LATEST` is also accepted by Lambda).
    public var qualifiedArn: String { "\(functionArn):\(version)" }

    /// The version-qualified ARN.
    public var description: String { qualifiedArn }
}

/// Everything the runtime needs to run one invocation of one function version.
public struct InvocationRequest: Sendable {
    /// The function version to run; warm workers are kept per version.
    public var function: FunctionVersionID
    /// Directory holding the function's code, already materialized; the worker's cwd and
    /// `sys.path[0]`. Use one directory per code identity (e.g. named by code hash): workers
    /// are replaced when the directory changes, not when files inside it change.
    public var codeDirectory: String
    /// The function's runtime, e.g. `python3.11`; every `python3.x` runs on the machine's Python 3.
    public var runtime: String
    /// `module.function`, the module possibly in a sub-package: `app.handler`, `pkg/mod.fn`.
    public var handler: String
    /// The function's environment variables; Lambda's reserved variables are added (and win).
    public var environment: [String: String]
    /// Seconds the handler may run before the worker is killed (a cold start's loading of the
    /// handler has its own limit, `RuntimeConfiguration.initTimeoutSeconds`, as on Lambda).
    public var timeoutSeconds: Double
    /// The function's memory size; the worker's address space is capped from it (see `PythonBootstrap`).
    public var memoryMB: Int
    /// The event as JSON text (UTF-8); empty means `{}`.
    public var payload: Data
    /// The request id the handler sees as `context.aws_request_id`.
    public var requestId: String
    /// The ARN the caller invoked (e.g. alias-qualified); `nil` means `function.qualifiedArn`.
    public var invokedFunctionArn: String?

    /// A request to run `function` once with `payload`; `requestId` defaults to a new lowercase UUID.
    public init(
        function: FunctionVersionID,
        codeDirectory: String,
        runtime: String,
        handler: String,
        environment: [String: String] = [:],
        timeoutSeconds: Double = 3,
        memoryMB: Int = 128,
        payload: Data = Data(),
        requestId: String = UUID().uuidString.lowercased(),
        invokedFunctionArn: String? = nil
    ) {
        self.function = function
        self.codeDirectory = codeDirectory
        self.runtime = runtime
        self.handler = handler
        self.environment = environment
        self.timeoutSeconds = timeoutSeconds
        self.memoryMB = memoryMB
        self.payload = payload
        self.requestId = requestId
        self.invokedFunctionArn = invokedFunctionArn
    }
}

/// What makes two workers of one version interchangeable: a change starts new workers, as a
/// configuration update starts new execution environments on Lambda.
struct WorkerSettings: Hashable, Sendable {
    var codeDirectory: String
    var runtime: String
    var handler: String
    var environment: [String: String]
    var memoryMB: Int

    init(_ request: InvocationRequest) {
        codeDirectory = request.codeDirectory
        runtime = request.runtime
        handler = request.handler
        environment = request.environment
        memoryMB = request.memoryMB
    }
}
