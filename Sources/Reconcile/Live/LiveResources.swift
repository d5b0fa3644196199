import Cloud
import DesiredState
import Foundation

/// A Lambda function as read from the environment.
///
/// `latest` always comes from ListFunctions; `details` (aliases, versions, reserved concurrency,
/// tags) is read per function, only for the functions a plan or drift check needs.
///
/// Its fields live in one shared box (`SharedFields`): a listed environment holds ten thousand
/// functions, and reading one out of it costs one reference count.
public struct LiveFunction: Sendable, Hashable, Codable {
    struct Fields: Sendable, Hashable, Codable {
        var name: String
        var latest: FunctionConfiguration
        var details: Details?
    }

    private var storage: SharedFields<Fields>

    /// The function's name.
    public var name: String {
        get { storage.fields.name }
        set { storage.change { $0.name = newValue } }
    }

    /// `$LATEST`'s configuration.
    public var latest: FunctionConfiguration {
        get { storage.fields.latest }
        set { storage.change { $0.latest = newValue } }
    }

    /// What a per-function read adds, or nil when only the list was read.
    public var details: Details? {
        get { storage.fields.details }
        set { storage.change { $0.details = newValue } }
    }

    /// The settings read per function.
    public struct Details: Sendable, Hashable, Codable {
        /// Every alias with its routing.
        public var aliases: [FunctionAlias]
        /// Every published version's configuration, oldest first (`$LATEST` left out).
        public var versions: [FunctionConfiguration]
        /// Reserved concurrency, nil when none is reserved.
        public var reservedConcurrency: Int?
        /// The function's tags.
        public var tags: [String: String]

        /// Creates the value.
        public init(aliases: [FunctionAlias], versions: [FunctionConfiguration], reservedConcurrency: Int?, tags: [String: String]) {
            self.aliases = aliases
            self.versions = versions
            self.reservedConcurrency = reservedConcurrency
            self.tags = tags
        }
    }

    /// Creates the value.
    public init(name: String, latest: FunctionConfiguration, details: Details? = nil) {
        storage = SharedFields(Fields(name: name, latest: latest, details: details))
    }

    /// Decodes the fields (`name`, `latest`, `details`).
    public init(from decoder: any Decoder) throws {
        storage = try SharedFields(from: decoder)
    }

    /// Encodes the fields (`name`, `latest`, `details`).
    public func encode(to encoder: any Encoder) throws {
        try storage.encode(to: encoder)
    }

    /// The alias named `name`, when details were read and it exists.
    public func alias(named name: String) -> FunctionAlias? {
        details?.aliases.first { $0.name == name }
    }

    /// The configuration of published version `number` (`"3"`), or `$LATEST` for `"$LATEST"`.
    public func version(_ number: String) -> FunctionConfiguration? {
        if number == "$LATEST" { return latest }
        return details?.versions.first { $0.version.description == number }
    }

    /// Whether the function carries `plumb:managed = "true"` (false when tags were not read).
    public var isManaged: Bool { details?.tags[ManagedTag.key] == ManagedTag.value }
}

/// A Step Functions state machine as read from the environment.
///
/// Its fields live in one shared box (`SharedFields`), as a `LiveFunction`'s do.
public struct LiveStateMachine: Sendable, Hashable, Codable {
    struct Fields: Sendable, Hashable, Codable {
        var name: String
        var machine: StateMachine
        var details: Details?
    }

    private var storage: SharedFields<Fields>

    /// The state machine's name.
    public var name: String {
        get { storage.fields.name }
        set { storage.change { $0.name = newValue } }
    }

    /// The current (unpublished) definition, role, type and revision.
    public var machine: StateMachine {
        get { storage.fields.machine }
        set { storage.change { $0.machine = newValue } }
    }

    /// What a per-machine read adds, or nil when only the list was read.
    public var details: Details? {
        get { storage.fields.details }
        set { storage.change { $0.details = newValue } }
    }

    /// The settings read per state machine.
    public struct Details: Sendable, Hashable, Codable {
        /// Published versions, newest first.
        public var versions: [StateMachineVersion]
        /// The versions aliases route to, described (definition, role), by version ARN.
        public var routedVersions: [String: StateMachine]
        /// Every alias with its routing.
        public var aliases: [StateMachineAlias]
        /// The state machine's tags.
        public var tags: [String: String]

        /// Creates the value.
        public init(versions: [StateMachineVersion], routedVersions: [String: StateMachine], aliases: [StateMachineAlias], tags: [String: String]) {
            self.versions = versions
            self.routedVersions = routedVersions
            self.aliases = aliases
            self.tags = tags
        }
    }

    /// Creates the value.
    public init(name: String, machine: StateMachine, details: Details? = nil) {
        storage = SharedFields(Fields(name: name, machine: machine, details: details))
    }

    /// Decodes the fields (`name`, `machine`, `details`).
    public init(from decoder: any Decoder) throws {
        storage = try SharedFields(from: decoder)
    }

    /// Encodes the fields (`name`, `machine`, `details`).
    public func encode(to encoder: any Encoder) throws {
        try storage.encode(to: encoder)
    }

    /// The alias named `name`, when details were read and it exists.
    public func alias(named name: String) -> StateMachineAlias? {
        details?.aliases.first { $0.name == name }
    }

    /// Whether the state machine carries `plumb:managed = "true"` (false when tags were not read).
    public var isManaged: Bool { details?.tags[ManagedTag.key] == ManagedTag.value }
}

/// An IAM role as read from the environment: trust, inline and attached policies, tags.
public struct LiveRole: Sendable, Hashable, Codable {
    /// The role (trust policy text, description, session duration, tags).
    public var role: Role
    /// Inline policy documents (JSON text), by policy name; nil when not read.
    public var inlinePolicies: [String: String]?
    /// Attached managed policies; nil when not read.
    public var attachedPolicies: [AttachedPolicy]?

    /// Creates the value.
    public init(role: Role, inlinePolicies: [String: String]? = nil, attachedPolicies: [AttachedPolicy]? = nil) {
        self.role = role
        self.inlinePolicies = inlinePolicies
        self.attachedPolicies = attachedPolicies
    }

    /// The role's name.
    public var name: String { role.roleName }
    /// Whether the role carries `plumb:managed = "true"`.
    public var isManaged: Bool { role.tags[ManagedTag.key] == ManagedTag.value }
    /// Whether the per-role reads (inline and attached policies) were made.
    public var isDetailed: Bool { inlinePolicies != nil && attachedPolicies != nil }
}

/// A customer managed IAM policy as read from the environment.
public struct LivePolicy: Sendable, Hashable, Codable {
    /// The policy (default version id, tags).
    public var policy: ManagedPolicy
    /// Every version (documents included), newest first; nil when not read.
    public var versions: [PolicyVersion]?

    /// Creates the value.
    public init(policy: ManagedPolicy, versions: [PolicyVersion]? = nil) {
        self.policy = policy
        self.versions = versions
    }

    /// The policy's name.
    public var name: String { policy.policyName }
    /// The default version's document text, when versions were read.
    public var defaultDocument: String? {
        versions?.first { $0.versionId == policy.defaultVersionId }?.document
    }
    /// Whether the policy carries `plumb:managed = "true"`.
    public var isManaged: Bool { policy.tags[ManagedTag.key] == ManagedTag.value }
    /// Whether the versions were read.
    public var isDetailed: Bool { versions != nil }
}

/// One live resource of any kind: the "before image" a change is planned against.
public enum LiveResource: Sendable, Hashable, Codable {
    /// A function.
    case function(LiveFunction)
    /// A state machine.
    case stateMachine(LiveStateMachine)
    /// A role.
    case role(LiveRole)
    /// A managed policy.
    case policy(LivePolicy)

    /// Whether the resource carries `plumb:managed = "true"`.
    public var isManaged: Bool {
        switch self {
        case .function(let value): return value.isManaged
        case .stateMachine(let value): return value.isManaged
        case .role(let value): return value.isManaged
        case .policy(let value): return value.isManaged
        }
    }
}

/// The tag plumb puts on everything it creates; only resources carrying it are ever deleted.
public enum ManagedTag {
    /// `plumb:managed`.
    public static let key = "plumb:managed"
    /// `true`.
    public static let value = "true"
    /// The tag set by emergency shutdown on state machines (`plumb:emergency-shutdown`).
    public static let shutdownKey = "plumb:emergency-shutdown"
}
