import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// Step Functions' default quota of state machines per account and region.
    static let maximumStateMachines = 10_000

    static let statesCannotAssume = CloudError(.accessDenied,
        "Neither the global service principal states.amazonaws.com, nor the regional one is authorized to assume the provided role.")

    /// CreateStateMachine; idempotent for an identical request, `StateMachineAlreadyExists` otherwise.
    public func createStateMachine(_ request: CreateStateMachineRequest) async throws -> CreateStateMachineResult {
        try StepFunctionsNames.checkName(request.name)
        try StepFunctionsNames.checkRoleArn(request.roleArn)
        try StepFunctionsNames.checkLogging(request.loggingConfiguration)
        try StepFunctionsNames.checkTags(request.tags)
        try StepFunctionsNames.checkDescription(request.versionDescription, field: "versionDescription")
        if request.versionDescription != nil && !request.publish {
            throw CloudError(.validation, "Version description can only be set when publish is true")
        }
        try DefinitionCheck.require(request.definition, type: request.type)
        let scope = self.scope
        return try await call(SimOperation(.states, "CreateStateMachine"), in: scope) { context in
            if var existing = try StateMachineRecord.find(context.db, account: scope.account, region: scope.region, name: request.name) {
                let same = existing.definition == request.definition && existing.type == request.type.rawValue
                    && existing.loggingConfiguration == request.loggingConfiguration
                    && existing.tracingEnabled == request.tracingEnabled
                guard same else {
                    throw CloudError(.stateMachineAlreadyExists, "State Machine Already Exists: '\(existing.arn(scope))'", resource: existing.arn(scope))
                }
                let version = request.publish ? try existing.publish(description: request.versionDescription, &context) : nil
                return CreateStateMachineResult(stateMachineArn: existing.arn(scope), creationDate: Date(timeIntervalSince1970: existing.creationDate),
                                                stateMachineVersionArn: version.map { existing.arn(scope, qualifier: String($0.version)) })
            }
            try TrustPolicy.requireAssumable(request.roleArn, service: "states.amazonaws.com", context, error: SimProvider.statesCannotAssume)
            let count = try StateMachineRecord.filter(StateMachineRecord.Columns.account == scope.account && StateMachineRecord.Columns.region == scope.region).fetchCount(context.db)
            if count >= SimProvider.maximumStateMachines {
                throw CloudError(.stateMachineLimitExceeded, "State Machine Limit Exceeded: '\(SimProvider.maximumStateMachines)'")
            }
            var record = StateMachineRecord(
                id: nil, account: scope.account, region: scope.region, name: request.name, type: request.type.rawValue,
                definition: request.definition, roleArn: request.roleArn, loggingConfiguration: request.loggingConfiguration,
                tracingEnabled: request.tracingEnabled, revisionId: nil, creationDate: context.now, updateDate: context.now, lastVersion: 0)
            try record.insert(context.db)
            try TagRecord.put(request.tags, on: record.arn(scope), context.db)
            let version = request.publish ? try record.publish(description: request.versionDescription, &context) : nil
            return CreateStateMachineResult(stateMachineArn: record.arn(scope), creationDate: context.date,
                                            stateMachineVersionArn: version.map { record.arn(scope, qualifier: String($0.version)) })
        }
    }

    /// DescribeStateMachine of the machine or of one of its versions.
    public func describeStateMachine(_ arn: String) async throws -> StateMachine {
        let reference = try StateMachineReference(parsing: arn, in: scope)
        let scope = self.scope
        return try await call(SimOperation(.states, "DescribeStateMachine"), in: scope) { context in
            let record = try StateMachineRecord.require(reference.name, arn: arn, context)
            guard reference.qualifier != nil else { return record.view(scope) }
            guard let number = reference.versionNumber, let version = try record.version(number, context.db) else {
                throw CloudError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(arn)'", resource: arn)
            }
            return version.view(record, scope)
        }
    }

    /// ListStateMachines, by name.
    public func listStateMachines() async throws -> [StateMachine] {
        let scope = self.scope
        return try await call(SimOperation(.states, "ListStateMachines"), in: scope) { context in
            try StateMachineListing.all(context.db, scope: scope)
        }
    }

    /// UpdateStateMachine: a new revision when anything changed; optionally publishes.
    public func updateStateMachine(_ request: UpdateStateMachineRequest) async throws -> UpdateStateMachineResult {
        let reference = try StateMachineReference(parsing: request.stateMachineArn, in: scope)
        if reference.qualifier != nil {
            throw CloudError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(request.stateMachineArn)'", resource: request.stateMachineArn)
        }
        if request.definition == nil && request.roleArn == nil && request.loggingConfiguration == nil && request.tracingEnabled == nil {
            throw CloudError(.missingRequiredParameter, "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified")
        }
        if request.versionDescription != nil && !request.publish {
            throw CloudError(.validation, "Version description can only be set when publish is true")
        }
        try StepFunctionsNames.checkDescription(request.versionDescription, field: "versionDescription")
        if let roleArn = request.roleArn { try StepFunctionsNames.checkRoleArn(roleArn) }
        if let logging = request.loggingConfiguration { try StepFunctionsNames.checkLogging(logging) }
        let scope = self.scope
        return try await call(SimOperation(.states, "UpdateStateMachine"), in: scope) { context in
            var record = try StateMachineRecord.require(reference.name, arn: request.stateMachineArn, context)
            if let definition = request.definition {
                try DefinitionCheck.require(definition, type: StateMachineType(rawValue: record.type) ?? .standard)
            }
            if let roleArn = request.roleArn, roleArn != record.roleArn {
                try TrustPolicy.requireAssumable(roleArn, service: "states.amazonaws.com", context, error: SimProvider.statesCannotAssume)
            }
            var changed = record
            changed.definition = request.definition ?? record.definition
            changed.roleArn = request.roleArn ?? record.roleArn
            changed.loggingConfiguration = request.loggingConfiguration ?? record.loggingConfiguration
            changed.tracingEnabled = request.tracingEnabled ?? record.tracingEnabled
            var newRevision: String?
            if !changed.sameContent(as: record) {
                changed.revisionId = context.newRevisionId()
                changed.updateDate = context.now
                newRevision = changed.revisionId
                try changed.update(context.db)
                record = changed
            }
            let version = request.publish ? try record.publish(description: request.versionDescription, &context) : nil
            return UpdateStateMachineResult(updateDate: Date(timeIntervalSince1970: record.updateDate), revisionId: newRevision,
                                            stateMachineVersionArn: version.map { record.arn(scope, qualifier: String($0.version)) })
        }
    }

    /// DeleteStateMachine with its versions, aliases and tags; deleting a missing machine succeeds.
    public func deleteStateMachine(_ arn: String) async throws {
        let reference = try StateMachineReference(parsing: arn, in: scope)
        if reference.qualifier != nil {
            throw CloudError(.validation, "DeleteStateMachine takes the unqualified state machine ARN; delete versions with DeleteStateMachineVersion and aliases with DeleteStateMachineAlias.")
        }
        let scope = self.scope
        try await call(SimOperation(.states, "DeleteStateMachine"), in: scope) { context in
            guard let record = try StateMachineRecord.find(context.db, account: scope.account, region: scope.region, name: reference.name) else { return }
            try TagRecord.deleteAll(of: record.arn(scope), context.db)
            _ = try record.delete(context.db)
        }
    }
}
