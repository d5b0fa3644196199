import ArgumentParser
import Cloud
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim functions`: the functions of one account and region.
    struct Functions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "functions", abstract: "List functions with their versions, aliases and reserved concurrency.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        /// One function as listed.
        struct Listing: Codable {
            var configuration: FunctionConfiguration
            var versions: [String]
            var aliases: [FunctionAlias]
            var reservedConcurrentExecutions: Int?
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                var listings: [Listing] = []
                for function in try await provider.listFunctions() {
                    let versions = try await provider.listVersions(function.functionName).dropFirst().map(\.version.description)
                    let aliases = try await provider.listAliases(function.functionName)
                    let concurrency = try await provider.getFunctionConcurrency(function.functionName)
                    listings.append(Listing(configuration: function, versions: versions, aliases: aliases, reservedConcurrentExecutions: concurrency))
                }
                if global.output == .json { return SimCommand.printJSON(listings) }
                if listings.isEmpty { return print("No functions in \(scope.account)/\(scope.region).") }
                print(SimCommand.table(
                    ["NAME", "RUNTIME", "MEMORY", "TIMEOUT", "STATE", "UPDATE", "CODE", "VERSIONS", "ALIASES", "RESERVED"],
                    listings.map { listing in
                        let config = listing.configuration
                        return [config.functionName, config.runtime, "\(config.memorySize)", "\(config.timeout)s", config.state.rawValue,
                                config.lastUpdateStatus?.rawValue ?? "-", config.codeId ?? "-",
                                listing.versions.isEmpty ? "-" : listing.versions.joined(separator: ","),
                                listing.aliases.isEmpty ? "-" : listing.aliases.map(Plumb.Sim.Function.describe).joined(separator: " "),
                                listing.reservedConcurrentExecutions.map(String.init) ?? "-"]
                    }))
            }
        }
    }

    /// `plumb sim function NAME`: one function in detail.
    struct Function: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "function", abstract: "Show a function: $LATEST, versions, aliases with routing, tags, concurrency.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: SimScopeOptions

        @Argument(help: "The function's name or ARN.")
        var name: String

        /// A function in detail.
        struct Detail: Codable {
            var function: FunctionDetails
            var versions: [FunctionConfiguration]
            var aliases: [FunctionAlias]
        }

        /// `live→1 (2@10%)`.
        static func describe(_ alias: FunctionAlias) -> String {
            var text = "\(alias.name)→\(alias.functionVersion)"
            if let (version, weight) = alias.routingConfig?.additionalVersionWeights.first {
                text += " (\(version)@\(String(format: "%g", weight * 100))%)"
            }
            return text
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let provider = try cloud.inspector(account: scope.account, region: scope.region)
                let details = try await provider.getFunction(name, qualifier: nil)
                let versions = try await provider.listVersions(name)
                let aliases = try await provider.listAliases(name)
                if global.output == .json { return SimCommand.printJSON(Detail(function: details, versions: versions, aliases: aliases)) }
                let config = details.configuration
                var lines = [
                    "Function      \(config.functionArn)",
                    "Runtime       \(config.runtime)  handler \(config.handler)  \(config.memorySize) MB  timeout \(config.timeout)s",
                    "Role          \(config.role)",
                    "State         \(config.state.rawValue)  last update \(config.lastUpdateStatus?.rawValue ?? "-")  modified \(SimCommand.format(config.lastModified))",
                    "Code          \(config.codeId ?? "-")  sha256 \(config.codeSha256)  \(config.codeSize) bytes",
                    "Code folder   \(details.codeLocation)",
                    "Reserved      \(details.reservedConcurrentExecutions.map(String.init) ?? "not set")",
                    "Environment   \(config.environment.isEmpty ? "-" : config.environment.keys.sorted().joined(separator: ", "))",
                    "Tags          \(details.tags.isEmpty ? "-" : details.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))",
                    "",
                    SimCommand.table(["VERSION", "CODE", "MEMORY", "TIMEOUT", "MODIFIED", "DESCRIPTION"], versions.map {
                        [$0.version.description, $0.codeId ?? "-", "\($0.memorySize)", "\($0.timeout)s", SimCommand.format($0.lastModified), $0.description]
                    }),
                ]
                if !aliases.isEmpty {
                    lines += ["", SimCommand.table(["ALIAS", "VERSION", "ROUTING", "DESCRIPTION"], aliases.map { alias in
                        let routing = alias.routingConfig?.additionalVersionWeights.first.map { "\($0.key)@\(String(format: "%g", $0.value * 100))%" } ?? "-"
                        return [alias.name, alias.functionVersion, routing, alias.description]
                    })]
                }
                print(lines.joined(separator: "\n"))
            }
        }
    }
}
