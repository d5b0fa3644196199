import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// CreateRole with a trust policy.
    public func createRole(_ request: CreateRoleRequest) async throws -> Role {
        try IAMRules.checkName(request.roleName, field: "roleName", maximum: 64)
        try IAMRules.checkPath(request.path)
        try IAMRules.checkDescription(request.description)
        try IAMRules.checkTags(request.tags, kind: "Role")
        guard (3600...43200).contains(request.maxSessionDuration) else {
            throw IAMRules.constraint(String(request.maxSessionDuration), "maxSessionDuration", "Member must have value \(request.maxSessionDuration < 3600 ? "greater than or equal to 3600" : "less than or equal to 43200")")
        }
        let size = try IAMRules.checkDocument(request.assumeRolePolicyDocument, kind: .trust)
        if size > IAMRules.trustPolicyQuota {
            throw CloudError(.limitExceeded, "Cannot exceed quota for ACLSizePerRole: \(IAMRules.trustPolicyQuota)")
        }
        let scope = self.scope
        return try await call(SimOperation(.iam, "CreateRole"), in: scope) { context in
            if try RoleRecord.find(context.db, account: scope.account, name: request.roleName) != nil {
                throw CloudError(.entityAlreadyExists, "Role with name \(request.roleName) already exists.")
            }
            let count = try RoleRecord.filter(RoleRecord.Columns.account == scope.account).fetchCount(context.db)
            if count >= IAMRules.rolesQuota {
                throw CloudError(.limitExceeded, "Cannot exceed quota for RolesPerAccount: \(IAMRules.rolesQuota)")
            }
            var record = RoleRecord(id: nil, account: scope.account, name: request.roleName, path: request.path,
                                    roleId: context.newIAMId(prefix: "AROA"), trustPolicy: request.assumeRolePolicyDocument,
                                    description: request.description, maxSessionDuration: request.maxSessionDuration,
                                    createDate: context.now)
            try record.insert(context.db)
            try TagRecord.put(request.tags, on: record.arn(scope), context.db)
            return try record.view(scope, context.db)
        }
    }

    /// GetRole.
    public func getRole(_ roleName: String) async throws -> Role {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        let scope = self.scope
        return try await call(SimOperation(.iam, "GetRole"), in: scope) { context in
            try RoleRecord.require(roleName, context).view(scope, context.db)
        }
    }

    /// ListRoles, by name.
    public func listRoles() async throws -> [Role] {
        let scope = self.scope
        return try await call(SimOperation(.iam, "ListRoles"), in: scope) { context in
            try RoleRecord.filter(RoleRecord.Columns.account == scope.account).order(RoleRecord.Columns.name)
                .fetchAll(context.db).map { try $0.view(scope, context.db) }
        }
    }

    /// DeleteRole; refused while it has inline or attached policies.
    public func deleteRole(_ roleName: String) async throws {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        let scope = self.scope
        try await call(SimOperation(.iam, "DeleteRole"), in: scope) { context in
            let record = try RoleRecord.require(roleName, context)
            if try RoleAttachmentRecord.filter(RoleAttachmentRecord.Columns.roleId == record.id).fetchCount(context.db) > 0 {
                throw CloudError(.deleteConflict, "Cannot delete entity, must detach all policies first.", resource: record.arn(scope))
            }
            if try RolePolicyRecord.filter(RolePolicyRecord.Columns.roleId == record.id).fetchCount(context.db) > 0 {
                throw CloudError(.deleteConflict, "Cannot delete entity, must delete policies first.", resource: record.arn(scope))
            }
            try TagRecord.deleteAll(of: record.arn(scope), context.db)
            _ = try record.delete(context.db)
        }
    }

    /// UpdateAssumeRolePolicy: replaces the trust policy.
    public func updateAssumeRolePolicy(_ roleName: String, policyDocument: String) async throws {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        let size = try IAMRules.checkDocument(policyDocument, kind: .trust)
        if size > IAMRules.trustPolicyQuota {
            throw CloudError(.limitExceeded, "Cannot exceed quota for ACLSizePerRole: \(IAMRules.trustPolicyQuota)")
        }
        try await call(SimOperation(.iam, "UpdateAssumeRolePolicy"), in: scope) { context in
            var record = try RoleRecord.require(roleName, context)
            record.trustPolicy = policyDocument
            try record.update(context.db)
        }
    }

    /// UpdateRole: description and maximum session duration.
    public func updateRole(_ roleName: String, description: String?, maxSessionDuration: Int?) async throws {
        try IAMRules.checkName(roleName, field: "roleName", maximum: 64)
        if let description { try IAMRules.checkDescription(description) }
        if let maxSessionDuration, !(3600...43200).contains(maxSessionDuration) {
            throw IAMRules.constraint(String(maxSessionDuration), "maxSessionDuration", "Member must have value between 3600 and 43200")
        }
        try await call(SimOperation(.iam, "UpdateRole"), in: scope) { context in
            var record = try RoleRecord.require(roleName, context)
            if let description { record.description = description }
            if let maxSessionDuration { record.maxSessionDuration = maxSessionDuration }
            try record.update(context.db)
        }
    }
}

extension RoleRecord {
    /// `arn:aws:iam::<account>:role/<path><name>`.
    func arn(_ scope: CloudScope) -> String { ARN.role(name, path: path, in: scope).description }

    /// The role as GetRole answers it.
    func view(_ scope: CloudScope, _ db: Database) throws -> Role {
        Role(roleName: name, roleId: roleId, arn: arn(scope), path: path, assumeRolePolicyDocument: trustPolicy,
             description: description, maxSessionDuration: maxSessionDuration,
             createDate: Date(timeIntervalSince1970: createDate), tags: try TagRecord.tags(of: arn(scope), db))
    }

    /// Loads the role or answers `NoSuchEntity`.
    static func require(_ name: String, _ context: CallContext) throws -> RoleRecord {
        guard let record = try find(context.db, account: context.scope.account, name: name) else {
            throw CloudError(.noSuchEntity, "The role with name \(name) cannot be found.", resource: name)
        }
        return record
    }
}
