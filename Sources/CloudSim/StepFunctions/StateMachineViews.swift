import Cloud
import Foundation
import GRDB

extension StateMachineRecord {
    /// The unqualified ARN.
    func arn(_ scope: CloudScope) -> String { ARN.stateMachine(name, in: scope).description }

    /// The ARN qualified with a version number or alias name.
    func arn(_ scope: CloudScope, qualifier: String) -> String { ARN.stateMachine(name, qualifier: qualifier, in: scope).description }

    /// The state machine as DescribeStateMachine answers it.
    func view(_ scope: CloudScope) -> StateMachine {
        StateMachine(stateMachineArn: arn(scope), name: name, status: .active, definition: definition, roleArn: roleArn,
                     type: StateMachineType(rawValue: type) ?? .standard, creationDate: Date(timeIntervalSince1970: creationDate),
                     loggingConfiguration: loggingConfiguration, tracingEnabled: tracingEnabled, revisionId: revisionId,
                     description: nil)
    }

    /// Whether definition, role, logging and tracing are equal (what makes a new revision).
    func sameContent(as other: StateMachineRecord) -> Bool {
        definition == other.definition && roleArn == other.roleArn
            && loggingConfiguration == other.loggingConfiguration && tracingEnabled == other.tracingEnabled
    }

    /// Loads the state machine or answers `StateMachineDoesNotExist` naming `arn`.
    static func require(_ name: String, arn: String, _ context: CallContext) throws -> StateMachineRecord {
        guard let record = try find(context.db, account: context.scope.account, region: context.scope.region, name: name) else {
            throw CloudError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(arn)'", resource: arn)
        }
        return record
    }

    /// Published version `number`, or nil.
    func version(_ number: Int, _ db: Database) throws -> StateMachineVersionRecord? {
        try StateMachineVersionRecord.cachedOne(db, "SELECT * FROM stateMachineVersion WHERE stateMachineId = ? AND version = ?", [id, number])
    }

    /// Step Functions' version quota per state machine.
    static let maximumVersions = 1000

    /// Publishes the current revision, or answers the version already published for it.
    mutating func publish(description: String?, _ context: inout CallContext) throws -> StateMachineVersionRecord {
        guard let id else { throw SimError("State machine \(name) has no row id") }
        let versions = try StateMachineVersionRecord.filter(StateMachineVersionRecord.Columns.stateMachineId == id)
            .order(StateMachineVersionRecord.Columns.version.desc).fetchAll(context.db)
        if let existing = versions.first(where: { $0.revisionId == revisionId }) { return existing }
        if versions.count >= StateMachineRecord.maximumVersions {
            throw CloudError(.serviceQuotaExceeded, "Version quota of \(StateMachineRecord.maximumVersions) reached for '\(arn(context.scope))'. Delete unused versions first.")
        }
        lastVersion += 1
        let version = StateMachineVersionRecord(
            stateMachineId: id, version: lastVersion, definition: definition, roleArn: roleArn,
            loggingConfiguration: loggingConfiguration, tracingEnabled: tracingEnabled, revisionId: revisionId,
            description: description, creationDate: context.now)
        try version.insert(context.db)
        try update(context.db, columns: ["lastVersion"])
        return version
    }
}

extension StateMachineVersionRecord {
    /// The version as DescribeStateMachine answers it for a version ARN.
    func view(_ machine: StateMachineRecord, _ scope: CloudScope) -> StateMachine {
        StateMachine(stateMachineArn: machine.arn(scope, qualifier: String(version)), name: machine.name, status: .active,
                     definition: definition, roleArn: roleArn, type: StateMachineType(rawValue: machine.type) ?? .standard,
                     creationDate: Date(timeIntervalSince1970: creationDate), loggingConfiguration: loggingConfiguration,
                     tracingEnabled: tracingEnabled, revisionId: revisionId, description: description)
    }

    /// The version as listed.
    func listing(_ machine: StateMachineRecord, _ scope: CloudScope) -> StateMachineVersion {
        StateMachineVersion(stateMachineVersionArn: machine.arn(scope, qualifier: String(version)),
                            creationDate: Date(timeIntervalSince1970: creationDate))
    }
}

extension StateMachineAliasRecord {
    /// The alias as DescribeStateMachineAlias answers it.
    func view(_ machine: StateMachineRecord, _ scope: CloudScope) -> StateMachineAlias {
        StateMachineAlias(
            stateMachineAliasArn: machine.arn(scope, qualifier: name), name: name, description: description,
            routingConfiguration: routing.map { StateMachineRoute(stateMachineVersionArn: machine.arn(scope, qualifier: String($0.version)), weight: $0.weight) },
            creationDate: Date(timeIntervalSince1970: creationDate), updateDate: updateDate.map { Date(timeIntervalSince1970: $0) })
    }
}
