import Cloud
import CloudSim
import DesiredState
import Foundation
import Git
import Reconcile

/// Populates a simulated cloud with a desired state as a converged deployment leaves it: every
/// resource tagged `plumb:managed`, version 1 behind each alias, reserved concurrency set.
/// Writes straight through the simulator's API (rate limits off while it runs).
enum BenchSeeder {
    /// Seeds `stateDirectory` with the desired state of `revision`; answers how many resources.
    static func seed(repo: String, revision: String, stateDirectory: String) async throws -> Int {
        let repository = try Repository.open(path: repo)
        let desired = try DesiredStateLoader().load(repository: repository, revision: revision).validState()
        let cloud = try SimCloud(stateDirectory: stateDirectory)
        let provider = try cloud.provider(account: desired.target.account, region: desired.target.region)
        try await cloud.setRateLimits(enabled: false)
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
                var files: [String: Cloud.CodeFile] = [:]
                for file in try desired.codeReader.files(of: function) {
                    files[file.path] = Cloud.CodeFile(bytes: Data(file.bytes), isExecutable: file.executable)
                }
                code = CodeBundle(id: function.code.treeID, files: files)
                bundles[function.code.treeID] = code
            }
            try await seed(function, code: code, provider)
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
        try await cloud.setRateLimits(enabled: true)
        await cloud.shutdown()
        return desired.policies.count + desired.roles.count + desired.functions.count + desired.stateMachines.count
    }

    private static func seed(_ function: FunctionResource, code: CodeBundle, _ provider: SimProvider) async throws {
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
}
