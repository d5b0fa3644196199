import Cloud
import Foundation
import GRDB

extension FunctionRecord {
    /// Whether a create or update is still settling at `now`.
    func isSettling(at now: Double) -> Bool { now < settleUntil }

    /// Whether the function is still being created (`Pending`) at `now`.
    func isCreating(at now: Double) -> Bool { isSettling(at: now) && settlingFrom == nil }

    /// The unqualified function ARN.
    func arn(_ scope: CloudScope) -> String { ARN.lambdaFunction(name, in: scope).description }

    /// The ARN qualified with a version or alias.
    func arn(_ scope: CloudScope, qualifier: String) -> String {
        ARN.lambdaFunction(name, qualifier: qualifier, in: scope).description
    }

    /// `$LATEST`'s configuration as seen at `now` (state and update status derived from settling).
    func latestView(_ scope: CloudScope, now: Double, qualifiedArn: Bool = false) -> FunctionConfiguration {
        var view = FunctionConfiguration.make(
            name: name, arn: qualifiedArn ? arn(scope, qualifier: "$LATEST") : arn(scope), config: configuration,
            lastModified: lastModified, version: .latest, revisionId: revisionId)
        if isCreating(at: now) {
            view.state = .pending
            view.stateReason = "The function is being created."
            view.stateReasonCode = "Creating"
            view.lastUpdateStatus = nil
        } else if isSettling(at: now) {
            view.lastUpdateStatus = .inProgress
            view.lastUpdateStatusReason = "The function is being created."
            view.lastUpdateStatusReasonCode = "Creating"
        }
        return view
    }

    /// The error for an update or publish attempted while the last change still settles.
    func settlingConflict(_ scope: CloudScope, now: Double) -> CloudError? {
        if isCreating(at: now) {
            return CloudError(.resourceConflict,
                "The operation cannot be performed at this time. The function is currently in the following state: Pending",
                resource: arn(scope), retryable: true)
        }
        if isSettling(at: now) {
            return CloudError(.resourceConflict,
                "The operation cannot be performed at this time. An update is in progress for resource: \(arn(scope))",
                resource: arn(scope), retryable: true)
        }
        return nil
    }

    /// The error for a function that does not exist, as Lambda words it.
    static func notFound(_ name: String, qualifier: String? = nil, _ scope: CloudScope) -> CloudError {
        let arn = ARN.lambdaFunction(name, qualifier: qualifier, in: scope).description
        return CloudError(.resourceNotFound, "Function not found: \(arn)", resource: arn)
    }

    /// Loads the function or answers Lambda's not-found error.
    static func require(_ name: String, _ context: CallContext) throws -> FunctionRecord {
        guard let record = try find(context.db, account: context.scope.account, region: context.scope.region, name: name) else {
            throw notFound(name, context.scope)
        }
        return record
    }

    /// The published version `number`, or nil.
    func version(_ number: Int, _ db: Database) throws -> FunctionVersionRecord? {
        guard let id else { return nil }
        return try FunctionVersionRecord.cachedOne(db, "SELECT * FROM functionVersion WHERE functionId = ? AND version = ?", [id, number])
    }

    /// Every published version, oldest first.
    func versions(_ db: Database) throws -> [FunctionVersionRecord] {
        try FunctionVersionRecord.cachedAll(db, "SELECT * FROM functionVersion WHERE functionId = ? ORDER BY version", [id])
    }

    /// The alias named `alias`, or nil.
    func alias(_ alias: String, _ db: Database) throws -> FunctionAliasRecord? {
        try FunctionAliasRecord.cachedOne(db, "SELECT * FROM functionAlias WHERE functionId = ? AND name = ?", [id, alias])
    }
}

extension FunctionVersionRecord {
    /// The version's configuration (always `Active`, `Successful`).
    func view(_ function: FunctionRecord, _ scope: CloudScope, arn: String? = nil) -> FunctionConfiguration {
        var view = FunctionConfiguration.make(
            name: function.name, arn: arn ?? function.arn(scope, qualifier: String(version)), config: configuration,
            lastModified: lastModified, version: .number(version), revisionId: revisionId)
        view.description = description
        return view
    }
}

extension FunctionAliasRecord {
    /// The alias as Lambda answers it.
    func view(_ function: FunctionRecord, _ scope: CloudScope) -> FunctionAlias {
        var routing: AliasRouting?
        if let additionalVersion, let additionalWeight {
            routing = AliasRouting(version: additionalVersion, weight: additionalWeight)
        }
        return FunctionAlias(aliasArn: function.arn(scope, qualifier: name), name: name, functionVersion: functionVersion,
                             description: description, routingConfig: routing, revisionId: revisionId)
    }

    /// Whether the alias routes any traffic to `version`.
    func references(_ version: Int) -> Bool {
        functionVersion == String(version) || additionalVersion == version
    }
}

extension FunctionConfiguration {
    /// An `Active`, `Successful` configuration from stored values.
    static func make(name: String, arn: String, config: StoredFunctionConfig, lastModified: Double,
                     version: FunctionVersion, revisionId: String) -> FunctionConfiguration {
        FunctionConfiguration(
            functionName: name, functionArn: arn, runtime: config.runtime, role: config.role, handler: config.handler,
            codeSize: config.codeSize, codeSha256: config.codeSha256, codeId: config.codeId,
            description: config.description, timeout: config.timeout, memorySize: config.memorySize,
            lastModified: Date(timeIntervalSince1970: lastModified), version: version, environment: config.environment,
            architectures: config.architectures, ephemeralStorageSize: config.ephemeralStorageSize,
            revisionId: revisionId, state: .active, lastUpdateStatus: .successful)
    }
}
