import ArgumentParser
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim status`: what the simulated cloud holds, its clock and switches.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "status", abstract: "Show the store, clock, switches, faults and resource counts per region.")

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                let status = try await cloud.status()
                if global.output == .json { return SimCommand.printJSON(status) }
                let settle = status.settings.settleSeconds == 0 ? "none" : "\(status.settings.settleSeconds)s"
                var lines = [
                    "Store         \(status.databasePath)",
                    "Clock         \(SimCommand.format(status.clock.now)) (\(status.clock.mode.rawValue)\(status.clock.mode == .scaled ? " ×\(status.clock.scale)" : ""))",
                    "Rate limits   \(status.settings.rateLimitsEnabled ? "on" : "off")    Settling: \(settle)    Seed: \(status.settings.seed)",
                    "Faults        \(status.faults)    Regions down: \(status.unavailableRegions.isEmpty ? "none" : status.unavailableRegions.joined(separator: ", "))",
                    "Code bundles  \(status.codeBundles)",
                ]
                if !status.regions.isEmpty {
                    lines.append("")
                    lines.append(SimCommand.table(
                        ["ACCOUNT", "REGION", "FUNCTIONS", "VERSIONS", "ALIASES", "STATE-MACHINES", "SM-VERSIONS", "SM-ALIASES", "EXECUTIONS", "INVOCATIONS"],
                        status.regions.map { [$0.account, $0.region, "\($0.functions)", "\($0.functionVersions)", "\($0.functionAliases)",
                                              "\($0.stateMachines)", "\($0.stateMachineVersions)", "\($0.stateMachineAliases)",
                                              "\($0.executions)", "\($0.invocations)"] }))
                }
                if !status.accounts.isEmpty {
                    lines.append("")
                    lines.append(SimCommand.table(["ACCOUNT", "ROLES", "POLICIES"],
                                                  status.accounts.map { [$0.account, "\($0.roles)", "\($0.policies)"] }))
                }
                print(lines.joined(separator: "\n"))
            }
        }
    }
}
