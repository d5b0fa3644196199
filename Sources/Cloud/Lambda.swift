import Foundation

/// A Lambda version identifier: `$LATEST` or a published version number.
public enum FunctionVersion: Hashable, Sendable, Comparable, Codable, CustomStringConvertible {
    /// The unpublished, mutable version.
    case latest
    /// A published, immutable version (1, 2, …).
    case number(Int)

    /// Parses `$LATEST` or a positive decimal number.
    public init?(_ text: String) {
        if text == "$LATEST" { self = .latest; return }
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Int(text), value > 0 else {
            return nil
        }
        self = .number(value)
    }

    /// `$LATEST` or the number.
    public var description: String {
        switch self {
        case .latest: return "$LATEST"
        case .number(let value): return String(value)
        }
    }

    /// Published versions sort by number; `$LATEST` sorts first, as ListVersionsByFunction lists it.
    public static func < (lhs: FunctionVersion, rhs: FunctionVersion) -> Bool {
        switch (lhs, rhs) {
        case (.latest, .latest): return false
        case (.latest, .number): return true
        case (.number, .latest): return false
        case (.number(let a), .number(let b)): return a < b
        }
    }

    /// Decodes the value from its text form.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let version = FunctionVersion(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(text)' is not a function version"))
        }
        self = version
    }

    /// Encodes the value as its text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Lambda's `State` of a function or version.
public enum FunctionState: String, Sendable, Codable, Hashable {
    /// Being created; invocations and updates are refused.
    case pending = "Pending"
    /// Ready.
    case active = "Active"
    /// Idle for long; the next invocation recreates its resources.
    case inactive = "Inactive"
    /// Creation failed; delete and recreate the function.
    case failed = "Failed"
}

/// Lambda's `LastUpdateStatus` of a function's `$LATEST`.
public enum LastUpdateStatus: String, Sendable, Codable, Hashable {
    /// An update is settling; further updates are refused.
    case inProgress = "InProgress"
    /// The last update is in effect.
    case successful = "Successful"
    /// The last update failed; the previous code and configuration remain.
    case failed = "Failed"
}

/// The configuration of `$LATEST` or of a published version (Lambda's `FunctionConfiguration`).
public struct FunctionConfiguration: Sendable, Hashable, Codable {
    /// The function's name.
    public var functionName: String
    /// The function's ARN; qualified with the version for published versions.
    public var functionArn: String
    /// The runtime, such as `python3.11`.
    public var runtime: String
    /// The execution role's ARN.
    public var role: String
    /// The handler, such as `app.handler`.
    public var handler: String
    /// The code size in bytes.
    public var codeSize: Int
    /// Base64 SHA-256 of the code package.
    public var codeSha256: String
    /// The code bundle's id (git tree id), when the provider knows it.
    public var codeId: String?
    /// The description.
    public var description: String
    /// The timeout in seconds (1–900).
    public var timeout: Int
    /// The memory in MB (128–10,240).
    public var memorySize: Int
    /// When the function (or this version) was last modified.
    public var lastModified: Date
    /// `$LATEST` or the version number.
    public var version: FunctionVersion
    /// Environment variables.
    public var environment: [String: String]
    /// `x86_64` or `arm64`.
    public var architectures: [String]
    /// `/tmp` size in MB.
    public var ephemeralStorageSize: Int
    /// Changes on every update; usable as an optimistic lock.
    public var revisionId: String
    /// The function's state.
    public var state: FunctionState
    /// Why the function is in its state, when not active.
    public var stateReason: String?
    /// The code for `stateReason` (`Creating`, `Idle`, …).
    public var stateReasonCode: String?
    /// The status of the last update of `$LATEST`.
    public var lastUpdateStatus: LastUpdateStatus?
    /// Why the last update is in its status.
    public var lastUpdateStatusReason: String?
    /// The code for `lastUpdateStatusReason`.
    public var lastUpdateStatusReasonCode: String?

    /// Creates a configuration value (providers fill every field).
    public init(functionName: String, functionArn: String, runtime: String, role: String, handler: String,
                codeSize: Int, codeSha256: String, codeId: String?, description: String, timeout: Int,
                memorySize: Int, lastModified: Date, version: FunctionVersion, environment: [String: String],
                architectures: [String], ephemeralStorageSize: Int, revisionId: String, state: FunctionState,
                stateReason: String? = nil, stateReasonCode: String? = nil, lastUpdateStatus: LastUpdateStatus?,
                lastUpdateStatusReason: String? = nil, lastUpdateStatusReasonCode: String? = nil) {
        self.functionName = functionName
        self.functionArn = functionArn
        self.runtime = runtime
        self.role = role
        self.handler = handler
        self.codeSize = codeSize
        self.codeSha256 = codeSha256
        self.codeId = codeId
        self.description = description
        self.timeout = timeout
        self.memorySize = memorySize
        self.lastModified = lastModified
        self.version = version
        self.environment = environment
        self.architectures = architectures
        self.ephemeralStorageSize = ephemeralStorageSize
        self.revisionId = revisionId
        self.state = state
        self.stateReason = stateReason
        self.stateReasonCode = stateReasonCode
        self.lastUpdateStatus = lastUpdateStatus
        self.lastUpdateStatusReason = lastUpdateStatusReason
        self.lastUpdateStatusReasonCode = lastUpdateStatusReasonCode
    }
}

/// What GetFunction answers: configuration, where the code is, tags and reserved concurrency.
public struct FunctionDetails: Sendable, Hashable, Codable {
    /// The addressed version's configuration.
    public var configuration: FunctionConfiguration
    /// Where the provider keeps the code (a local folder for the simulator, a URL for AWS).
    public var codeLocation: String
    /// The function's tags.
    public var tags: [String: String]
    /// The function's reserved concurrency, if set.
    public var reservedConcurrentExecutions: Int?

    /// Creates the value.
    public init(configuration: FunctionConfiguration, codeLocation: String, tags: [String: String], reservedConcurrentExecutions: Int?) {
        self.configuration = configuration
        self.codeLocation = codeLocation
        self.tags = tags
        self.reservedConcurrentExecutions = reservedConcurrentExecutions
    }
}
