import Cloud
import DesiredState
import Foundation

/// Creates a desired state's resources in an empty environment as a converged deployment
/// leaves them — every resource tagged managed, version 1 behind each alias, reserved
/// concurrency set — straight through the provider's API, without plans or the executor.
///
/// For drills, benchmarks and tests that need an environment already in sync with a commit.
public enum ConvergedSeeder {
    /// Seeds `provider` with `desired`; answers how many resources it created.
    @discardableResult
    public static func seed(_ desired: DesiredState, into provider: some CloudProvider) async throws -> Int {
        let managed = [ManagedTag.key: ManagedTag.value]
        for policy in desired.policies {
            _ = try await provider.createPolicy(CreatePolicyRequest(policyName: policy.name, policyDocument: policy.document.serialized(), tags: managed))
        }
        for role in desired.roles {
            _ = try await provider.createRole(CreateRoleRequest(roleName: role.name, assumeRolePolicyDocument: role.trustPolicy.serialized(),
                                                                description: role.spec.description, maxSessionDuration: role.spec.maxSessionDuration, tags: managed))
            for (name, document) in role.inlinePolicies {
                try await provider.putRolePolicy(role.name, policyName: name, policyDocument: document.serialized())
            }
            for arn in role.managedPolicyARNs { try await provider.attachRolePolicy(role.name, policyArn: arn) }
        }
        var bundles: [String: CodeBundle] = [:]
        for function in desired.functions {
            let code: CodeBundle
            if let known = bundles[function.code.treeID] {
                code = known
            } else {
                code = try bundle(function, desired.codeReader)
                bundles[function.code.treeID] = code
            }
            try await seed(function, code: code, into: provider)
        }
        for machine in desired.stateMachines {
            let result = try await provider.createStateMachine(CreateStateMachineRequest(
                name: machine.name, definition: machine.definition.serialized(), roleArn: machine.roleARN,
                type: Cloud.StateMachineType(rawValue: machine.spec.type.rawValue) ?? .standard,
                publish: machine.spec.alias != nil, tags: machine.spec.tags.merging(managed) { $1 }))
            if let alias = machine.spec.alias, let version = result.stateMachineVersionArn {
                _ = try await provider.createStateMachineAlias(name: alias, description: "",
                                                               routing: [StateMachineRoute(stateMachineVersionArn: version, weight: 100)])
            }
        }
        return desired.policies.count + desired.roles.count + desired.functions.count + desired.stateMachines.count
    }

    /// Creates one function with its alias (version 1) and reserved concurrency.
    static func seed(_ function: FunctionResource, code: CodeBundle, into provider: some CloudProvider) async throws {
        let spec = function.spec
        _ = try await provider.createFunction(CreateFunctionRequest(
            functionName: function.name, runtime: spec.runtime, role: function.roleARN, handler: spec.handler, code: code,
            description: spec.description, timeout: spec.timeoutSeconds, memorySize: spec.memoryMB, environment: spec.environment,
            publish: spec.alias != nil, tags: spec.tags.merging([ManagedTag.key: ManagedTag.value]) { $1 }))
        if let alias = spec.alias {
            _ = try await provider.createAlias(function.name, name: alias, functionVersion: "1", description: "", routing: nil)
        }
        if let reserved = spec.reservedConcurrency {
            _ = try await provider.putFunctionConcurrency(function.name, reservedConcurrentExecutions: reserved)
        }
    }

    /// The code bundle of a function, read from its code folder.
    static func bundle(_ function: FunctionResource, _ reader: CodeReader) throws -> CodeBundle {
        var files: [String: Cloud.CodeFile] = [:]
        for file in try reader.files(of: function) {
            files[file.path] = Cloud.CodeFile(bytes: Data(file.bytes), isExecutable: file.executable)
        }
        return CodeBundle(id: function.code.treeID, files: files)
    }
}
