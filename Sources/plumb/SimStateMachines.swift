import ArgumentParser
import Cloud
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim state-machines`: state machines with revisions, versions and aliases.
    struct StateMachines: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "state-machines", abstract: "List state machines with their revision, versions and aliases.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        /// One state machine as listed.
        struct Listing: Codable {
            var stateMachine: StateMachine
            var versions: [StateMachineVersion]
            var aliases: [StateMachineAlias]
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                var listings: [Listing] = []
                for machine in try await provider.listStateMachines() {
                    listings.append(Listing(stateMachine: machine,
                                            versions: try await provider.listStateMachineVersions(machine.stateMachineArn),
                                            aliases: try await provider.listStateMachineAliases(machine.stateMachineArn)))
                }
                if global.output == .json { return SimCommand.printJSON(listings) }
                if listings.isEmpty { return print("No state machines in \(scope.account)/\(scope.region).") }
                print(SimCommand.table(["NAME", "TYPE", "REVISION", "VERSIONS", "ALIASES", "UPDATED"], listings.map { listing in
                    let aliases = listing.aliases.map { alias in
                        alias.name + "→" + alias.routingConfiguration.map { route in
                            "\(route.stateMachineVersionArn.split(separator: ":").last ?? "?")@\(route.weight)%"
                        }.joined(separator: ",")
                    }
                    return [listing.stateMachine.name, listing.stateMachine.type.rawValue, listing.stateMachine.revisionId ?? "INITIAL",
                            listing.versions.compactMap(\.number).sorted().map(String.init).joined(separator: ",").ifEmpty("-"),
                            aliases.joined(separator: " ").ifEmpty("-"), SimCommand.format(listing.stateMachine.creationDate)]
                }))
            }
        }
    }

    /// `plumb sim roles`: IAM roles of an account.
    struct Roles: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "roles", abstract: "List IAM roles with their inline and attached policies.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        /// One role as listed.
        struct Listing: Codable {
            var role: Role
            var inlinePolicies: [String]
            var attachedPolicies: [AttachedPolicy]
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                var listings: [Listing] = []
                for role in try await provider.listRoles() {
                    listings.append(Listing(role: role, inlinePolicies: try await provider.listRolePolicies(role.roleName),
                                            attachedPolicies: try await provider.listAttachedRolePolicies(role.roleName)))
                }
                if global.output == .json { return SimCommand.printJSON(listings) }
                if listings.isEmpty { return print("No roles in account \(scope.account).") }
                print(SimCommand.table(["NAME", "ARN", "INLINE", "ATTACHED"], listings.map {
                    [$0.role.roleName, $0.role.arn, $0.inlinePolicies.joined(separator: ",").ifEmpty("-"),
                     $0.attachedPolicies.map(\.policyName).joined(separator: ",").ifEmpty("-")]
                }))
            }
        }
    }

    /// `plumb sim policies`: customer managed policies of an account.
    struct Policies: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "policies", abstract: "List managed policies with their versions and attachments.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        /// One policy as listed.
        struct Listing: Codable {
            var policy: ManagedPolicy
            var versions: [PolicyVersion]
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                var listings: [Listing] = []
                for policy in try await provider.listPolicies() {
                    listings.append(Listing(policy: policy, versions: try await provider.listPolicyVersions(policy.arn)))
                }
                if global.output == .json { return SimCommand.printJSON(listings) }
                if listings.isEmpty { return print("No managed policies in account \(scope.account).") }
                print(SimCommand.table(["NAME", "ARN", "DEFAULT", "VERSIONS", "ATTACHMENTS"], listings.map {
                    [$0.policy.policyName, $0.policy.arn, $0.policy.defaultVersionId,
                     $0.versions.map(\.versionId).joined(separator: ","), "\($0.policy.attachmentCount)"]
                }))
            }
        }
    }
}

fileprivate extension String {
    /// `replacement` when the string is empty.
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
