/// The kinds of manifest plumb understands.
public enum ResourceKind: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    /// A Lambda function with its code folder, configuration, alias and rollout.
    case function = "Function"
    /// A Step Functions state machine with its ASL definition, alias and smoke tests.
    case stateMachine = "StateMachine"
    /// An IAM role with its trust policy, managed and inline policies.
    case role = "Role"
    /// An IAM customer-managed policy.
    case policy = "Policy"
    /// The maintenance switch: mode, freeze windows, blocked resources.
    case maintenance = "Maintenance"
    /// A deployment target: account, region, backup region, patches.
    case environment = "Environment"

    /// The order kinds are deployed in: IAM first, then functions, then state machines.
    var rank: Int {
        switch self {
        case .policy: return 0
        case .role: return 1
        case .function: return 2
        case .stateMachine: return 3
        case .maintenance: return 4
        case .environment: return 5
        }
    }

    /// Orders kinds by deployment order.
    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.rank < rhs.rank }

    /// Compares the kinds' places (the standard library's default for a type with a raw value
    /// compares the raw strings).
    public static func == (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.rank == rhs.rank }

    /// Hashes the kind's place: a `ResourceID` is hashed for every lookup of the maps keyed by
    /// resource, and the standard library's default for a type with a raw value hashes the raw
    /// string, which cost as much as hashing the resource's name.
    public func hash(into hasher: inout Hasher) { hasher.combine(UInt8(truncatingIfNeeded: rank)) }

    /// The word used for references in `${kind:name}` and substitutions (`function`, `stateMachine`, `role`, `policy`).
    public var referenceWord: String {
        switch self {
        case .function: return "function"
        case .stateMachine: return "stateMachine"
        case .role: return "role"
        case .policy: return "policy"
        case .maintenance: return "maintenance"
        case .environment: return "environment"
        }
    }
}

/// A resource's identity in the desired state: its kind and name (`Function/health-checker`).
public struct ResourceID: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The kind.
    public var kind: ResourceKind
    /// The name (`metadata.name`).
    public var name: String

    /// Creates an identity.
    public init(_ kind: ResourceKind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// `Kind/name`.
    public var description: String { "\(kind.rawValue)/\(name)" }

    /// Orders by kind (deployment order), then name.
    public static func < (lhs: ResourceID, rhs: ResourceID) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.name < rhs.name
    }

    /// Encodes as `{"kind": "...", "name": "..."}`.
    enum CodingKeys: String, CodingKey { case kind, name }
}
