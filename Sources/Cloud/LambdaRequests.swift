import Foundation

/// The input of CreateFunction.
public struct CreateFunctionRequest: Sendable, Hashable {
    /// The function name (1–64 letters, digits, `-`, `_`).
    public var functionName: String
    /// The runtime, such as `python3.11`.
    public var runtime: String
    /// The execution role's ARN.
    public var role: String
    /// The handler, such as `app.handler`.
    public var handler: String
    /// The code.
    public var code: CodeBundle
    /// A description (0–256 characters).
    public var description: String
    /// Timeout in seconds (1–900, default 3).
    public var timeout: Int
    /// Memory in MB (128–10,240, default 128).
    public var memorySize: Int
    /// Environment variables (4 KB in total).
    public var environment: [String: String]
    /// `["x86_64"]` (default) or `["arm64"]`.
    public var architectures: [String]
    /// `/tmp` size in MB (512–10,240, default 512).
    public var ephemeralStorageSize: Int
    /// Publish version 1 at once.
    public var publish: Bool
    /// Tags for the function.
    public var tags: [String: String]

    /// Creates the request with Lambda's defaults for omitted settings.
    public init(functionName: String, runtime: String, role: String, handler: String, code: CodeBundle,
                description: String = "", timeout: Int = 3, memorySize: Int = 128,
                environment: [String: String] = [:], architectures: [String] = ["x86_64"],
                ephemeralStorageSize: Int = 512, publish: Bool = false, tags: [String: String] = [:]) {
        self.functionName = functionName
        self.runtime = runtime
        self.role = role
        self.handler = handler
        self.code = code
        self.description = description
        self.timeout = timeout
        self.memorySize = memorySize
        self.environment = environment
        self.architectures = architectures
        self.ephemeralStorageSize = ephemeralStorageSize
        self.publish = publish
        self.tags = tags
    }
}

/// The input of UpdateFunctionConfiguration: nil fields stay as they are.
public struct FunctionConfigurationUpdate: Sendable, Hashable {
    /// New runtime.
    public var runtime: String?
    /// New execution role ARN.
    public var role: String?
    /// New handler.
    public var handler: String?
    /// New description.
    public var description: String?
    /// New timeout in seconds.
    public var timeout: Int?
    /// New memory in MB.
    public var memorySize: Int?
    /// New environment variables (replaces the whole map).
    public var environment: [String: String]?
    /// New `/tmp` size in MB.
    public var ephemeralStorageSize: Int?
    /// Only update if `$LATEST` still has this revision id.
    public var revisionId: String?

    /// Creates an update; pass only what changes.
    public init(runtime: String? = nil, role: String? = nil, handler: String? = nil, description: String? = nil,
                timeout: Int? = nil, memorySize: Int? = nil, environment: [String: String]? = nil,
                ephemeralStorageSize: Int? = nil, revisionId: String? = nil) {
        self.runtime = runtime
        self.role = role
        self.handler = handler
        self.description = description
        self.timeout = timeout
        self.memorySize = memorySize
        self.environment = environment
        self.ephemeralStorageSize = ephemeralStorageSize
        self.revisionId = revisionId
    }
}

/// An alias's weighted routing: at most one additional version and the fraction (0–1) it receives.
public struct AliasRouting: Sendable, Hashable, Codable {
    /// Additional version → weight, as AWS's `AdditionalVersionWeights` (at most one entry).
    public var additionalVersionWeights: [String: Double]

    /// Creates a routing from the raw map (validated by the provider).
    public init(additionalVersionWeights: [String: Double]) {
        self.additionalVersionWeights = additionalVersionWeights
    }

    /// Routes `weight` (0–1) of the traffic to `version`.
    public init(version: Int, weight: Double) {
        self.additionalVersionWeights = [String(version): weight]
    }

    /// No additional version.
    public static let none = AliasRouting(additionalVersionWeights: [:])
}

/// A function alias (Lambda's `AliasConfiguration`).
public struct FunctionAlias: Sendable, Hashable, Codable {
    /// The alias ARN: `…:function:<name>:<alias>`.
    public var aliasArn: String
    /// The alias name.
    public var name: String
    /// The primary version.
    public var functionVersion: String
    /// The description.
    public var description: String
    /// The additional weighted version, if any.
    public var routingConfig: AliasRouting?
    /// Changes on every update of the alias.
    public var revisionId: String

    /// Creates the value.
    public init(aliasArn: String, name: String, functionVersion: String, description: String,
                routingConfig: AliasRouting?, revisionId: String) {
        self.aliasArn = aliasArn
        self.name = name
        self.functionVersion = functionVersion
        self.description = description
        self.routingConfig = routingConfig
        self.revisionId = revisionId
    }
}

/// The input of UpdateAlias: nil fields stay as they are; an empty routing clears the weights.
public struct AliasUpdate: Sendable, Hashable {
    /// New primary version.
    public var functionVersion: String?
    /// New description.
    public var description: String?
    /// New routing; `AliasRouting.none` removes the additional version.
    public var routingConfig: AliasRouting?
    /// Only update if the alias still has this revision id.
    public var revisionId: String?

    /// Creates an update; pass only what changes.
    public init(functionVersion: String? = nil, description: String? = nil, routingConfig: AliasRouting? = nil, revisionId: String? = nil) {
        self.functionVersion = functionVersion
        self.description = description
        self.routingConfig = routingConfig
        self.revisionId = revisionId
    }
}

/// How an invocation is made.
public enum InvocationType: String, Sendable, Codable, Hashable {
    /// Synchronous: wait for the result (HTTP 200).
    case requestResponse = "RequestResponse"
    /// Asynchronous: queued (HTTP 202).
    case event = "Event"
    /// Check the call would be allowed without running (HTTP 204).
    case dryRun = "DryRun"
}

/// The answer of Invoke (Lambda's `InvocationResponse`).
public struct InvocationResponse: Sendable, Hashable {
    /// 200 (sync), 202 (event) or 204 (dry run); function errors do not change it.
    public var statusCode: Int
    /// The function's response, or its error document (`errorType`, `errorMessage`).
    public var payload: Data
    /// `Unhandled` or `Handled` when the function failed, nil on success.
    public var functionError: String?
    /// The version that ran (`$LATEST`, `3`).
    public var executedVersion: String
    /// Run time in milliseconds, when the provider reports it.
    public var durationMs: Double?
    /// Whether a new execution environment was started for this call, when the provider reports it.
    public var coldStart: Bool?

    /// Creates the value.
    public init(statusCode: Int, payload: Data, functionError: String?, executedVersion: String,
                durationMs: Double? = nil, coldStart: Bool? = nil) {
        self.statusCode = statusCode
        self.payload = payload
        self.functionError = functionError
        self.executedVersion = executedVersion
        self.durationMs = durationMs
        self.coldStart = coldStart
    }
}
