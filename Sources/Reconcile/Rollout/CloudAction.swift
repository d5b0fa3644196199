import Cloud
import Foundation

/// One thing a rollout asks the executor to do: an API call, a wait, traffic, or a measurement.
///
/// Mutating actions are journaled before they are performed; the others only read or wait.
public enum CloudAction: Sendable, Hashable {
    // MARK: Lambda
    /// CreateFunction (optionally publishing version 1).
    case createFunction(FunctionCreation)
    /// Polls GetFunction until the function is `Active` and no update is in progress.
    case waitForFunction(name: String)
    /// UpdateFunctionCode of `$LATEST`.
    case updateFunctionCode(name: String, code: FunctionCode)
    /// UpdateFunctionConfiguration of `$LATEST`.
    case updateFunctionConfiguration(name: String, FunctionSettings)
    /// PublishVersion of `$LATEST`.
    case publishVersion(name: String)
    /// PutFunctionConcurrency.
    case putFunctionConcurrency(name: String, value: Int)
    /// DeleteFunctionConcurrency.
    case deleteFunctionConcurrency(name: String)
    /// CreateAlias pointing at one version.
    case createAlias(name: String, alias: String, version: String)
    /// UpdateAlias: `primary` plus, optionally, `additional` with a fraction of the traffic.
    case updateAlias(name: String, alias: String, primary: String, additional: String?, weight: Double)
    /// DeleteAlias.
    case deleteAlias(name: String, alias: String)
    /// Invoke a version or alias once (a pre-traffic check).
    case invoke(name: String, qualifier: String, payload: Data)
    /// Invoke through an alias `count` times so health gates see real invocations.
    case sendTraffic(name: String, alias: String, count: Int, payload: Data)
    /// Reads the invocation metrics of one version since `start`.
    case measure(name: String, version: String, start: Date)
    /// ListVersionsByFunction (before removing old versions).
    case listVersions(name: String)
    /// DeleteFunction with a version qualifier.
    case deleteFunctionVersion(name: String, version: String)
    /// DeleteFunction (every version and alias).
    case deleteFunction(name: String)

    // MARK: Step Functions
    /// ValidateStateMachineDefinition.
    case validateDefinition(name: String, definition: String, type: Cloud.StateMachineType)
    /// CreateStateMachine.
    case createStateMachine(CreateStateMachineRequest)
    /// UpdateStateMachine.
    case updateStateMachine(UpdateStateMachineRequest)
    /// PublishStateMachineVersion of the current revision (answers the existing version when unchanged).
    case publishStateMachineVersion(arn: String, description: String?)
    /// CreateStateMachineAlias.
    case createStateMachineAlias(name: String, routing: [StateMachineRoute])
    /// UpdateStateMachineAlias.
    case updateStateMachineAlias(aliasArn: String, routing: [StateMachineRoute])
    /// Runs one execution to its end (a smoke test) on a version, alias or the state machine.
    case runExecution(arn: String, input: String, timeoutSeconds: Int, express: Bool)
    /// Stops every running execution of a state machine.
    case stopExecutions(stateMachineArn: String, cause: String)
    /// DeleteStateMachine.
    case deleteStateMachine(arn: String)

    // MARK: IAM
    /// CreatePolicy.
    case createPolicy(CreatePolicyRequest)
    /// ListPolicyVersions (before making room for a new one).
    case listPolicyVersions(arn: String)
    /// CreatePolicyVersion.
    case createPolicyVersion(arn: String, document: String, setAsDefault: Bool)
    /// SetDefaultPolicyVersion.
    case setDefaultPolicyVersion(arn: String, versionId: String)
    /// DeletePolicyVersion.
    case deletePolicyVersion(arn: String, versionId: String)
    /// DeletePolicy.
    case deletePolicy(arn: String)
    /// CreateRole.
    case createRole(CreateRoleRequest)
    /// UpdateAssumeRolePolicy.
    case updateTrust(role: String, document: String)
    /// UpdateRole (description, maximum session duration).
    case updateRole(role: String, description: String, maxSessionDuration: Int)
    /// PutRolePolicy.
    case putRolePolicy(role: String, policy: String, document: String)
    /// DeleteRolePolicy.
    case deleteRolePolicy(role: String, policy: String)
    /// AttachRolePolicy.
    case attachRolePolicy(role: String, policyArn: String)
    /// DetachRolePolicy.
    case detachRolePolicy(role: String, policyArn: String)
    /// ListRolePolicies and ListAttachedRolePolicies (before deleting a role).
    case readRolePolicies(role: String)
    /// DeleteRole.
    case deleteRole(role: String)

    // MARK: Any service
    /// TagResource.
    case tag(arn: String, tags: [String: String])
    /// UntagResource.
    case untag(arn: String, keys: [String])
    /// Waits until the environment's clock reaches `until`.
    case wait(until: Date)
}

/// What CreateFunction needs: configuration, code, tags, and whether to publish version 1.
public struct FunctionCreation: Sendable, Hashable {
    /// The function's name.
    public var name: String
    /// Runtime, handler, role, memory, timeout, environment, description.
    public var settings: FunctionSettings
    /// The code.
    public var code: FunctionCode
    /// Tags (including `plumb:managed`).
    public var tags: [String: String]
    /// Publish version 1 at once.
    public var publish: Bool

    /// Creates the value.
    public init(name: String, settings: FunctionSettings, code: FunctionCode, tags: [String: String], publish: Bool) {
        self.name = name
        self.settings = settings
        self.code = code
        self.tags = tags
        self.publish = publish
    }
}

/// The versioned configuration of a function (what a published version freezes besides code).
public struct FunctionSettings: Sendable, Hashable {
    /// Runtime, such as `python3.11`.
    public var runtime: String
    /// Handler, such as `app.handler`.
    public var handler: String
    /// Execution role ARN.
    public var role: String
    /// Memory in MB.
    public var memoryMB: Int
    /// Timeout in seconds.
    public var timeoutSeconds: Int
    /// Environment variables.
    public var environment: [String: String]
    /// Description.
    public var description: String

    /// Creates the value.
    public init(runtime: String, handler: String, role: String, memoryMB: Int, timeoutSeconds: Int,
                environment: [String: String], description: String) {
        self.runtime = runtime
        self.handler = handler
        self.role = role
        self.memoryMB = memoryMB
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
        self.description = description
    }

    /// The settings a live configuration (of `$LATEST` or a version) carries.
    public init(_ configuration: FunctionConfiguration) {
        self.init(runtime: configuration.runtime, handler: configuration.handler, role: configuration.role,
                  memoryMB: configuration.memorySize, timeoutSeconds: configuration.timeout,
                  environment: configuration.environment, description: configuration.description)
    }

    /// Whether `configuration` carries exactly these settings.
    public func matches(_ configuration: FunctionConfiguration) -> Bool {
        FunctionSettings(configuration) == self
    }
}
