import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// PublishVersion: a new version of `$LATEST`, or the existing one when nothing changed since.
    public func publishVersion(_ function: String, codeSha256: String?, revisionId: String?, description: String?) async throws -> FunctionConfiguration {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "PublishVersion publishes $LATEST; give the function's name or unqualified ARN.")
        if let description, description.count > 256 {
            throw LambdaValidation.constraint(description, "description", "Member must have length less than or equal to 256")
        }
        let scope = self.scope
        return try await call(SimOperation(.lambda, "PublishVersion"), in: scope) { context in
            var record = try FunctionRecord.require(name.name, context)
            if let conflict = record.settlingConflict(scope, now: context.now) { throw conflict }
            if let codeSha256, codeSha256 != record.configuration.codeSha256 {
                throw CloudError(.invalidParameterValue,
                    "CodeSHA256 (\(codeSha256)) is different from current CodeSHA256 in $LATEST (\(record.configuration.codeSha256)). Please try again with the CodeSHA256 in $LATEST.")
            }
            if let revisionId, revisionId != record.revisionId {
                throw CloudError(.preconditionFailed,
                    "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                    resource: record.arn(scope))
            }
            return try record.publish(description: description, &context).view(record, scope)
        }
    }

    /// ListVersionsByFunction: `$LATEST` first, then the published versions in order.
    public func listVersions(_ function: String) async throws -> [FunctionConfiguration] {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "ListVersionsByFunction takes a function name or unqualified ARN.")
        let scope = self.scope
        return try await call(SimOperation(.lambda, "ListVersionsByFunction"), in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            let latest = record.latestView(scope, now: context.now, qualifiedArn: true)
            return [latest] + (try record.versions(context.db).map { $0.view(record, scope) })
        }
    }
}

extension FunctionRecord {
    /// Publishes `$LATEST` as the next version number, unless the newest version already has
    /// exactly `$LATEST`'s code and configuration: then that version is answered.
    mutating func publish(description: String?, _ context: inout CallContext) throws -> FunctionVersionRecord {
        guard let id else { throw SimError("Function \(name) has no row id") }
        let newest = try FunctionVersionRecord.cachedOne(context.db, "SELECT * FROM functionVersion WHERE functionId = ? ORDER BY version DESC LIMIT 1", [id])
        if let newest, newest.configuration == configuration { return newest }
        lastVersion += 1
        let version = FunctionVersionRecord(
            functionId: id, version: lastVersion, configuration: configuration, codeId: codeId,
            description: description ?? configuration.description, revisionId: context.newRevisionId(),
            lastModified: context.now)
        try version.insert(context.db)
        try context.db.executeCached("UPDATE function SET lastVersion = ? WHERE id = ?", [lastVersion, id])
        return version
    }

    /// Deletes version `number`; refused while an alias routes to it; a missing version is no error.
    func deleteVersion(_ number: Int, _ context: CallContext) throws {
        guard try version(number, context.db) != nil else { return }
        let referencing = try FunctionAliasRecord.filter(FunctionAliasRecord.Columns.functionId == id)
            .order(FunctionAliasRecord.Columns.name).fetchAll(context.db)
            .filter { $0.references(number) }.map(\.name)
        if !referencing.isEmpty {
            throw CloudError(.resourceConflict,
                "Unable to delete version because the following aliases reference it: [\(referencing.joined(separator: ", "))]",
                resource: arn(context.scope, qualifier: String(number)))
        }
        _ = try FunctionVersionRecord.filter(
            FunctionVersionRecord.Columns.functionId == id && FunctionVersionRecord.Columns.version == number
        ).deleteAll(context.db)
    }
}
