import Foundation

/// A live environment the reconciler reads and changes: one account in one region.
///
/// Every method is one API call with AWS's semantics and errors (`CloudError`). Functions
/// and state machines are addressed by name or ARN; IAM is global to the account. The
/// simulated cloud implements this protocol; a provider speaking the AWS APIs takes its place.
public protocol CloudProvider: LambdaAPI, StepFunctionsAPI, ExecutionsAPI, IAMAPI, TaggingAPI, FunctionMetricsAPI, ChangeCountersAPI {
    /// The account and region this provider acts in.
    var scope: CloudScope { get }
    /// The environment's clock; rollout waits and health-gate windows use it.
    var clock: any CloudClock { get }
}

/// Lambda control plane and Invoke.
public protocol LambdaAPI: Sendable {
    /// CreateFunction.
    func createFunction(_ request: CreateFunctionRequest) async throws -> FunctionConfiguration
    /// GetFunction: `function` is a name, a partial or full ARN; `qualifier` a version or alias.
    func getFunction(_ function: String, qualifier: String?) async throws -> FunctionDetails
    /// ListFunctions: every function's `$LATEST` configuration.
    func listFunctions() async throws -> [FunctionConfiguration]
    /// DeleteFunction: the whole function, or one version when `qualifier` is given.
    func deleteFunction(_ function: String, qualifier: String?) async throws
    /// UpdateFunctionCode of `$LATEST`, optionally publishing a version.
    func updateFunctionCode(_ function: String, code: CodeBundle, publish: Bool, revisionId: String?) async throws -> FunctionConfiguration
    /// UpdateFunctionConfiguration of `$LATEST`.
    func updateFunctionConfiguration(_ function: String, _ update: FunctionConfigurationUpdate) async throws -> FunctionConfiguration
    /// PublishVersion; answers the existing version when `$LATEST` is unchanged since it.
    func publishVersion(_ function: String, codeSha256: String?, revisionId: String?, description: String?) async throws -> FunctionConfiguration
    /// ListVersionsByFunction: `$LATEST` and the published versions.
    func listVersions(_ function: String) async throws -> [FunctionConfiguration]
    /// CreateAlias.
    func createAlias(_ function: String, name: String, functionVersion: String, description: String, routing: AliasRouting?) async throws -> FunctionAlias
    /// UpdateAlias.
    func updateAlias(_ function: String, name: String, _ update: AliasUpdate) async throws -> FunctionAlias
    /// GetAlias.
    func getAlias(_ function: String, name: String) async throws -> FunctionAlias
    /// DeleteAlias.
    func deleteAlias(_ function: String, name: String) async throws
    /// ListAliases.
    func listAliases(_ function: String) async throws -> [FunctionAlias]
    /// PutFunctionConcurrency; 0 throttles every invocation.
    func putFunctionConcurrency(_ function: String, reservedConcurrentExecutions: Int) async throws -> Int
    /// GetFunctionConcurrency; nil when none is reserved.
    func getFunctionConcurrency(_ function: String) async throws -> Int?
    /// DeleteFunctionConcurrency.
    func deleteFunctionConcurrency(_ function: String) async throws
    /// Invoke a function by name, version or alias.
    func invoke(_ function: String, qualifier: String?, payload: Data, invocationType: InvocationType) async throws -> InvocationResponse
}

/// Step Functions control plane.
public protocol StepFunctionsAPI: Sendable {
    /// CreateStateMachine.
    func createStateMachine(_ request: CreateStateMachineRequest) async throws -> CreateStateMachineResult
    /// DescribeStateMachine of a state machine or version ARN.
    func describeStateMachine(_ arn: String) async throws -> StateMachine
    /// ListStateMachines.
    func listStateMachines() async throws -> [StateMachine]
    /// UpdateStateMachine; a new revision when anything changed.
    func updateStateMachine(_ request: UpdateStateMachineRequest) async throws -> UpdateStateMachineResult
    /// DeleteStateMachine with its versions and aliases.
    func deleteStateMachine(_ arn: String) async throws
    /// PublishStateMachineVersion; answers the existing version of the current revision.
    func publishStateMachineVersion(_ arn: String, revisionId: String?, description: String?) async throws -> StateMachineVersion
    /// ListStateMachineVersions, newest first.
    func listStateMachineVersions(_ arn: String) async throws -> [StateMachineVersion]
    /// DeleteStateMachineVersion; refused while an alias routes to it.
    func deleteStateMachineVersion(_ versionArn: String) async throws
    /// CreateStateMachineAlias; the alias's ARN and creation date.
    func createStateMachineAlias(name: String, description: String, routing: [StateMachineRoute]) async throws -> StateMachineAlias
    /// UpdateStateMachineAlias; nil leaves a field as it is.
    func updateStateMachineAlias(_ aliasArn: String, description: String?, routing: [StateMachineRoute]?) async throws -> StateMachineAlias
    /// DescribeStateMachineAlias.
    func describeStateMachineAlias(_ aliasArn: String) async throws -> StateMachineAlias
    /// DeleteStateMachineAlias (the versions stay).
    func deleteStateMachineAlias(_ aliasArn: String) async throws
    /// ListStateMachineAliases.
    func listStateMachineAliases(_ stateMachineArn: String) async throws -> [StateMachineAlias]
    /// ValidateStateMachineDefinition.
    func validateStateMachineDefinition(_ definition: String, type: StateMachineType) async throws -> DefinitionValidationResult
}

/// IAM roles and managed policies (global to the account).
public protocol IAMAPI: Sendable {
    /// CreateRole.
    func createRole(_ request: CreateRoleRequest) async throws -> Role
    /// GetRole.
    func getRole(_ roleName: String) async throws -> Role
    /// ListRoles.
    func listRoles() async throws -> [Role]
    /// DeleteRole; refused while it has inline or attached policies.
    func deleteRole(_ roleName: String) async throws
    /// UpdateAssumeRolePolicy.
    func updateAssumeRolePolicy(_ roleName: String, policyDocument: String) async throws
    /// UpdateRole (description and maximum session duration; nil leaves as is).
    func updateRole(_ roleName: String, description: String?, maxSessionDuration: Int?) async throws
    /// PutRolePolicy: create or replace an inline policy.
    func putRolePolicy(_ roleName: String, policyName: String, policyDocument: String) async throws
    /// GetRolePolicy: the inline policy's document.
    func getRolePolicy(_ roleName: String, policyName: String) async throws -> String
    /// DeleteRolePolicy.
    func deleteRolePolicy(_ roleName: String, policyName: String) async throws
    /// ListRolePolicies: inline policy names.
    func listRolePolicies(_ roleName: String) async throws -> [String]
    /// AttachRolePolicy.
    func attachRolePolicy(_ roleName: String, policyArn: String) async throws
    /// DetachRolePolicy.
    func detachRolePolicy(_ roleName: String, policyArn: String) async throws
    /// ListAttachedRolePolicies.
    func listAttachedRolePolicies(_ roleName: String) async throws -> [AttachedPolicy]
    /// CreatePolicy (version `v1`, default).
    func createPolicy(_ request: CreatePolicyRequest) async throws -> ManagedPolicy
    /// GetPolicy.
    func getPolicy(_ policyArn: String) async throws -> ManagedPolicy
    /// ListPolicies (customer managed, `Scope=Local`).
    func listPolicies() async throws -> [ManagedPolicy]
    /// DeletePolicy; refused while attached or while it has non-default versions.
    func deletePolicy(_ policyArn: String) async throws
    /// CreatePolicyVersion (at most 5 versions).
    func createPolicyVersion(_ policyArn: String, policyDocument: String, setAsDefault: Bool) async throws -> PolicyVersion
    /// GetPolicyVersion.
    func getPolicyVersion(_ policyArn: String, versionId: String) async throws -> PolicyVersion
    /// ListPolicyVersions, newest first.
    func listPolicyVersions(_ policyArn: String) async throws -> [PolicyVersion]
    /// DeletePolicyVersion; the default version cannot be deleted.
    func deletePolicyVersion(_ policyArn: String, versionId: String) async throws
    /// SetDefaultPolicyVersion.
    func setDefaultPolicyVersion(_ policyArn: String, versionId: String) async throws
}

/// Tags of functions, state machines, roles and policies, addressed by ARN.
public protocol TaggingAPI: Sendable {
    /// Adds or replaces tags.
    func tagResource(_ arn: String, tags: [String: String]) async throws
    /// Removes tags by key.
    func untagResource(_ arn: String, keys: [String]) async throws
    /// Lists a resource's tags.
    func listTags(_ arn: String) async throws -> [String: String]
}

/// Invocation metrics, like CloudWatch's for Lambda.
public protocol FunctionMetricsAPI: Sendable {
    /// Statistics per minute and over the whole range for one function and dimension.
    func functionMetrics(_ query: FunctionMetricsQuery) async throws -> FunctionMetrics
}
