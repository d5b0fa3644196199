import Foundation

/// Settings of a `FunctionRuntime`: where it keeps its files and how many workers it keeps, for how long.
public struct RuntimeConfiguration: Sendable {
    /// Directory for the runtime's own files (the Python bootstrap script); created on first use.
    public var cacheDirectory: String
    /// The interpreter for `python3.x` runtimes; `nil` resolves `python3` on `PATH` once, following
    /// version-manager shims (pyenv) to the real interpreter.
    public var pythonExecutable: String?
    /// Most workers (execution environments) one function version keeps; further concurrent
    /// invocations of that version wait for a worker to be free. Defaults to
    /// `defaultWorkersPerVersion`.
    public var maxWorkersPerVersion: Int
    /// Most workers in all; an idle worker of another version is stopped to make room.
    public var maxWorkers: Int
    /// Seconds a new worker may take to load the handler (Lambda's init phase limit, 10 s);
    /// the function's timeout starts when the handler is called.
    public var initTimeoutSeconds: Double
    /// Seconds a worker may stay idle before it is stopped; the next invocation is a cold start.
    public var idleTimeoutSeconds: Double
    /// Bytes of log tail returned with each result (Lambda returns the last 4 KB with `LogType=Tail`).
    public var logTailBytes: Int
    /// Largest response payload; a bigger one is a `Function.ResponseSizeTooLarge` error, as on Lambda.
    public var maxResponseBytes: Int

    /// One worker per core, at least 2 and at most 8. Handlers that compute cannot run more at
    /// once than there are cores: more workers of one version only spread its invocations over
    /// more processes, each with colder caches (on 2 cores, 4 workers per version cost about 10 %
    /// more CPU per orchestrator execution than 2; see `docs/performance.md`). Handlers that
    /// mostly wait may want more: set `maxWorkersPerVersion`.
    public static let defaultWorkersPerVersion = min(8, max(2, ProcessInfo.processInfo.activeProcessorCount))

    /// Settings with Lambda-like defaults; `cacheDirectory` defaults to a per-user folder in the temp dir.
    public init(
        cacheDirectory: String? = nil,
        pythonExecutable: String? = nil,
        maxWorkersPerVersion: Int = RuntimeConfiguration.defaultWorkersPerVersion,
        maxWorkers: Int = 64,
        initTimeoutSeconds: Double = 10,
        idleTimeoutSeconds: Double = 600,
        logTailBytes: Int = 4096,
        maxResponseBytes: Int = 6_291_556
    ) {
        self.cacheDirectory = cacheDirectory
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("plumb-runtime-\(getuid())")
        self.pythonExecutable = pythonExecutable
        self.maxWorkersPerVersion = max(1, maxWorkersPerVersion)
        self.maxWorkers = max(1, maxWorkers)
        self.initTimeoutSeconds = max(0.001, initTimeoutSeconds)
        self.idleTimeoutSeconds = max(0.001, idleTimeoutSeconds)
        self.logTailBytes = max(0, logTailBytes)
        self.maxResponseBytes = max(0, maxResponseBytes)
    }
}
