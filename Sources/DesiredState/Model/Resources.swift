import StatesLanguage

/// A function of the desired state, environment applied and references resolved.
public struct FunctionResource: Sendable, Hashable {
    /// The function's name.
    public var name: String
    /// `metadata.labels`.
    public var labels: [String: String]
    /// The spec after the environment's patches, with the environment's tags and variables merged in.
    public var spec: FunctionSpec
    /// The unqualified function ARN.
    public var arn: String
    /// The execution role's ARN.
    public var roleARN: String
    /// The code folder and its identity.
    public var code: CodeIdentity
    /// Where the manifest is written.
    public var source: FileLocation

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
