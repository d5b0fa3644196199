import Cloud
import DesiredState
import StatesLanguage

/// The comparable fields of a function, desired and live.
///
/// Versioned fields (code and configuration, carried by each published version) are compared
/// with the version the alias routes to; function-level fields (reserved concurrency, tags)
/// with the function. Lambda's defaults stand in for what a manifest cannot set
/// (architecture `x86_64`, 512 MB of `/tmp`), so they never show as a diff.
enum FunctionFields {
    /// Lambda's default architecture.
    static let defaultArchitectures: [String] = ["x86_64"]
    /// Lambda's default `/tmp` size in MB.
    static let defaultEphemeralStorage = 512

    /// The desired versioned fields.
    static func desiredVersioned(_ function: FunctionResource) -> [Field] {
        let spec = function.spec
        var fields = [
            Field("runtime", .string(spec.runtime), .version),
            Field("handler", .string(spec.handler), .version),
            Field("code", .string(function.code.treeID), .version),
            Field("memoryMB", .int(Int64(spec.memoryMB)), .version),
            Field("timeoutSeconds", .int(Int64(spec.timeoutSeconds)), .version),
            Field("role", .string(function.roleARN), .version),
            Field("description", .string(spec.description), .version),
            Field("architectures", .array(defaultArchitectures.map(JSONValue.string)), .version),
            Field("ephemeralStorageMB", .int(Int64(defaultEphemeralStorage)), .version),
        ]
        fields += Field.map("environment", spec.environment, .version)
        return fields
    }

    /// The versioned fields of a live configuration (`$LATEST` or a published version).
    static func liveVersioned(_ configuration: FunctionConfiguration) -> [Field] {
        var fields = [
            Field("runtime", .string(configuration.runtime), .version),
            Field("handler", .string(configuration.handler), .version),
            Field("code", configuration.codeId.map(JSONValue.string) ?? .string("sha256:\(configuration.codeSha256)"), .version),
            Field("memoryMB", .int(Int64(configuration.memorySize)), .version),
            Field("timeoutSeconds", .int(Int64(configuration.timeout)), .version),
            Field("role", .string(configuration.role), .version),
            Field("description", .string(configuration.description), .version),
            Field("architectures", .array(configuration.architectures.map(JSONValue.string)), .version),
            Field("ephemeralStorageMB", .int(Int64(configuration.ephemeralStorageSize)), .version),
        ]
        fields += Field.map("environment", configuration.environment, .version)
        return fields
    }

    /// Whether every versioned field of `configuration` equals the desired one: true exactly
    /// when comparing `desiredVersioned(function)` with `liveVersioned(configuration)` finds no
    /// diff (the same values, compared without building the fields).
    static func versionedEqual(_ function: FunctionResource, _ configuration: FunctionConfiguration) -> Bool {
        let spec = function.spec
        let code = configuration.codeId ?? "sha256:\(configuration.codeSha256)"
        return configuration.runtime == spec.runtime && configuration.handler == spec.handler
            && code == function.code.treeID
            && Int64(configuration.memorySize) == Int64(spec.memoryMB)
            && Int64(configuration.timeout) == Int64(spec.timeoutSeconds)
            && configuration.role == function.roleARN && configuration.description == spec.description
            && configuration.architectures == defaultArchitectures
            && Int64(configuration.ephemeralStorageSize) == Int64(defaultEphemeralStorage)
            && configuration.environment == spec.environment
    }

    /// The desired function-level fields; `shutdown` plans reserved concurrency 0.
    static func desiredResource(_ function: FunctionResource, shutdown: Bool) -> [Field] {
        var fields: [Field] = []
        if shutdown {
            fields.append(Field("reservedConcurrency", .int(0), .resource))
        } else if let reserved = function.spec.reservedConcurrency {
            fields.append(Field("reservedConcurrency", .int(Int64(reserved)), .resource))
        }
        fields += Field.map("tags", ResourceTags.desired(function.spec.tags), .resource)
        return fields
    }

    /// The live function-level fields (from the per-function read).
    static func liveResource(_ details: LiveFunction.Details) -> [Field] {
        var fields: [Field] = []
        if let reserved = details.reservedConcurrency {
            fields.append(Field("reservedConcurrency", .int(Int64(reserved)), .resource))
        }
        fields += Field.map("tags", ResourceTags.comparable(details.tags), .resource)
        return fields
    }
}

/// Tags as the diff compares them.
enum ResourceTags {
    /// A resource's desired tags: its own plus `plumb:managed = true`.
    static func desired(_ tags: [String: String]) -> [String: String] {
        var result = tags
        result[ManagedTag.key] = ManagedTag.value
        return result
    }

    /// Live tags without the ones AWS sets itself (`aws:` prefix), which no one can change.
    static func comparable(_ tags: [String: String]) -> [String: String] {
        tags.filter { !$0.key.hasPrefix("aws:") }
    }
}
