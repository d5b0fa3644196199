import ArgumentParser
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim region up|down REGION`: a whole-region outage.
    struct Region: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "region",
            abstract: "Take a region down (every Lambda, Step Functions and CloudWatch call there fails) or bring it back.",
            subcommands: [Up.self, Down.self])

        /// `plumb sim region down REGION`.
        struct Down: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "down", abstract: "Make every call in a region fail with ServiceUnavailable.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The region, such as us-east-1.") var region: String
            @Option(name: .long, help: "Only this account (default: every account).") var account: String?

            func run() async throws {
                try await SimCommand.run(global) { cloud in
                    try await cloud.setRegion(region, available: false, account: account)
                    if global.output == .json { return SimCommand.printJSON(["region": region, "state": "down"]) }
                    print("Region \(region) is down\(account.map { " for account \($0)" } ?? ""); `plumb sim region up \(region)` brings it back.")
                }
            }
        }

        /// `plumb sim region up REGION`.
        struct Up: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "up", abstract: "End a region's outage.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The region, such as us-east-1.") var region: String
            @Option(name: .long, help: "Only this account's outage (default: every one).") var account: String?

            func run() async throws {
                try await SimCommand.run(global) { cloud in
                    try await cloud.setRegion(region, available: true, account: account)
                    if global.output == .json { return SimCommand.printJSON(["region": region, "state": "up"]) }
                    print("Region \(region) is up.")
                }
            }
        }
    }

    /// `plumb sim settings`: the store's switches.
    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "settings", abstract: "Show or change rate limits, the settling period, the seed and the account concurrency quota.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .customLong("rate-limits"), help: "on or off: AWS's API rate limits in simulated time.") var rateLimits: String?
        @Option(name: .long, help: "Settling period after function creates and updates (e.g. 0, 5s).") var settle: SimDuration?
        @Option(name: .long, help: "Restart the store's random numbers from this seed.") var seed: UInt64?
        @Option(name: .customLong("account-concurrency"), help: "Concurrent executions per account and region (Lambda's quota; default 1000, at least 100).") var accountConcurrency: Int?

        func validate() throws {
            if let rateLimits, !["on", "off"].contains(rateLimits) { throw ValidationError("--rate-limits is on or off") }
            if let accountConcurrency, accountConcurrency < 100 { throw ValidationError("--account-concurrency must be at least 100 (Lambda keeps 100 unreserved)") }
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                if let rateLimits { try await cloud.setRateLimits(enabled: rateLimits == "on") }
                if let settle { try await cloud.setSettleSeconds(settle.seconds) }
                if let seed { try await cloud.setSeed(seed) }
                if let accountConcurrency { try await cloud.setAccountConcurrency(accountConcurrency) }
                let settings = try await cloud.settings()
                if global.output == .json { return SimCommand.printJSON(settings) }
                print("Rate limits \(settings.rateLimitsEnabled ? "on" : "off"), settling \(settings.settleSeconds)s, seed \(settings.seed), account concurrency \(settings.accountConcurrency)")
            }
        }
    }

    /// `plumb sim reset`: start the simulated cloud over.
    struct Reset: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset", abstract: "Empty the simulated cloud (one transaction) and start it over.")

        @OptionGroup var global: GlobalOptions
        @Option(name: .long, help: "Seed of the new store.") var seed: UInt64 = 0
        @Option(name: .customLong("rate-limits"), help: "on (default) or off.") var rateLimits: String = "on"
        @Option(name: .long, help: "Settling period after function creates and updates.") var settle: SimDuration?
        @Option(name: .customLong("clock-start"), help: "Simulated start time (ISO 8601); default now.") var clockStart: String?

        func validate() throws {
            if !["on", "off"].contains(rateLimits) { throw ValidationError("--rate-limits is on or off") }
            if let clockStart, ISO8601DateFormatter().date(from: clockStart) == nil {
                throw ValidationError("--clock-start must be ISO 8601, like 2026-01-01T00:00:00Z")
            }
        }

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                var settings = SimSettings(seed: seed, rateLimitsEnabled: rateLimits == "on", settleSeconds: settle?.seconds ?? 0)
                if let clockStart, let date = ISO8601DateFormatter().date(from: clockStart) { settings.clockStart = date }
                try await cloud.reset(settings: settings)
                if global.output == .json { return SimCommand.printJSON(try await cloud.status()) }
                print("The simulated cloud in \(cloud.databasePath) is empty; clock at \(SimCommand.format(settings.clockStart)).")
            }
        }
    }

    /// `plumb sim export FILE`.
    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the whole simulated cloud (code included) to one file.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The file to write (must not exist).") var file: String

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                try await cloud.export(to: file)
                if global.output == .json { return SimCommand.printJSON(["exported": file]) }
                print("Exported the simulated cloud to \(file).")
            }
        }
    }

    /// `plumb sim import FILE`.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Replace the simulated cloud with an export (older exports are migrated).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "A file written by `plumb sim export`.") var file: String

        func run() async throws {
            try await SimCommand.run(global) { cloud in
                try await cloud.importState(from: file)
                if global.output == .json { return SimCommand.printJSON(try await cloud.status()) }
                print("Imported \(file) into \(cloud.databasePath).")
            }
        }
    }
}
