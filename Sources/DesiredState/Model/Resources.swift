import StatesLanguage

/// A function of the desired state, environment applied and references resolved.
///
/// Its fields live in one shared, immutable box, so copying a function (or an array of ten
/// thousand of them) costs one reference count each; changing a field makes a new box.
public struct FunctionResource: Sendable, Hashable {
    struct Fields: Sendable, Hashable {
        var name: String
        var labels: [String: String]
        var spec: FunctionSpec
        var arn: String
        var roleARN: String
        var code: CodeIdentity
        var source: FileLocation
    }

    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    init(name: String, labels: [String: String], spec: FunctionSpec, arn: String, roleARN: String, code: CodeIdentity, source: FileLocation) {
        box = Box(Fields(name: name, labels: labels, spec: spec, arn: arn, roleARN: roleARN, code: code, source: source))
    }

    private mutating func change(_ body: (inout Fields) -> Void) {
        var fields = box.fields
        body(&fields)
        box = Box(fields)
    }

    /// The function's name.
    public var name: String {
        get { box.fields.name }
        set { change { $0.name = newValue } }
    }
    /// `metadata.labels`.
    public var labels: [String: String] {
        get { box.fields.labels }
        set { change { $0.labels = newValue } }
    }
    /// The spec after the environment's patches, with the environment's tags and variables merged in.
    public var spec: FunctionSpec {
        get { box.fields.spec }
        set { change { $0.spec = newValue } }
    }
    /// The unqualified function ARN.
    public var arn: String {
        get { box.fields.arn }
        set { change { $0.arn = newValue } }
    }
    /// The execution role's ARN.
    public var roleARN: String {
        get { box.fields.roleARN }
        set { change { $0.roleARN = newValue } }
    }
    /// The code folder and its identity.
    public var code: CodeIdentity {
        get { box.fields.code }
        set { change { $0.code = newValue } }
    }
    /// Where the manifest is written.
    public var source: FileLocation {
        get { box.fields.source }
        set { change { $0.source = newValue } }
    }

    /// The ARN qualified by a version or alias.
    public func qualifiedARN(_ qualifier: String) -> String { "\(arn):\(qualifier)" }

    /// Functions are equal when all their fields are.
    public static func == (lhs: FunctionResource, rhs: FunctionResource) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    /// Hashes all fields.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }
}

/// The code of a function: its folder and the git tree id of that folder's contents.
public struct CodeIdentity: Sendable, Hashable {
    /// The folder, relative to the desired-state root.
    public var path: String
    /// The git tree id (40 hex digits) of the folder: equal ids mean equal code, whether read from
    /// a commit or from disk.
    public var treeID: String
}

/// A state machine of the desired state, with its definition ready to send.
public struct StateMachineResource: Sendable, Hashable {
    /// The state machine's name.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// The spec after the environment's patches, with the environment's tags merged in.
    public var spec: StateMachineSpec
    /// The unqualified state machine ARN.
    public var arn: String
    /// The execution role's ARN.
    public var roleARN: String
    /// The ASL definition with every `${...}` replaced (ARNs of the target environment).
    public var definition: JSONValue
    /// The functions the definition invokes, with the qualifier used, in definition order.
    public var invokedFunctions: [FunctionInvocation]
    /// Where the manifest is written.
    public var source: FileLocation

    /// The ARN qualified by a version or alias.
    public func qualifiedARN(_ qualifier: String) -> String { "\(arn):\(qualifier)" }
}

/// A function a state machine's Task state invokes.
public struct FunctionInvocation: Sendable, Hashable {
    /// The function's name.
    public var function: String
    /// The version or alias invoked, or nil for the unqualified function.
    public var qualifier: String?
    /// The ARN invoked.
    public var arn: String
    /// The state that invokes it (`DeployServices/DeployService` for nested states).
    public var state: String
}

/// An IAM role of the desired state, with its documents resolved.
public struct RoleResource: Sendable, Hashable {
    /// The role's name.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// The spec after the environment's patches.
    public var spec: RoleSpec
    /// The role's ARN.
    public var arn: String
    /// The trust policy document.
    public var trustPolicy: JSONValue
    /// ARNs of the attached managed policies, in the spec's order.
    public var managedPolicyARNs: [String]
    /// Inline policy documents by name, references resolved.
    public var inlinePolicies: [String: JSONValue]
    /// Where the manifest is written.
    public var source: FileLocation
}

/// An IAM managed policy of the desired state, with its document resolved.
public struct PolicyResource: Sendable, Hashable {
    /// The policy's name.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// The spec after the environment's patches.
    public var spec: PolicySpec
    /// The policy's ARN.
    public var arn: String
    /// The document, references resolved.
    public var document: JSONValue
    /// Where the manifest is written.
    public var source: FileLocation
}

/// The maintenance settings of the desired state.
public struct MaintenanceResource: Sendable, Hashable {
    /// The manifest's name.
    public var name: String
    /// The settings after the environment's patches.
    public var spec: MaintenanceSpec
    /// Where the manifest is written.
    public var source: FileLocation
}

/// An environment declared in the desired state.
public struct EnvironmentResource: Sendable {
    /// The environment's name.
    public var name: String
    /// Account, region, backup region, patches.
    public var spec: EnvironmentSpec
    /// Where the manifest is written.
    public var source: FileLocation
}
