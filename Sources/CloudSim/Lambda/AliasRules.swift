import Cloud
import Foundation

/// Lambda's rules for alias names, target versions and weighted routing.
enum AliasRules {
    static let namePattern = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)"

    /// Checks an alias name: 1–128 of letters, digits, `-`, `_`, not all digits.
    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name.count <= 128, FunctionName.isNameToken(name),
              !name.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            throw LambdaValidation.constraint(name, "name", "Member must satisfy regular expression pattern: \(namePattern)")
        }
    }

    /// Checks a primary version is `$LATEST` or a number.
    static func checkVersion(_ version: String) throws {
        guard FunctionVersion(version) != nil else {
            throw LambdaValidation.constraint(version, "functionVersion", #"Member must satisfy regular expression pattern: (\$LATEST|[0-9]+)"#)
        }
    }

    /// Checks a description of up to 256 characters.
    static func checkDescription(_ description: String) throws {
        if description.count > 256 {
            throw LambdaValidation.constraint(description, "description", "Member must have length less than or equal to 256")
        }
    }

    /// Validates `routing` for an alias whose primary version is `primary`; answers the
    /// additional version and its weight (nil for none).
    static func resolveRouting(_ routing: AliasRouting?, primary: String, function: FunctionRecord,
                               _ context: CallContext) throws -> (version: Int, weight: Double)? {
        guard let weights = routing?.additionalVersionWeights, !weights.isEmpty else { return nil }
        let rendered = "{" + weights.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: ", ") + "}"
        if weights.count > 1 {
            throw CloudError(.invalidParameterValue, "Number of items in AdditionalVersionWeights cannot be greater than 1")
        }
        guard let (key, weight) = weights.first else { return nil }
        guard !key.isEmpty, key.count <= 1024, key.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let additional = Int(key), additional > 0 else {
            throw CloudError(.validation, "1 validation error detected: Value '\(rendered)' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be null]")
        }
        guard weight.isFinite, weight >= 0, weight <= 1 else {
            throw CloudError(.validation, "1 validation error detected: Value '\(rendered)' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]")
        }
        guard case .number(let primaryNumber)? = FunctionVersion(primary) else {
            throw CloudError(.invalidParameterValue, "$LATEST is not supported for an alias pointing to more than 1 version")
        }
        if additional == primaryNumber {
            throw CloudError(.invalidParameterValue,
                "Invalid function version \(additional). Function version \(additional) is already included in routing configuration.")
        }
        guard let additionalVersion = try function.version(additional, context.db) else {
            throw FunctionRecord.notFound(function.name, qualifier: key, context.scope)
        }
        guard let primaryVersion = try function.version(primaryNumber, context.db) else {
            throw FunctionRecord.notFound(function.name, qualifier: primary, context.scope)
        }
        if additionalVersion.configuration.role != primaryVersion.configuration.role {
            throw CloudError(.invalidParameterValue, "Specified versions must be associated with the same execution role")
        }
        return (additional, weight)
    }

    /// Checks the primary version exists (`$LATEST` always does).
    static func requireVersion(_ version: String, function: FunctionRecord, _ context: CallContext) throws {
        if case .number(let number)? = FunctionVersion(version), try function.version(number, context.db) == nil {
            throw FunctionRecord.notFound(function.name, qualifier: version, context.scope)
        }
    }
}
