import StatesLanguage

/// The `spec` of a `Role` manifest: an IAM role.
public struct RoleSpec: Sendable, Hashable {
    /// Who may assume the role.
    public var trust: TrustPolicy
    /// Attached customer-managed policies: names of `Policy` manifests.
    public var policies: [String]
    /// Inline policies by name (documents as written, references not yet resolved).
    public var inline: [String: JSONValue]
    /// The role's description (up to 1000 characters).
    public var description: String
    /// The longest session, in seconds (3600–43200, default 3600).
    public var maxSessionDuration: Int

    /// Creates a spec.
    public init(trust: TrustPolicy, policies: [String] = [], inline: [String: JSONValue] = [:],
                description: String = "", maxSessionDuration: Int = 3600) {
        self.trust = trust
        self.policies = policies
        self.inline = inline
        self.description = description
        self.maxSessionDuration = maxSessionDuration
    }
}

/// A role's trust policy: the short form (service principals) or a full policy document.
public enum TrustPolicy: Sendable, Hashable {
    /// `trust: {service: lambda.amazonaws.com}` — these service principals may `sts:AssumeRole`.
    case services([String])
    /// A full trust policy document.
    case document(JSONValue)

    /// The trust policy as an IAM policy document.
    public var document: JSONValue {
        switch self {
        case .document(let document):
            return document
        case .services(let services):
            let principal: JSONValue = services.count == 1 ? .string(services[0]) : .array(services.map { .string($0) })
            return [
                "Version": "2012-10-17",
                "Statement": [["Effect": "Allow", "Principal": ["Service": principal], "Action": "sts:AssumeRole"]],
            ]
        }
    }
}

/// The `spec` of a `Policy` manifest: an IAM customer-managed policy.
public struct PolicySpec: Sendable, Hashable {
    /// The policy document as written (references not yet resolved).
    public var document: JSONValue
    /// The policy's description (up to 1000 characters).
    public var description: String

    /// Creates a spec.
    public init(document: JSONValue, description: String = "") {
        self.document = document
        self.description = description
    }
}
