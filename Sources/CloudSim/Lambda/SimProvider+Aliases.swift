import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// CreateAlias pointing at a version, optionally with one additional weighted version.
    public func createAlias(_ function: String, name alias: String, functionVersion: String, description: String,
                            routing: AliasRouting?) async throws -> FunctionAlias {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "CreateAlias takes a function name or unqualified ARN.")
        try AliasRules.checkName(alias)
        try AliasRules.checkVersion(functionVersion)
        try AliasRules.checkDescription(description)
        let scope = self.scope
        return try await call(SimOperation(.lambda, "CreateAlias"), in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            guard let id = record.id else { throw SimError("Function \(name.name) has no row id") }
            try AliasRules.requireVersion(functionVersion, function: record, context)
            let extra = try AliasRules.resolveRouting(routing, primary: functionVersion, function: record, context)
            if try record.alias(alias, context.db) != nil {
                throw CloudError(.resourceConflict, "Alias already exists: \(record.arn(scope, qualifier: alias))",
                                 resource: record.arn(scope, qualifier: alias))
            }
            let created = FunctionAliasRecord(
                functionId: id, name: alias, functionVersion: functionVersion, additionalVersion: extra?.version,
                additionalWeight: extra?.weight, description: description, revisionId: context.newRevisionId())
            try created.insert(context.db)
            return created.view(record, scope)
        }
    }

    /// UpdateAlias: new primary version, description or routing (nil fields stay).
    public func updateAlias(_ function: String, name alias: String, _ update: AliasUpdate) async throws -> FunctionAlias {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "UpdateAlias takes a function name or unqualified ARN.")
        try AliasRules.checkName(alias)
        if let version = update.functionVersion { try AliasRules.checkVersion(version) }
        if let description = update.description { try AliasRules.checkDescription(description) }
        let scope = self.scope
        return try await call(SimOperation(.lambda, "UpdateAlias"), in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            guard var existing = try record.alias(alias, context.db) else {
                throw CloudError(.resourceNotFound, "Alias not found: \(record.arn(scope, qualifier: alias))",
                                 resource: record.arn(scope, qualifier: alias))
            }
            if let expected = update.revisionId, expected != existing.revisionId {
                throw CloudError(.preconditionFailed,
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                    resource: record.arn(scope, qualifier: alias))
            }
            let primary = update.functionVersion ?? existing.functionVersion
            try AliasRules.requireVersion(primary, function: record, context)
            let routing = update.routingConfig ?? existing.view(record, scope).routingConfig
            let extra = try AliasRules.resolveRouting(routing, primary: primary, function: record, context)
            existing.functionVersion = primary
            existing.additionalVersion = extra?.version
            existing.additionalWeight = extra?.weight
            if let description = update.description { existing.description = description }
            existing.revisionId = context.newRevisionId()
            try existing.save(context.db)
            return existing.view(record, scope)
        }
    }

    /// GetAlias.
    public func getAlias(_ function: String, name alias: String) async throws -> FunctionAlias {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try AliasRules.checkName(alias)
        let scope = self.scope
        return try await call(SimOperation(.lambda, "GetAlias"), in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            guard let existing = try record.alias(alias, context.db) else {
                throw CloudError(.resourceNotFound, "Cannot find alias arn: \(record.arn(scope, qualifier: alias))",
                                 resource: record.arn(scope, qualifier: alias))
            }
            return existing.view(record, scope)
        }
    }

    /// DeleteAlias (the versions stay).
    public func deleteAlias(_ function: String, name alias: String) async throws {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try AliasRules.checkName(alias)
        let scope = self.scope
        try await call(SimOperation(.lambda, "DeleteAlias"), in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            guard let existing = try record.alias(alias, context.db) else {
                throw CloudError(.resourceNotFound, "Alias not found: \(record.arn(scope, qualifier: alias))",
                                 resource: record.arn(scope, qualifier: alias))
            }
            _ = try existing.delete(context.db)
        }
    }

    /// ListAliases, by name.
    public func listAliases(_ function: String) async throws -> [FunctionAlias] {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        let scope = self.scope
        return try await call(SimOperation(.lambda, "ListAliases"), in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            return try FunctionAliasRecord.cachedAll(context.db, "SELECT * FROM functionAlias WHERE functionId = ? ORDER BY name", [record.id])
                .map { $0.view(record, scope) }
        }
    }
}
