import Foundation

/// An IAM role.
public struct Role: Sendable, Hashable, Codable {
    /// The role's name.
    public var roleName: String
    /// The stable unique id (`AROA…`).
    public var roleId: String
    /// `arn:aws:iam::<account>:role/<path><name>`.
    public var arn: String
    /// The path, `/` by default.
    public var path: String
    /// The trust policy JSON text.
    public var assumeRolePolicyDocument: String
    /// The description.
    public var description: String
    /// Maximum session duration in seconds (3,600–43,200).
    public var maxSessionDuration: Int
    /// When it was created.
    public var createDate: Date
    /// Tags.
    public var tags: [String: String]

    /// Creates the value.
    public init(roleName: String, roleId: String, arn: String, path: String, assumeRolePolicyDocument: String,
                description: String, maxSessionDuration: Int, createDate: Date, tags: [String: String]) {
        self.roleName = roleName
        self.roleId = roleId
        self.arn = arn
        self.path = path
        self.assumeRolePolicyDocument = assumeRolePolicyDocument
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.createDate = createDate
        self.tags = tags
    }
}

/// The input of CreateRole.
public struct CreateRoleRequest: Sendable, Hashable {
    /// 1–64 characters of `[\w+=,.@-]`.
    public var roleName: String
    /// `/` or `/a/b/`.
    public var path: String
    /// The trust policy JSON text.
    public var assumeRolePolicyDocument: String
    /// Up to 1,000 characters.
    public var description: String
    /// 3,600–43,200 seconds.
    public var maxSessionDuration: Int
    /// Up to 50 tags.
    public var tags: [String: String]

    /// Creates the request with IAM's defaults.
    public init(roleName: String, path: String = "/", assumeRolePolicyDocument: String, description: String = "",
                maxSessionDuration: Int = 3600, tags: [String: String] = [:]) {
        self.roleName = roleName
        self.path = path
        self.assumeRolePolicyDocument = assumeRolePolicyDocument
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.tags = tags
    }
}

/// A managed policy attached to a role.
public struct AttachedPolicy: Sendable, Hashable, Codable {
    /// The policy's name.
    public var policyName: String
    /// The policy's ARN.
    public var policyArn: String

    /// Creates the value.
    public init(policyName: String, policyArn: String) {
        self.policyName = policyName
        self.policyArn = policyArn
    }
}

/// A customer managed policy.
public struct ManagedPolicy: Sendable, Hashable, Codable {
    /// The policy's name.
    public var policyName: String
    /// The stable unique id (`ANPA…`).
    public var policyId: String
    /// `arn:aws:iam::<account>:policy/<path><name>`.
    public var arn: String
    /// The path, `/` by default.
    public var path: String
    /// The operative version (`v1`, `v2`, …).
    public var defaultVersionId: String
    /// How many roles it is attached to.
    public var attachmentCount: Int
    /// The description.
    public var description: String
    /// When it was created.
    public var createDate: Date
    /// When its default version last changed.
    public var updateDate: Date
    /// Tags.
    public var tags: [String: String]

    /// Creates the value.
    public init(policyName: String, policyId: String, arn: String, path: String, defaultVersionId: String,
                attachmentCount: Int, description: String, createDate: Date, updateDate: Date, tags: [String: String]) {
        self.policyName = policyName
        self.policyId = policyId
        self.arn = arn
        self.path = path
        self.defaultVersionId = defaultVersionId
        self.attachmentCount = attachmentCount
        self.description = description
        self.createDate = createDate
        self.updateDate = updateDate
        self.tags = tags
    }
}

/// The input of CreatePolicy.
public struct CreatePolicyRequest: Sendable, Hashable {
    /// 1–128 characters of `[\w+=,.@-]`.
    public var policyName: String
    /// `/` or `/a/b/`.
    public var path: String
    /// The permissions policy JSON text (6,144 characters without whitespace).
    public var policyDocument: String
    /// Up to 1,000 characters.
    public var description: String
    /// Up to 50 tags.
    public var tags: [String: String]

    /// Creates the request.
    public init(policyName: String, path: String = "/", policyDocument: String, description: String = "", tags: [String: String] = [:]) {
        self.policyName = policyName
        self.path = path
        self.policyDocument = policyDocument
        self.description = description
        self.tags = tags
    }
}

/// A version of a managed policy.
public struct PolicyVersion: Sendable, Hashable, Codable {
    /// `v1`, `v2`, … (never reused).
    public var versionId: String
    /// The policy JSON text.
    public var document: String
    /// Whether this version is the operative one.
    public var isDefaultVersion: Bool
    /// When it was created.
    public var createDate: Date

    /// Creates the value.
    public init(versionId: String, document: String, isDefaultVersion: Bool, createDate: Date) {
        self.versionId = versionId
        self.document = document
        self.isDefaultVersion = isDefaultVersion
        self.createDate = createDate
    }
}
