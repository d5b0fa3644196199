import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// PublishStateMachineVersion; idempotent for the current revision.
    ///
    /// `revisionId` is a precondition: the machine's current revision, or `INITIAL` for one
    /// never updated since creation.
    public func publishStateMachineVersion(_ arn: String, revisionId: String?, description: String?) async throws -> StateMachineVersion {
        let reference = try StateMachineReference(parsing: arn, in: scope)
        if reference.qualifier != nil {
            throw CloudError(.validation, "PublishStateMachineVersion takes the unqualified state machine ARN, not '\(arn)'.")
        }
        try StepFunctionsNames.checkDescription(description, field: "description")
        let scope = self.scope
        return try await call(SimOperation(.states, "PublishStateMachineVersion"), in: scope) { context in
            var record = try StateMachineRecord.require(reference.name, arn: arn, context)
            let current = record.revisionId ?? "INITIAL"
            if let revisionId, revisionId != current {
                throw CloudError(.conflict,
                    "Failed to publish the State Machine version for revision \(revisionId). The current State Machine revision is \(current).",
                    resource: arn)
            }
            return try record.publish(description: description, &context).listing(record, scope)
        }
    }

    /// ListStateMachineVersions, newest first.
    public func listStateMachineVersions(_ arn: String) async throws -> [StateMachineVersion] {
        let reference = try StateMachineReference(parsing: arn, in: scope)
        let scope = self.scope
        return try await call(SimOperation(.states, "ListStateMachineVersions"), in: scope) { context in
            let record = try StateMachineRecord.require(reference.name, arn: arn, context)
            return try StateMachineVersionRecord.filter(StateMachineVersionRecord.Columns.stateMachineId == record.id)
                .order(StateMachineVersionRecord.Columns.version.desc).fetchAll(context.db)
                .map { $0.listing(record, scope) }
        }
    }

    /// DeleteStateMachineVersion; refused while an alias routes to it; a missing version is no error.
    public func deleteStateMachineVersion(_ versionArn: String) async throws {
        let reference = try StateMachineReference(parsing: versionArn, in: scope)
        guard let number = reference.versionNumber else {
            throw CloudError(.validation, "DeleteStateMachineVersion takes a state machine version ARN (…:stateMachine:<name>:<n>), not '\(versionArn)'.")
        }
        let scope = self.scope
        try await call(SimOperation(.states, "DeleteStateMachineVersion"), in: scope) { context in
            guard let record = try StateMachineRecord.find(context.db, account: scope.account, region: scope.region, name: reference.name),
                  try record.version(number, context.db) != nil else { return }
            let referencing = try StateMachineAliasRecord.filter(StateMachineAliasRecord.Columns.stateMachineId == record.id)
                .order(StateMachineAliasRecord.Columns.name).fetchAll(context.db)
                .filter { $0.routing.contains { $0.version == number } }
                .map { record.arn(scope, qualifier: $0.name) }
            if !referencing.isEmpty {
                throw CloudError(.conflict,
                    "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [\(referencing.joined(separator: ", "))]",
                    resource: versionArn)
            }
            _ = try StateMachineVersionRecord
                .filter(StateMachineVersionRecord.Columns.stateMachineId == record.id && StateMachineVersionRecord.Columns.version == number)
                .deleteAll(context.db)
        }
    }

    /// ValidateStateMachineDefinition: `OK` or `FAIL` with diagnostics (errors first).
    public func validateStateMachineDefinition(_ definition: String, type: StateMachineType) async throws -> DefinitionValidationResult {
        if definition.count > DefinitionCheck.maximumLength {
            throw CloudError(.validation, "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to \(DefinitionCheck.maximumLength)")
        }
        return try await call(SimOperation(.states, "ValidateStateMachineDefinition"), in: scope) { _ in
            let found = DefinitionCheck.diagnostics(definition, type: type)
            let errors = found.filter { $0.severity == "ERROR" }
            let warnings = found.filter { $0.severity != "ERROR" }
            let ordered = errors + warnings
            return DefinitionValidationResult(result: errors.isEmpty ? .ok : .fail, diagnostics: Array(ordered.prefix(100)),
                                              truncated: ordered.count > 100)
        }
    }
}
