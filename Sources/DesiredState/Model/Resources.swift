import StatesLanguage

/// A function of the desired state, environment applied and references resolved.
///
/// Its fields live in one shared, immutable box (`SharedFields`), as those of the other
/// resources do: copying one (or an array of ten thousand) costs one reference count each.
public struct FunctionResource: Sendable, Hashable {
    @usableFromInline
    struct Fields: Sendable, Hashable {
        @usableFromInline var name: String
        @usableFromInline var labels: [String: String]
        @usableFromInline var spec: FunctionSpec
        @usableFromInline var arn: String
        @usableFromInline var roleARN: String
        @usableFromInline var code: CodeIdentity
        @usableFromInline var source: FileLocation
    }

    @usableFromInline var storage: SharedFields<Fields>

    init(name: String, labels: [String: String], spec: FunctionSpec, arn: String, roleARN: String, code: CodeIdentity, source: FileLocation) {
        storage = SharedFields(Fields(name: name, labels: labels, spec: spec, arn: arn, roleARN: roleARN, code: code, source: source))
    }

    /// The function's name.
    public var name: String {
        @inlinable get { storage.fields.name }
        set { storage.change { $0.name = newValue } }
    }
    /// `metadata.labels`.
    public var labels: [String: String] {
        @inlinable get { storage.fields.labels }
        set { storage.change { $0.labels = newValue } }
    }
    /// The spec after the environment's patches, with the environment's tags and variables merged in.
    public var spec: FunctionSpec {
        @inlinable get { storage.fields.spec }
        set { storage.change { $0.spec = newValue } }
    }
    /// The unqualified function ARN.
    public var arn: String {
        @inlinable get { storage.fields.arn }
        set { storage.change { $0.arn = newValue } }
    }
    /// The execution role's ARN.
    public var roleARN: String {
        @inlinable get { storage.fields.roleARN }
        set { storage.change { $0.roleARN = newValue } }
    }
    /// The code folder and its identity.
    public var code: CodeIdentity {
        @inlinable get { storage.fields.code }
        set { storage.change { $0.code = newValue } }
    }
    /// Where the manifest is written.
    public var source: FileLocation {
        @inlinable get { storage.fields.source }
        set { storage.change { $0.source = newValue } }
    }

    /// The ARN qualified by a version or alias.
    public func qualifiedARN(_ qualifier: String) -> String { "\(arn):\(qualifier)" }
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
    @usableFromInline
    struct Fields: Sendable, Hashable {
        @usableFromInline var name: String
        @usableFromInline var labels: [String: String]
        @usableFromInline var spec: StateMachineSpec
        @usableFromInline var arn: String
        @usableFromInline var roleARN: String
        @usableFromInline var definition: JSONValue
        @usableFromInline var invokedFunctions: [FunctionInvocation]
        @usableFromInline var source: FileLocation
    }

    @usableFromInline var storage: SharedFields<Fields>

    init(name: String, labels: [String: String], spec: StateMachineSpec, arn: String, roleARN: String, definition: JSONValue, invokedFunctions: [FunctionInvocation], source: FileLocation) {
        storage = SharedFields(Fields(name: name, labels: labels, spec: spec, arn: arn, roleARN: roleARN, definition: definition, invokedFunctions: invokedFunctions, source: source))
    }

    /// The state machine's name.
    public var name: String {
        @inlinable get { storage.fields.name }
        set { storage.change { $0.name = newValue } }
    }

    /// `metadata.labels`.
    public var labels: [String: String] {
        @inlinable get { storage.fields.labels }
        set { storage.change { $0.labels = newValue } }
    }

    /// The spec after the environment's patches, with the environment's tags merged in.
    public var spec: StateMachineSpec {
        @inlinable get { storage.fields.spec }
        set { storage.change { $0.spec = newValue } }
    }

    /// The unqualified state machine ARN.
    public var arn: String {
        @inlinable get { storage.fields.arn }
        set { storage.change { $0.arn = newValue } }
    }

    /// The execution role's ARN.
    public var roleARN: String {
        @inlinable get { storage.fields.roleARN }
        set { storage.change { $0.roleARN = newValue } }
    }

    /// The ASL definition with every `${...}` replaced (ARNs of the target environment).
    public var definition: JSONValue {
        @inlinable get { storage.fields.definition }
        set { storage.change { $0.definition = newValue } }
    }

    /// The functions the definition invokes, with the qualifier used, in definition order.
    public var invokedFunctions: [FunctionInvocation] {
        @inlinable get { storage.fields.invokedFunctions }
        set { storage.change { $0.invokedFunctions = newValue } }
    }

    /// Where the manifest is written.
    public var source: FileLocation {
        @inlinable get { storage.fields.source }
        set { storage.change { $0.source = newValue } }
    }

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
    @usableFromInline
    struct Fields: Sendable, Hashable {
        @usableFromInline var name: String
        @usableFromInline var labels: [String: String]
        @usableFromInline var spec: RoleSpec
        @usableFromInline var arn: String
        @usableFromInline var trustPolicy: JSONValue
        @usableFromInline var managedPolicyARNs: [String]
        @usableFromInline var inlinePolicies: [String: JSONValue]
        @usableFromInline var source: FileLocation
    }

    @usableFromInline var storage: SharedFields<Fields>

    init(name: String, labels: [String: String], spec: RoleSpec, arn: String, trustPolicy: JSONValue, managedPolicyARNs: [String], inlinePolicies: [String: JSONValue], source: FileLocation) {
        storage = SharedFields(Fields(name: name, labels: labels, spec: spec, arn: arn, trustPolicy: trustPolicy, managedPolicyARNs: managedPolicyARNs, inlinePolicies: inlinePolicies, source: source))
    }

    /// The role's name.
    public var name: String {
        @inlinable get { storage.fields.name }
        set { storage.change { $0.name = newValue } }
    }

    /// `metadata.labels`.
    public var labels: [String: String] {
        @inlinable get { storage.fields.labels }
        set { storage.change { $0.labels = newValue } }
    }

    /// The spec after the environment's patches.
    public var spec: RoleSpec {
        @inlinable get { storage.fields.spec }
        set { storage.change { $0.spec = newValue } }
    }

    /// The role's ARN.
    public var arn: String {
        @inlinable get { storage.fields.arn }
        set { storage.change { $0.arn = newValue } }
    }

    /// The trust policy document.
    public var trustPolicy: JSONValue {
        @inlinable get { storage.fields.trustPolicy }
        set { storage.change { $0.trustPolicy = newValue } }
    }

    /// ARNs of the attached managed policies, in the spec's order.
    public var managedPolicyARNs: [String] {
        @inlinable get { storage.fields.managedPolicyARNs }
        set { storage.change { $0.managedPolicyARNs = newValue } }
    }

    /// Inline policy documents by name, references resolved.
    public var inlinePolicies: [String: JSONValue] {
        @inlinable get { storage.fields.inlinePolicies }
        set { storage.change { $0.inlinePolicies = newValue } }
    }

    /// Where the manifest is written.
    public var source: FileLocation {
        @inlinable get { storage.fields.source }
        set { storage.change { $0.source = newValue } }
    }
}

/// An IAM managed policy of the desired state, with its document resolved.
public struct PolicyResource: Sendable, Hashable {
    @usableFromInline
    struct Fields: Sendable, Hashable {
        @usableFromInline var name: String
        @usableFromInline var labels: [String: String]
        @usableFromInline var spec: PolicySpec
        @usableFromInline var arn: String
        @usableFromInline var document: JSONValue
        @usableFromInline var source: FileLocation
    }

    @usableFromInline var storage: SharedFields<Fields>

    init(name: String, labels: [String: String], spec: PolicySpec, arn: String, document: JSONValue, source: FileLocation) {
        storage = SharedFields(Fields(name: name, labels: labels, spec: spec, arn: arn, document: document, source: source))
    }

    /// The policy's name.
    public var name: String {
        @inlinable get { storage.fields.name }
        set { storage.change { $0.name = newValue } }
    }

    /// `metadata.labels`.
    public var labels: [String: String] {
        @inlinable get { storage.fields.labels }
        set { storage.change { $0.labels = newValue } }
    }

    /// The spec after the environment's patches.
    public var spec: PolicySpec {
        @inlinable get { storage.fields.spec }
        set { storage.change { $0.spec = newValue } }
    }

    /// The policy's ARN.
    public var arn: String {
        @inlinable get { storage.fields.arn }
        set { storage.change { $0.arn = newValue } }
    }

    /// The document, references resolved.
    public var document: JSONValue {
        @inlinable get { storage.fields.document }
        set { storage.change { $0.document = newValue } }
    }

    /// Where the manifest is written.
    public var source: FileLocation {
        @inlinable get { storage.fields.source }
        set { storage.change { $0.source = newValue } }
    }
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
