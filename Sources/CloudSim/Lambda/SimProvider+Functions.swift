import Cloud
import Foundation
import GRDB

extension SimProvider {
    static let lambdaCannotAssume = CloudError(.invalidParameterValue, "The role defined for the function cannot be assumed by Lambda.")

    /// CreateFunction: `$LATEST` from the code bundle, settling for the store's settle period.
    public func createFunction(_ request: CreateFunctionRequest) async throws -> FunctionConfiguration {
        let name = try FunctionName(parsing: request.functionName, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "CreateFunction takes a function name or unqualified ARN, not '\(request.functionName)'.")
        try LambdaValidation.checkTags(request.tags)
        try CodeStore.validate(request.code)
        let described = CodeStore.describe(request.code)
        let config = StoredFunctionConfig(
            runtime: request.runtime, role: request.role, handler: request.handler, description: request.description,
            timeout: request.timeout, memorySize: request.memorySize, environment: request.environment,
            architectures: request.architectures, ephemeralStorageSize: request.ephemeralStorageSize,
            codeId: request.code.id, codeSha256: described.sha256, codeSize: described.size)
        try LambdaValidation.check(config)
        let prepared = try cloud.code.prepare(request.code)
        let scope = self.scope
        return try await call(SimOperation(.lambda, "CreateFunction"), in: scope) { context in
            if try FunctionRecord.find(context.db, account: scope.account, region: scope.region, name: name.name) != nil {
                throw CloudError(.resourceConflict, "Function already exist: \(name.name)", resource: ARN.lambdaFunction(name.name, in: scope).description)
            }
            try TrustPolicy.requireAssumable(config.role, service: "lambda.amazonaws.com", context, error: SimProvider.lambdaCannotAssume)
            try CodeBundleRecord.register(prepared, context)
            var record = FunctionRecord(
                id: nil, account: scope.account, region: scope.region, name: name.name, configuration: config,
                codeId: config.codeId, revisionId: context.newRevisionId(), createdAt: context.now,
                lastModified: context.now, settleUntil: context.now + context.settings.settleSeconds,
                settlingFrom: nil, lastVersion: 0, reservedConcurrency: nil)
            try record.insert(context.db)
            try TagRecord.put(request.tags, on: record.arn(scope), context.db)
            if request.publish {
                let version = try record.publish(description: nil, &context)
                return version.view(record, scope)
            }
            return record.latestView(scope, now: context.now)
        }
    }

    /// GetFunction of `$LATEST`, a version or an alias (the alias's primary version).
    public func getFunction(_ function: String, qualifier: String?) async throws -> FunctionDetails {
        let name = try FunctionName(parsing: function, qualifier: qualifier, in: scope)
        let scope = self.scope
        let codeStore = cloud.code
        let operation = SimOperation(.lambda, "GetFunction")
        return try await call(operation, in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            let configuration = try record.resolveConfiguration(name.qualifier, context)
            return FunctionDetails(
                configuration: configuration, codeLocation: codeStore.directory(for: configuration.codeId ?? record.codeId),
                tags: try TagRecord.tags(of: record.arn(scope), context.db),
                reservedConcurrentExecutions: record.reservedConcurrency)
        }
    }

    /// ListFunctions: `$LATEST` of every function in the region, by name.
    public func listFunctions() async throws -> [FunctionConfiguration] {
        let scope = self.scope
        return try await call(SimOperation(.lambda, "ListFunctions"), in: scope) { context in
            try FunctionListing.latest(context.db, scope: scope, now: context.now)
        }
    }

    /// DeleteFunction: the function with all versions and aliases, or one unreferenced version.
    public func deleteFunction(_ function: String, qualifier: String?) async throws {
        let name = try FunctionName(parsing: function, qualifier: qualifier, in: scope)
        let scope = self.scope
        try await call(SimOperation(.lambda, "DeleteFunction"), in: scope) { context in
            let record = try FunctionRecord.require(name.name, context)
            guard let qualifier = name.qualifier else {
                try TagRecord.deleteAll(of: record.arn(scope), context.db)
                _ = try record.delete(context.db)
                return
            }
            switch FunctionVersion(qualifier) {
            case .latest?:
                throw CloudError(.invalidParameterValue, "$LATEST version cannot be deleted without deleting the function.")
            case .number(let number)?:
                try record.deleteVersion(number, context)
            case nil:
                throw CloudError(.invalidParameterValue,
                    "Deletion of aliases is not supported by DeleteFunction: '\(qualifier)' is an alias name. Call DeleteAlias.")
            }
        }
    }

    /// UpdateFunctionCode of `$LATEST`; refused while the last change settles.
    public func updateFunctionCode(_ function: String, code: CodeBundle, publish: Bool, revisionId: String?) async throws -> FunctionConfiguration {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "UpdateFunctionCode acts on $LATEST only; give the function's name or unqualified ARN.")
        try CodeStore.validate(code)
        let prepared = try cloud.code.prepare(code)
        let scope = self.scope
        return try await call(SimOperation(.lambda, "UpdateFunctionCode"), in: scope) { context in
            var record = try FunctionRecord.require(name.name, context)
            var config = record.configuration
            config.codeId = prepared.id
            config.codeSha256 = prepared.sha256
            config.codeSize = prepared.size
            try record.beginUpdate(to: config, expectedRevision: revisionId, &context)
            try CodeBundleRecord.register(prepared, context)
            try record.saveLatest(context.db)
            if publish {
                return try record.publish(description: nil, &context).view(record, scope)
            }
            return record.latestView(scope, now: context.now)
        }
    }

    /// UpdateFunctionConfiguration of `$LATEST`; refused while the last change settles.
    public func updateFunctionConfiguration(_ function: String, _ update: FunctionConfigurationUpdate) async throws -> FunctionConfiguration {
        let name = try FunctionName(parsing: function, qualifier: nil, in: scope)
        try name.requireUnqualified(message: "UpdateFunctionConfiguration acts on $LATEST only; give the function's name or unqualified ARN.")
        let scope = self.scope
        return try await call(SimOperation(.lambda, "UpdateFunctionConfiguration"), in: scope) { context in
            var record = try FunctionRecord.require(name.name, context)
            var config = record.configuration
            if let value = update.runtime { config.runtime = value }
            if let value = update.role { config.role = value }
            if let value = update.handler { config.handler = value }
            if let value = update.description { config.description = value }
            if let value = update.timeout { config.timeout = value }
            if let value = update.memorySize { config.memorySize = value }
            if let value = update.environment { config.environment = value }
            if let value = update.ephemeralStorageSize { config.ephemeralStorageSize = value }
            try LambdaValidation.check(config)
            if config.role != record.configuration.role {
                try TrustPolicy.requireAssumable(config.role, service: "lambda.amazonaws.com", context, error: SimProvider.lambdaCannotAssume)
            }
            try record.beginUpdate(to: config, expectedRevision: update.revisionId, &context)
            try record.saveLatest(context.db)
            return record.latestView(scope, now: context.now)
        }
    }
}

extension FunctionRecord {
    /// Applies a new `$LATEST` configuration: checks settling and the revision, starts settling.
    mutating func beginUpdate(to config: StoredFunctionConfig, expectedRevision: String?, _ context: inout CallContext) throws {
        if let conflict = settlingConflict(context.scope, now: context.now) { throw conflict }
        if let expectedRevision, expectedRevision != revisionId {
            throw CloudError(.preconditionFailed,
                "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
                resource: arn(context.scope))
        }
        let settle = context.settings.settleSeconds
        settlingFrom = settle > 0 ? configuration : nil
        configuration = config
        codeId = config.codeId
        revisionId = context.newRevisionId()
        lastModified = context.now
        settleUntil = context.now + settle
    }

    /// The configuration addressed by `qualifier`: `$LATEST` (nil too), a version, or an alias's primary version.
    func resolveConfiguration(_ qualifier: String?, _ context: CallContext) throws -> FunctionConfiguration {
        guard let qualifier else { return latestView(context.scope, now: context.now) }
        switch FunctionVersion(qualifier) {
        case .latest?:
            return latestView(context.scope, now: context.now, qualifiedArn: true)
        case .number(let number)?:
            guard let version = try version(number, context.db) else {
                throw FunctionRecord.notFound(name, qualifier: qualifier, context.scope)
            }
            return version.view(self, context.scope)
        case nil:
            guard let alias = try alias(qualifier, context.db) else {
                throw FunctionRecord.notFound(name, qualifier: qualifier, context.scope)
            }
            var view = try resolveConfiguration(alias.functionVersion, context)
            view.functionArn = arn(context.scope, qualifier: qualifier)
            return view
        }
    }
}
