import Cloud
import Foundation

/// Lambda's parameter rules, answered with Lambda's errors.
enum LambdaValidation {
    /// Runtimes the simulator accepts (Lambda's current managed runtimes).
    static let runtimes = [
        "nodejs18.x", "nodejs20.x", "nodejs22.x", "python3.9", "python3.10", "python3.11", "python3.12",
        "python3.13", "java11", "java17", "java21", "dotnet8", "ruby3.2", "ruby3.3", "ruby3.4",
        "provided.al2", "provided.al2023",
    ]

    /// Environment variable names Lambda reserves.
    static let reservedEnvironmentKeys: Set<String> = [
        "_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION", "AWS_REGION", "AWS_EXECUTION_ENV",
        "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION",
        "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
        "AWS_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR",
    ]

    static let rolePattern = #"arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+"#

    /// Checks a whole configuration (create, or `$LATEST` after an update).
    static func check(_ config: StoredFunctionConfig) throws {
        guard runtimes.contains(config.runtime) else {
            throw CloudError(.validation, "1 validation error detected: Value '\(config.runtime)' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [\(runtimes.joined(separator: ", "))] or be a valid ARN")
        }
        guard !config.handler.isEmpty, config.handler.count <= 128,
              !config.handler.unicodeScalars.contains(where: { $0.properties.isWhitespace }) else {
            throw constraint(config.handler, "handler", "Member must satisfy regular expression pattern: [^\\s]+")
        }
        try checkRole(config.role)
        try range(config.timeout, "timeout", 1...900)
        try range(config.memorySize, "memorySize", 128...10240)
        try range(config.ephemeralStorageSize, "ephemeralStorage.size", 512...10240)
        guard config.description.count <= 256 else {
            throw constraint(config.description, "description", "Member must have length less than or equal to 256")
        }
        guard config.architectures.count == 1 else {
            throw CloudError(.validation, "1 validation error detected: Value '[\(config.architectures.joined(separator: ", "))]' at 'architectures' failed to satisfy constraint: Member must have length \(config.architectures.isEmpty ? "greater than or equal to 1" : "less than or equal to 1")")
        }
        guard ["x86_64", "arm64"].contains(config.architectures[0]) else {
            throw CloudError(.validation, "1 validation error detected: Value '[\(config.architectures[0])]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]")
        }
        try checkEnvironment(config.environment)
    }

    /// Checks an execution role ARN's shape.
    static func checkRole(_ role: String) throws {
        guard let arn = ARN(role), arn.service == "iam", arn.region.isEmpty, CloudScope.isValidAccount(arn.account),
              arn.resource.hasPrefix("role/"), arn.resource.count > 5,
              arn.resource.dropFirst(5).unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "+=,.@-_/".unicodeScalars.contains($0)) })
        else {
            throw constraint(role, "role", "Member must satisfy regular expression pattern: \(rolePattern)")
        }
    }

    /// Checks environment variable names, reserved names and the 4 KB aggregate limit.
    static func checkEnvironment(_ environment: [String: String]) throws {
        for key in environment.keys.sorted() {
            let scalars = Array(key.unicodeScalars)
            let valid = scalars.count >= 2 && scalars[0].isASCII && scalars[0].properties.isAlphabetic
                && scalars.dropFirst().allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_") }
            guard valid else {
                throw CloudError(.validation, "1 validation error detected: Value at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: [Member must satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+] (key '\(key)')")
            }
        }
        let reserved = environment.keys.filter { reservedEnvironmentKeys.contains($0) }.sorted()
        if !reserved.isEmpty {
            throw CloudError(.invalidParameterValue, "Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: \(reserved.joined(separator: ","))")
        }
        let measured = environmentJSON(environment)
        if measured.utf8.count > 4096 {
            throw CloudError(.invalidParameterValue, "Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: \(measured)")
        }
    }

    /// The variables as Lambda measures them: a compact JSON object.
    static func environmentJSON(_ environment: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(environment)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Checks tags: at most 50, keys 1–128, values up to 256 characters.
    static func checkTags(_ tags: [String: String], existing: Int = 0) throws {
        if tags.count + existing > 50 {
            throw CloudError(.invalidParameterValue, "Number of tags exceeds resource tag limit.")
        }
        for (key, value) in tags where key.isEmpty || key.count > 128 || value.count > 256 || key.lowercased().hasPrefix("aws:") {
            throw CloudError(.validation, "1 validation error detected: Value at 'tags' failed to satisfy constraint: Tag key '\(key)' must be 1-128 characters not starting with 'aws:' and its value at most 256 characters")
        }
    }

    private static func range(_ value: Int, _ field: String, _ allowed: ClosedRange<Int>) throws {
        if value < allowed.lowerBound {
            throw constraint(String(value), field, "Member must have value greater than or equal to \(allowed.lowerBound)")
        }
        if value > allowed.upperBound {
            throw constraint(String(value), field, "Member must have value less than or equal to \(allowed.upperBound)")
        }
    }

    /// AWS's "1 validation error detected" message.
    static func constraint(_ value: String, _ field: String, _ rule: String) -> CloudError {
        CloudError(.validation, "1 validation error detected: Value '\(value)' at '\(field)' failed to satisfy constraint: \(rule)")
    }
}
