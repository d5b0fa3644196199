import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// Step Functions' alias quota per state machine.
    static let maximumStateMachineAliases = 100

    /// CreateStateMachineAlias routing to one or two versions; idempotent for an identical request.
    public func createStateMachineAlias(name: String, description: String, routing: [StateMachineRoute]) async throws -> StateMachineAlias {
        try StepFunctionsNames.checkAliasName(name)
        try StepFunctionsNames.checkDescription(description, field: "description")
        let (machineName, routes) = try StateMachineRouting.parse(routing, in: scope)
        let scope = self.scope
        return try await call(SimOperation(.states, "CreateStateMachineAlias"), in: scope) { context in
            let machineArn = ARN.stateMachine(machineName, in: scope).description
            let record = try StateMachineRecord.require(machineName, arn: machineArn, context)
            guard let id = record.id else { throw SimError("State machine \(machineName) has no row id") }
            try StateMachineRouting.requireVersions(routes, of: record, context)
            if let existing = try StateMachineAliasRecord.fetchOne(context.db, key: ["stateMachineId": id, "name": name]) {
                guard existing.description == description, existing.routing == routes else {
                    throw CloudError(.conflict, "Failed to create alias because an alias with the same name and a different routing configuration already exists.",
                                     resource: record.arn(scope, qualifier: name))
                }
                return existing.view(record, scope)
            }
            let count = try StateMachineAliasRecord.filter(StateMachineAliasRecord.Columns.stateMachineId == id).fetchCount(context.db)
            if count >= SimProvider.maximumStateMachineAliases {
                throw CloudError(.serviceQuotaExceeded, "Alias quota of \(SimProvider.maximumStateMachineAliases) reached for '\(machineArn)'. Delete unused aliases first.")
            }
            let alias = StateMachineAliasRecord(stateMachineId: id, name: name, description: description, routing: routes,
                                                creationDate: context.now, updateDate: nil)
            try alias.insert(context.db)
            return alias.view(record, scope)
        }
    }

    /// UpdateStateMachineAlias; at least one of description and routing.
    public func updateStateMachineAlias(_ aliasArn: String, description: String?, routing: [StateMachineRoute]?) async throws -> StateMachineAlias {
        let reference = try StateMachineReference(parsing: aliasArn, in: scope)
        guard let aliasName = reference.qualifier, reference.versionNumber == nil else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(aliasArn)' (an alias ARN is …:stateMachine:<name>:<alias>)")
        }
        if description == nil && routing == nil {
            throw CloudError(.validation, "Either the description or the RoutingConfiguration must be specified")
        }
        try StepFunctionsNames.checkDescription(description, field: "description")
        let parsed = try routing.map { try StateMachineRouting.parse($0, in: self.scope) }
        let scope = self.scope
        return try await call(SimOperation(.states, "UpdateStateMachineAlias"), in: scope) { context in
            let (record, existing) = try StateMachineRouting.requireAlias(reference.name, aliasName, arn: aliasArn, context)
            var alias = existing
            if let (machineName, routes) = parsed {
                guard machineName == record.name else {
                    throw CloudError(.validation, "Routing configuration must contain versions of state machine '\(record.arn(scope))'. Received: [\(routing?.map(\.stateMachineVersionArn).joined(separator: ", ") ?? "")]")
                }
                try StateMachineRouting.requireVersions(routes, of: record, context)
                alias.routing = routes
            }
            if let description { alias.description = description }
            alias.updateDate = context.now
            try alias.update(context.db)
            return alias.view(record, scope)
        }
    }

    /// DescribeStateMachineAlias.
    public func describeStateMachineAlias(_ aliasArn: String) async throws -> StateMachineAlias {
        let reference = try StateMachineReference(parsing: aliasArn, in: scope)
        guard let aliasName = reference.qualifier, reference.versionNumber == nil else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(aliasArn)'")
        }
        let scope = self.scope
        return try await call(SimOperation(.states, "DescribeStateMachineAlias"), in: scope) { context in
            let (record, alias) = try StateMachineRouting.requireAlias(reference.name, aliasName, arn: aliasArn, context)
            return alias.view(record, scope)
        }
    }

    /// DeleteStateMachineAlias; the versions stay.
    public func deleteStateMachineAlias(_ aliasArn: String) async throws {
        let reference = try StateMachineReference(parsing: aliasArn, in: scope)
        guard let aliasName = reference.qualifier, reference.versionNumber == nil else {
            throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(aliasArn)'")
        }
        try await call(SimOperation(.states, "DeleteStateMachineAlias"), in: scope) { context in
            let (_, alias) = try StateMachineRouting.requireAlias(reference.name, aliasName, arn: aliasArn, context)
            _ = try alias.delete(context.db)
        }
    }

    /// ListStateMachineAliases, by name.
    public func listStateMachineAliases(_ stateMachineArn: String) async throws -> [StateMachineAlias] {
        let reference = try StateMachineReference(parsing: stateMachineArn, in: scope)
        let scope = self.scope
        return try await call(SimOperation(.states, "ListStateMachineAliases"), in: scope) { context in
            let record = try StateMachineRecord.require(reference.name, arn: stateMachineArn, context)
            return try StateMachineAliasRecord.filter(StateMachineAliasRecord.Columns.stateMachineId == record.id)
                .order(StateMachineAliasRecord.Columns.name).fetchAll(context.db).map { $0.view(record, scope) }
        }
    }
}
