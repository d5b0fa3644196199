import Cloud
import DesiredState
import Foundation

/// Where a managed policy is headed.
public struct PolicyTarget: Sendable, Hashable {
    /// The policy's name.
    public var name: String
    /// Its ARN.
    public var arn: String
    /// The document JSON text.
    public var document: String
    /// The description (set at creation only: IAM cannot change it later).
    public var description: String
    /// Tags (including `plumb:managed`).
    public var tags: [String: String]

    /// Creates the value.
    public init(name: String, arn: String, document: String, description: String, tags: [String: String]) {
        self.name = name
        self.arn = arn
        self.document = document
        self.description = description
        self.tags = tags
    }

    /// The target a desired policy describes.
    public init(_ policy: PolicyResource) {
        self.init(name: policy.name, arn: policy.arn, document: policy.document.serialized(),
                  description: policy.spec.description, tags: [ManagedTag.key: ManagedTag.value])
    }
}

/// Where a role is headed.
public struct RoleTarget: Sendable, Hashable {
    /// The role's name.
    public var name: String
    /// Its ARN.
    public var arn: String
    /// The trust policy JSON text.
    public var trust: String
    /// The description.
    public var description: String
    /// The longest session in seconds.
    public var maxSessionDuration: Int
    /// Inline policy documents (JSON text) by name.
    public var inline: [String: String]
    /// ARNs of the attached managed policies.
    public var attached: [String]
    /// Tags (including `plumb:managed`).
    public var tags: [String: String]

    /// Creates the value.
    public init(name: String, arn: String, trust: String, description: String, maxSessionDuration: Int,
                inline: [String: String], attached: [String], tags: [String: String]) {
        self.name = name
        self.arn = arn
        self.trust = trust
        self.description = description
        self.maxSessionDuration = maxSessionDuration
        self.inline = inline
        self.attached = attached
        self.tags = tags
    }

    /// The target a desired role describes.
    public init(_ role: RoleResource) {
        self.init(name: role.name, arn: role.arn, trust: role.trustPolicy.serialized(), description: role.spec.description,
                  maxSessionDuration: role.spec.maxSessionDuration,
                  inline: role.inlinePolicies.mapValues { $0.serialized() }, attached: role.managedPolicyARNs,
                  tags: [ManagedTag.key: ManagedTag.value])
    }
}
