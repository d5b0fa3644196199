import Foundation

/// `STANDARD` or `EXPRESS`; fixed at creation.
public enum StateMachineType: String, Sendable, Codable, Hashable, CaseIterable {
    /// Exactly-once, long-running workflows with history.
    case standard = "STANDARD"
    /// High-volume, short workflows (at most five minutes).
    case express = "EXPRESS"
}

/// `ACTIVE` or `DELETING`.
public enum StateMachineStatus: String, Sendable, Codable, Hashable {
    /// In use.
    case active = "ACTIVE"
    /// Being deleted.
    case deleting = "DELETING"
}

/// Where and how much a state machine logs.
public struct LoggingConfiguration: Sendable, Hashable, Codable {
    /// `ALL`, `ERROR`, `FATAL` or `OFF`.
    public var level: String
    /// Whether execution data is logged.
    public var includeExecutionData: Bool
    /// CloudWatch Logs log group ARNs (at most one).
    public var destinations: [String]

    /// Creates a configuration; the default is AWS's (`OFF`, no data, no destination).
    public init(level: String = "OFF", includeExecutionData: Bool = false, destinations: [String] = []) {
        self.level = level
        self.includeExecutionData = includeExecutionData
        self.destinations = destinations
    }
}

/// A state machine, or a version of one as DescribeStateMachine answers for a version ARN.
public struct StateMachine: Sendable, Hashable, Codable {
    /// The state machine's ARN (the version ARN when describing a version).
    public var stateMachineArn: String
    /// The name.
    public var name: String
    /// `ACTIVE` or `DELETING`.
    public var status: StateMachineStatus
    /// The Amazon States Language definition, exactly as given.
    public var definition: String
    /// The execution role's ARN.
    public var roleArn: String
    /// `STANDARD` or `EXPRESS`.
    public var type: StateMachineType
    /// When it was created (for a version: published).
    public var creationDate: Date
    /// Logging.
    public var loggingConfiguration: LoggingConfiguration
    /// Whether X-Ray tracing is on.
    public var tracingEnabled: Bool
    /// The revision; nil for a machine never updated since creation.
    public var revisionId: String?
    /// A version's description.
    public var description: String?

    /// Creates the value.
    public init(stateMachineArn: String, name: String, status: StateMachineStatus, definition: String, roleArn: String,
                type: StateMachineType, creationDate: Date, loggingConfiguration: LoggingConfiguration,
                tracingEnabled: Bool, revisionId: String?, description: String?) {
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.creationDate = creationDate
        self.loggingConfiguration = loggingConfiguration
        self.tracingEnabled = tracingEnabled
        self.revisionId = revisionId
        self.description = description
    }
}

/// The input of CreateStateMachine.
public struct CreateStateMachineRequest: Sendable, Hashable {
    /// The name (1–80 characters, no whitespace or special characters).
    public var name: String
    /// The Amazon States Language definition.
    public var definition: String
    /// The execution role's ARN.
    public var roleArn: String
    /// `STANDARD` (default) or `EXPRESS`.
    public var type: StateMachineType
    /// Logging.
    public var loggingConfiguration: LoggingConfiguration
    /// X-Ray tracing.
    public var tracingEnabled: Bool
    /// Publish version 1 at once.
    public var publish: Bool
    /// The description of the published version (only with `publish`).
    public var versionDescription: String?
    /// Tags.
    public var tags: [String: String]

    /// Creates the request.
    public init(name: String, definition: String, roleArn: String, type: StateMachineType = .standard,
                loggingConfiguration: LoggingConfiguration = LoggingConfiguration(), tracingEnabled: Bool = false,
                publish: Bool = false, versionDescription: String? = nil, tags: [String: String] = [:]) {
        self.name = name
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.loggingConfiguration = loggingConfiguration
        self.tracingEnabled = tracingEnabled
        self.publish = publish
        self.versionDescription = versionDescription
        self.tags = tags
    }
}

/// The answer of CreateStateMachine.
public struct CreateStateMachineResult: Sendable, Hashable, Codable {
    /// The new state machine's ARN.
    public var stateMachineArn: String
    /// When it was created.
    public var creationDate: Date
    /// The version ARN, when `publish` was set.
    public var stateMachineVersionArn: String?

    /// Creates the value.
    public init(stateMachineArn: String, creationDate: Date, stateMachineVersionArn: String?) {
        self.stateMachineArn = stateMachineArn
        self.creationDate = creationDate
        self.stateMachineVersionArn = stateMachineVersionArn
    }
}

/// The input of UpdateStateMachine: nil fields stay as they are.
public struct UpdateStateMachineRequest: Sendable, Hashable {
    /// The state machine's (unqualified) ARN.
    public var stateMachineArn: String
    /// New definition.
    public var definition: String?
    /// New execution role ARN.
    public var roleArn: String?
    /// New logging.
    public var loggingConfiguration: LoggingConfiguration?
    /// New tracing setting.
    public var tracingEnabled: Bool?
    /// Publish a version of the result.
    public var publish: Bool
    /// The published version's description (only with `publish`).
    public var versionDescription: String?

    /// Creates the request.
    public init(stateMachineArn: String, definition: String? = nil, roleArn: String? = nil,
                loggingConfiguration: LoggingConfiguration? = nil, tracingEnabled: Bool? = nil,
                publish: Bool = false, versionDescription: String? = nil) {
        self.stateMachineArn = stateMachineArn
        self.definition = definition
        self.roleArn = roleArn
        self.loggingConfiguration = loggingConfiguration
        self.tracingEnabled = tracingEnabled
        self.publish = publish
        self.versionDescription = versionDescription
    }
}

/// The answer of UpdateStateMachine.
public struct UpdateStateMachineResult: Sendable, Hashable, Codable {
    /// When it was updated.
    public var updateDate: Date
    /// The new revision id; nil when nothing changed.
    public var revisionId: String?
    /// The version ARN, when `publish` was set.
    public var stateMachineVersionArn: String?

    /// Creates the value.
    public init(updateDate: Date, revisionId: String?, stateMachineVersionArn: String?) {
        self.updateDate = updateDate
        self.revisionId = revisionId
        self.stateMachineVersionArn = stateMachineVersionArn
    }
}

/// A published state machine version (as listed or published).
public struct StateMachineVersion: Sendable, Hashable, Codable {
    /// The version ARN: `…:stateMachine:<name>:<n>`.
    public var stateMachineVersionArn: String
    /// When it was published.
    public var creationDate: Date

    /// Creates the value.
    public init(stateMachineVersionArn: String, creationDate: Date) {
        self.stateMachineVersionArn = stateMachineVersionArn
        self.creationDate = creationDate
    }

    /// The version number, read from the ARN.
    public var number: Int? {
        stateMachineVersionArn.split(separator: ":").last.flatMap { Int($0) }
    }
}

/// One entry of a state machine alias's routing.
public struct StateMachineRoute: Sendable, Hashable, Codable {
    /// A version ARN of the state machine.
    public var stateMachineVersionArn: String
    /// Percentage of executions (0–100); the entries sum to 100.
    public var weight: Int

    /// Creates the value.
    public init(stateMachineVersionArn: String, weight: Int) {
        self.stateMachineVersionArn = stateMachineVersionArn
        self.weight = weight
    }
}

/// A state machine alias.
public struct StateMachineAlias: Sendable, Hashable, Codable {
    /// The alias ARN: `…:stateMachine:<name>:<alias>`.
    public var stateMachineAliasArn: String
    /// The alias name.
    public var name: String
    /// The description.
    public var description: String
    /// One or two versions with weights summing to 100.
    public var routingConfiguration: [StateMachineRoute]
    /// When it was created.
    public var creationDate: Date
    /// When it was last updated.
    public var updateDate: Date?

    /// Creates the value.
    public init(stateMachineAliasArn: String, name: String, description: String,
                routingConfiguration: [StateMachineRoute], creationDate: Date, updateDate: Date?) {
        self.stateMachineAliasArn = stateMachineAliasArn
        self.name = name
        self.description = description
        self.routingConfiguration = routingConfiguration
        self.creationDate = creationDate
        self.updateDate = updateDate
    }
}
