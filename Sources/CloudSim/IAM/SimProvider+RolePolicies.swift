import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// PutRolePolicy: creates or replaces an inline policy (10,240 characters per role in total).
    public func putRolePolicy(_ roleName: String, policyName: String, policyDocument: String) async throws {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        try IAMRules.checkName(policyName, field: "policyName", maximum: 128)
        try IAMRules.checkDocument(policyDocument, kind: .identity)
        try await call(SimOperation(.iam, "PutRolePolicy"), in: scope) { context in
            let role = try RoleRecord.require(roleName, context)
            guard let roleId = role.id else { throw SimError("Role \(roleName) has no row id") }
            let others = try RolePolicyRecord.filter(RolePolicyRecord.Columns.roleId == roleId && RolePolicyRecord.Columns.name != policyName)
                .fetchAll(context.db)
            let total = try others.reduce(0) { $0 + (try IAMRules.checkDocument($1.document, kind: .identity)) }
                + (try IAMRules.checkDocument(policyDocument, kind: .identity))
            if total > IAMRules.inlinePolicyQuota {
                throw CloudError(.limitExceeded, "Maximum policy size of \(IAMRules.inlinePolicyQuota) bytes exceeded for role \(role.name)")
            }
            try RolePolicyRecord(roleId: roleId, name: policyName, document: policyDocument).upsert(context.db)
        }
    }

    /// GetRolePolicy: the inline policy's document.
    public func getRolePolicy(_ roleName: String, policyName: String) async throws -> String {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        try IAMRules.checkName(policyName, field: "policyName", maximum: 128)
        return try await call(SimOperation(.iam, "GetRolePolicy"), in: scope) { context in
            try RolePolicyRecord.require(roleName, policyName, context).document
        }
    }

    /// DeleteRolePolicy.
    public func deleteRolePolicy(_ roleName: String, policyName: String) async throws {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        try IAMRules.checkName(policyName, field: "policyName", maximum: 128)
        try await call(SimOperation(.iam, "DeleteRolePolicy"), in: scope) { context in
            _ = try RolePolicyRecord.require(roleName, policyName, context).delete(context.db)
        }
    }

    /// ListRolePolicies: inline policy names, sorted.
    public func listRolePolicies(_ roleName: String) async throws -> [String] {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        return try await call(SimOperation(.iam, "ListRolePolicies"), in: scope) { context in
            let role = try RoleRecord.require(roleName, context)
            return try RolePolicyRecord.filter(RolePolicyRecord.Columns.roleId == role.id)
                .order(RolePolicyRecord.Columns.name).fetchAll(context.db).map(\.name)
        }
    }

    /// AttachRolePolicy (at most 10 per role).
    public func attachRolePolicy(_ roleName: String, policyArn: String) async throws {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        _ = try IAMRules.policyArn(policyArn)
        try await call(SimOperation(.iam, "AttachRolePolicy"), in: scope) { context in
            let role = try RoleRecord.require(roleName, context)
            guard let roleId = role.id else { throw SimError("Role \(roleName) has no row id") }
            guard try ManagedPolicyRecord.filter(ManagedPolicyRecord.Columns.arn == policyArn).fetchOne(context.db) != nil else {
                throw CloudError(.noSuchEntity, "Policy \(policyArn) does not exist or is not attachable.", resource: policyArn)
            }
            if try RoleAttachmentRecord.fetchOne(context.db, key: ["roleId": roleId, "policyArn": policyArn]) != nil { return }
            let attached = try RoleAttachmentRecord.filter(RoleAttachmentRecord.Columns.roleId == roleId).fetchCount(context.db)
            if attached >= IAMRules.attachedPoliciesQuota {
                throw CloudError(.limitExceeded, "Cannot exceed quota for PoliciesPerRole: \(IAMRules.attachedPoliciesQuota)")
            }
            try RoleAttachmentRecord(roleId: roleId, policyArn: policyArn).insert(context.db)
        }
    }

    /// DetachRolePolicy.
    public func detachRolePolicy(_ roleName: String, policyArn: String) async throws {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        _ = try IAMRules.policyArn(policyArn)
        try await call(SimOperation(.iam, "DetachRolePolicy"), in: scope) { context in
            let role = try RoleRecord.require(roleName, context)
            guard let roleId = role.id,
                  let attachment = try RoleAttachmentRecord.fetchOne(context.db, key: ["roleId": roleId, "policyArn": policyArn]) else {
                throw CloudError(.noSuchEntity, "Policy \(policyArn) was not found.", resource: policyArn)
            }
            _ = try attachment.delete(context.db)
        }
    }

    /// ListAttachedRolePolicies, by name.
    public func listAttachedRolePolicies(_ roleName: String) async throws -> [AttachedPolicy] {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        return try await call(SimOperation(.iam, "ListAttachedRolePolicies"), in: scope) { context in
            let role = try RoleRecord.require(roleName, context)
            return try RoleAttachmentRecord.filter(RoleAttachmentRecord.Columns.roleId == role.id).fetchAll(context.db)
                .map { AttachedPolicy(policyName: ARN($0.policyArn)?.iamPathAndName?.name ?? $0.policyArn, policyArn: $0.policyArn) }
                .sorted { $0.policyName < $1.policyName }
        }
    }
}

extension RolePolicyRecord {
    /// Loads an inline policy or answers `NoSuchEntity`.
    static func require(_ roleName: String, _ policyName: String, _ context: CallContext) throws -> RolePolicyRecord {
        let role = try RoleRecord.require(roleName, context)
        guard let roleId = role.id, let record = try RolePolicyRecord.fetchOne(context.db, key: ["roleId": roleId, "name": policyName]) else {
            throw CloudError(.noSuchEntity, "The role policy with name \(policyName) cannot be found.", resource: policyName)
        }
        return record
    }
}
