import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// CreatePolicy: version `v1`, the default.
    public func createPolicy(_ request: CreatePolicyRequest) async throws -> ManagedPolicy {
        try IAMRules.checkName(request.policyName, field: "policyName", maximum: 128)
        try IAMRules.checkPath(request.path)
        try IAMRules.checkDescription(request.description)
        try IAMRules.checkTags(request.tags, kind: "Policy")
        try ManagedPolicyRecord.checkSize(request.policyDocument)
        let scope = self.scope
        return try await call(SimOperation(.iam, "CreatePolicy"), in: scope) { context in
            let duplicate = try ManagedPolicyRecord.filter(ManagedPolicyRecord.Columns.account == scope.account && ManagedPolicyRecord.Columns.name == request.policyName).fetchOne(context.db)
            if duplicate != nil {
                throw CloudError(.entityAlreadyExists, "A policy called \(request.policyName) already exists. Duplicate names are not allowed.")
            }
            if try ManagedPolicyRecord.filter(ManagedPolicyRecord.Columns.account == scope.account).fetchCount(context.db) >= IAMRules.policiesQuota {
                throw CloudError(.limitExceeded, "Cannot exceed quota for CustomerManagedPolicies: \(IAMRules.policiesQuota)")
            }
            let arn = ARN.policy(request.policyName, path: request.path, in: scope).description
            var record = ManagedPolicyRecord(id: nil, account: scope.account, name: request.policyName, path: request.path,
                                             policyId: context.newIAMId(prefix: "ANPA"), arn: arn, defaultVersion: 1, lastVersion: 1,
                                             description: request.description, createDate: context.now, updateDate: context.now)
            try record.insert(context.db)
            guard let id = record.id else { throw SimError("Policy \(request.policyName) has no row id") }
            try PolicyVersionRecord(policyId: id, version: 1, document: request.policyDocument, createDate: context.now).insert(context.db)
            try TagRecord.put(request.tags, on: arn, context.db)
            return try record.view(context.db)
        }
    }

    /// GetPolicy.
    public func getPolicy(_ policyArn: String) async throws -> ManagedPolicy {
        _ = try IAMRules.policyArn(policyArn)
        return try await call(SimOperation(.iam, "GetPolicy"), in: scope) { context in
            try ManagedPolicyRecord.require(policyArn, context).view(context.db)
        }
    }

    /// ListPolicies: the account's customer managed policies, by name.
    public func listPolicies() async throws -> [ManagedPolicy] {
        let scope = self.scope
        return try await call(SimOperation(.iam, "ListPolicies"), in: scope) { context in
            try PolicyListing.all(context.db, account: scope.account)
        }
    }

    /// DeletePolicy; refused while attached or while non-default versions remain.
    public func deletePolicy(_ policyArn: String) async throws {
        _ = try IAMRules.policyArn(policyArn)
        try await call(SimOperation(.iam, "DeletePolicy"), in: scope) { context in
            let record = try ManagedPolicyRecord.require(policyArn, context)
            if try RoleAttachmentRecord.filter(RoleAttachmentRecord.Columns.policyArn == policyArn).fetchCount(context.db) > 0 {
                throw CloudError(.deleteConflict, "Cannot delete a policy attached to entities.", resource: policyArn)
            }
            if try PolicyVersionRecord.filter(PolicyVersionRecord.Columns.policyId == record.id).fetchCount(context.db) > 1 {
                throw CloudError(.deleteConflict, "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.", resource: policyArn)
            }
            try TagRecord.deleteAll(of: policyArn, context.db)
            _ = try record.delete(context.db)
        }
    }

    /// CreatePolicyVersion; at most 5 versions are kept.
    public func createPolicyVersion(_ policyArn: String, policyDocument: String, setAsDefault: Bool) async throws -> PolicyVersion {
        _ = try IAMRules.policyArn(policyArn)
        try ManagedPolicyRecord.checkSize(policyDocument)
        return try await call(SimOperation(.iam, "CreatePolicyVersion"), in: scope) { context in
            var record = try ManagedPolicyRecord.require(policyArn, context)
            guard let id = record.id else { throw SimError("Policy \(policyArn) has no row id") }
            if try PolicyVersionRecord.filter(PolicyVersionRecord.Columns.policyId == id).fetchCount(context.db) >= IAMRules.policyVersionsQuota {
                throw CloudError(.limitExceeded, "A managed policy can have up to \(IAMRules.policyVersionsQuota) versions. Before you create a new version, you must delete an existing version.", resource: policyArn)
            }
            record.lastVersion += 1
            if setAsDefault {
                record.defaultVersion = record.lastVersion
                record.updateDate = context.now
            }
            try record.update(context.db)
            let version = PolicyVersionRecord(policyId: id, version: record.lastVersion, document: policyDocument, createDate: context.now)
            try version.insert(context.db)
            return version.view(defaultVersion: record.defaultVersion)
        }
    }

    /// GetPolicyVersion.
    public func getPolicyVersion(_ policyArn: String, versionId: String) async throws -> PolicyVersion {
        _ = try IAMRules.policyArn(policyArn)
        let number = try IAMRules.versionNumber(versionId)
        return try await call(SimOperation(.iam, "GetPolicyVersion"), in: scope) { context in
            let record = try ManagedPolicyRecord.require(policyArn, context)
            return try record.requireVersion(number, context).view(defaultVersion: record.defaultVersion)
        }
    }

    /// ListPolicyVersions, newest first.
    public func listPolicyVersions(_ policyArn: String) async throws -> [PolicyVersion] {
        _ = try IAMRules.policyArn(policyArn)
        return try await call(SimOperation(.iam, "ListPolicyVersions"), in: scope) { context in
            let record = try ManagedPolicyRecord.require(policyArn, context)
            return try PolicyVersionRecord.filter(PolicyVersionRecord.Columns.policyId == record.id)
                .order(PolicyVersionRecord.Columns.version.desc).fetchAll(context.db)
                .map { $0.view(defaultVersion: record.defaultVersion) }
        }
    }

    /// DeletePolicyVersion; the default version cannot be deleted.
    public func deletePolicyVersion(_ policyArn: String, versionId: String) async throws {
        _ = try IAMRules.policyArn(policyArn)
        let number = try IAMRules.versionNumber(versionId)
        try await call(SimOperation(.iam, "DeletePolicyVersion"), in: scope) { context in
            let record = try ManagedPolicyRecord.require(policyArn, context)
            let version = try record.requireVersion(number, context)
            if number == record.defaultVersion {
                throw CloudError(.deleteConflict, "Cannot delete the default version of a policy.", resource: policyArn)
            }
            _ = try version.delete(context.db)
        }
    }

    /// SetDefaultPolicyVersion: makes a stored version the operative one.
    public func setDefaultPolicyVersion(_ policyArn: String, versionId: String) async throws {
        _ = try IAMRules.policyArn(policyArn)
        let number = try IAMRules.versionNumber(versionId)
        try await call(SimOperation(.iam, "SetDefaultPolicyVersion"), in: scope) { context in
            var record = try ManagedPolicyRecord.require(policyArn, context)
            _ = try record.requireVersion(number, context)
            record.defaultVersion = number
            record.updateDate = context.now
            try record.update(context.db)
        }
    }
}

extension ManagedPolicyRecord {
    /// Checks a managed policy document and its 6,144-character quota.
    static func checkSize(_ document: String) throws {
        if try IAMRules.checkDocument(document, kind: .identity) > IAMRules.managedPolicyQuota {
            throw CloudError(.limitExceeded, "Cannot exceed quota for PolicySize: \(IAMRules.managedPolicyQuota)")
        }
    }

    /// Loads the policy of the caller's account or answers `NoSuchEntity`.
    static func require(_ arn: String, _ context: CallContext) throws -> ManagedPolicyRecord {
        guard let record = try ManagedPolicyRecord.cachedOne(context.db, "SELECT * FROM managedPolicy WHERE arn = ?", [arn]),
              record.account == context.scope.account else {
            throw CloudError(.noSuchEntity, "Policy \(arn) was not found.", resource: arn)
        }
        return record
    }

    /// Loads version `number` or answers `NoSuchEntity`.
    func requireVersion(_ number: Int, _ context: CallContext) throws -> PolicyVersionRecord {
        guard let id, let version = try PolicyVersionRecord.fetchOne(context.db, key: ["policyId": id, "version": number]) else {
            throw CloudError(.noSuchEntity, "Policy \(arn) version v\(number) does not exist or is not attachable.", resource: arn)
        }
        return version
    }

    /// The policy as GetPolicy answers it.
    func view(_ db: Database) throws -> ManagedPolicy {
        let attachments = try RoleAttachmentRecord.filter(RoleAttachmentRecord.Columns.policyArn == arn).fetchCount(db)
        return view(attachmentCount: attachments, tags: try TagRecord.tags(of: arn, db))
    }

    /// The policy with its attachment count and tags, read beforehand.
    func view(attachmentCount: Int, tags: [String: String]) -> ManagedPolicy {
        ManagedPolicy(policyName: name, policyId: policyId, arn: arn, path: path, defaultVersionId: "v\(defaultVersion)",
                      attachmentCount: attachmentCount, description: description,
                      createDate: Date(timeIntervalSince1970: createDate), updateDate: Date(timeIntervalSince1970: updateDate),
                      tags: tags)
    }
}

extension PolicyVersionRecord {
    /// The version as GetPolicyVersion answers it.
    func view(defaultVersion: Int) -> PolicyVersion {
        PolicyVersion(versionId: "v\(version)", document: document, isDefaultVersion: version == defaultVersion,
                      createDate: Date(timeIntervalSince1970: createDate))
    }
}
