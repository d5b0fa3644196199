import Cloud
import Foundation

extension LiveStateReader {
    /// A function with its `$LATEST`, aliases, published versions, reserved concurrency and tags
    /// (three calls: ListAliases, ListVersionsByFunction, GetFunction); it need not be listed first.
    func detailFunction(named name: String) async throws -> LiveFunction {
        let aliases = try await call("ListAliases") { try await provider.listAliases(name) }
        let versions = try await call("ListVersionsByFunction") { try await provider.listVersions(name) }
        let latest = try await call("GetFunction") { try await provider.getFunction(name, qualifier: nil) }
        return LiveFunction(name: name, latest: latest.configuration, details: LiveFunction.Details(
            aliases: aliases.sorted { $0.name < $1.name },
            versions: versions.filter { $0.version != .latest }.sorted { $0.version < $1.version },
            reservedConcurrency: latest.reservedConcurrentExecutions,
            tags: latest.tags))
    }

    /// A state machine's versions, aliases, the versions its aliases route to, and tags.
    func detailStateMachine(_ machine: LiveStateMachine) async throws -> LiveStateMachine {
        let arn = machine.machine.stateMachineArn
        let versions = try await call("ListStateMachineVersions") { try await provider.listStateMachineVersions(arn) }
        let aliases = try await call("ListStateMachineAliases") { try await provider.listStateMachineAliases(arn) }
        let tags = try await call("ListTagsForResource") { try await provider.listTags(arn) }
        var routed: [String: StateMachine] = [:]
        for versionArn in Set(aliases.flatMap { $0.routingConfiguration.map(\.stateMachineVersionArn) }).sorted() {
            routed[versionArn] = try await call("DescribeStateMachine") { try await provider.describeStateMachine(versionArn) }
        }
        var result = machine
        result.details = LiveStateMachine.Details(versions: versions, routedVersions: routed,
                                                  aliases: aliases.sorted { $0.name < $1.name }, tags: tags)
        return result
    }

    /// A role's inline policy documents and attached policies.
    func detailRole(_ role: LiveRole) async throws -> LiveRole {
        let name = role.name
        let inlineNames = try await call("ListRolePolicies") { try await provider.listRolePolicies(name) }
        var inline: [String: String] = [:]
        for policyName in inlineNames {
            inline[policyName] = try await call("GetRolePolicy") { try await provider.getRolePolicy(name, policyName: policyName) }
        }
        let attached = try await call("ListAttachedRolePolicies") { try await provider.listAttachedRolePolicies(name) }
        var result = role
        result.inlinePolicies = inline
        result.attachedPolicies = attached.sorted { $0.policyArn < $1.policyArn }
        return result
    }

    /// A managed policy's versions with their documents.
    func detailPolicy(_ policy: LivePolicy) async throws -> LivePolicy {
        let arn = policy.policy.arn
        let versions = try await call("ListPolicyVersions") { try await provider.listPolicyVersions(arn) }
        var result = policy
        result.versions = versions
        return result
    }
}
