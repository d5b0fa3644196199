import Cloud

/// A state machine ARN taken apart: the machine's name and an optional version or alias.
struct StateMachineReference: Hashable, Sendable {
    /// The state machine's name.
    var name: String
    /// A version number or alias name, when the ARN is qualified.
    var qualifier: String?

    /// The version number, when the qualifier is one.
    var versionNumber: Int? {
        guard let qualifier, qualifier.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(qualifier)
    }

    /// Parses `arn:…:states:<region>:<account>:stateMachine:<name>[:<qualifier>]` for `scope`.
    ///
    /// A malformed ARN answers `InvalidArn`; one of another region or account answers
    /// `StateMachineDoesNotExist`, as no such machine is reachable here.
    init(parsing text: String, in scope: CloudScope) throws {
        guard let arn = ARN(text), arn.service == "states" else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Invalid ARN prefix: \(text)'")
        }
        let parts = arn.resourceColonParts
        guard parts.first == "stateMachine", (2...3).contains(parts.count), !parts[1].isEmpty else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(parts.first ?? "")'")
        }
        guard arn.region == scope.region, arn.account == scope.account else {
            throw CloudError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(text)'", resource: text)
        }
        name = parts[1]
        qualifier = parts.count == 3 ? parts[2] : nil
        if let qualifier, qualifier.isEmpty {
            throw CloudError(.invalidArn, "Invalid Arn: 'Invalid ARN prefix: \(text)'")
        }
    }
}

/// Step Functions' naming rules.
enum StepFunctionsNames {
    static let forbidden = Set(" \t\n\r<>{}[]?*\"#%\\^|~`$&,;:/".unicodeScalars)
    static let aliasPattern = #"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$"#

    /// Checks a state machine or execution name: 1–80 characters, none of the forbidden ones.
    static func checkName(_ name: String) throws {
        let valid = !name.isEmpty && name.count <= 80 && !name.unicodeScalars.contains { scalar in
            forbidden.contains(scalar) || scalar.properties.isWhitespace
                || scalar.value < 0x20 || (scalar.value >= 0x7f && scalar.value <= 0x9f)
        }
        if !valid { throw CloudError(.invalidName, "Invalid Name: '\(name)'") }
    }

    /// Checks an alias name: 1–80 of letters, digits, `_`, `-`, `.`, not all digits.
    static func checkAliasName(_ name: String) throws {
        let allowed = name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "_-.".unicodeScalars.contains($0)) }
        let hasNonDigit = name.unicodeScalars.contains { !($0.properties.numericType != nil) }
        guard !name.isEmpty, name.count <= 80, allowed, hasNonDigit else {
            throw CloudError(.validation, "1 validation error detected: Value '\(name)' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: \(aliasPattern)")
        }
    }

    /// Checks a version or alias description of up to 256 characters.
    static func checkDescription(_ description: String?, field: String) throws {
        if let description, description.count > 256 {
            throw CloudError(.validation, "1 validation error detected: Value at '\(field)' failed to satisfy constraint: Member must have length less than or equal to 256")
        }
    }

    /// Checks a role ARN's shape (an IAM role).
    static func checkRoleArn(_ roleArn: String) throws {
        guard let arn = ARN(roleArn) else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Invalid ARN prefix: \(roleArn)'")
        }
        guard arn.service == "iam", arn.iamResourceType == "role", arn.iamPathAndName != nil else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(arn.resource)'")
        }
    }

    /// Checks a logging configuration: a level, and exactly one destination unless `OFF`.
    static func checkLogging(_ logging: LoggingConfiguration) throws {
        guard ["ALL", "ERROR", "FATAL", "OFF"].contains(logging.level) else {
            throw CloudError(.validation, "1 validation error detected: Value '\(logging.level)' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]")
        }
        if logging.level != "OFF" && logging.destinations.count != 1 || logging.destinations.count > 1 {
            throw CloudError(.invalidLoggingConfiguration, "Invalid Logging Configuration: Must specify exactly one Log Destination.")
        }
    }

    /// Checks tags: at most 50, keys 1–128, values up to 256 characters.
    static func checkTags(_ tags: [String: String], existing: Int = 0) throws {
        if tags.count + existing > 50 {
            throw CloudError(.tooManyTags, "Too many tags: a resource can have at most 50 tags.")
        }
        for (key, value) in tags where key.isEmpty || key.count > 128 || value.count > 256 {
            throw CloudError(.validation, "1 validation error detected: Value at 'tags' failed to satisfy constraint: Tag key '\(key)' must be 1-128 characters and its value at most 256 characters")
        }
    }
}
