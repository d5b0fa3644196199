import ArgumentParser
import CloudSim
import Foundation

extension Plumb.Sim {
    /// `plumb sim clock [show|advance|set|mode]`: the simulated clock shared by every process.
    struct Clock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clock",
            abstract: "Show or move the simulated clock, or switch it between virtual, real and scaled.",
            subcommands: [Show.self, Advance.self, Set.self, Mode.self], defaultSubcommand: Show.self)

        /// Prints the clock's state.
        static func report(_ state: SimClock.State, _ global: GlobalOptions) {
            if global.output == .json { return SimCommand.printJSON(state) }
            print("\(SimCommand.format(state.now)) (\(state.mode.rawValue)\(state.mode == .scaled ? " ×\(state.scale)" : ""))")
        }

        /// `plumb sim clock show`.
        struct Show: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the simulated time and mode.")
            @OptionGroup var global: GlobalOptions

            func run() async throws {
                try await SimCommand.run(global) { cloud in Clock.report(try await cloud.clock.state(), global) }
            }
        }

        /// `plumb sim clock advance DURATION`.
        struct Advance: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "advance", abstract: "Move a virtual or scaled clock forward (e.g. 90s, 5m, 2h).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "How far: 90, 90s, 5m, 2h, 1d.") var duration: SimDuration

            func run() async throws {
                try await SimCommand.run(global) { cloud in
                    try await cloud.clock.advance(by: duration.seconds)
                    Clock.report(try await cloud.clock.state(), global)
                }
            }
        }

        /// `plumb sim clock set TIME`.
        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", abstract: "Set a virtual or scaled clock to a later time (ISO 8601).")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The time, such as 2026-01-01T12:00:00Z.") var time: String

            func run() async throws {
                guard let date = ISO8601DateFormatter().date(from: time) else {
                    throw ValidationError("'\(time)' is not an ISO 8601 time; write it like 2026-01-01T12:00:00Z")
                }
                try await SimCommand.run(global) { cloud in
                    try await cloud.clock.set(to: date)
                    Clock.report(try await cloud.clock.state(), global)
                }
            }
        }

        /// `plumb sim clock mode virtual|real|scaled [--scale N]`.
        struct Mode: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "mode", abstract: "Switch the clock: virtual (waits pass at once), real, or scaled.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "virtual, real or scaled.") var mode: String
            @Option(name: .long, help: "Simulated seconds per real second, for scaled.") var scale: Double = 1

            func run() async throws {
                guard let clockMode = ClockMode(rawValue: mode) else { throw ValidationError("the mode is virtual, real or scaled") }
                try await SimCommand.run(global) { cloud in
                    try await cloud.clock.setMode(clockMode, scale: scale)
                    Clock.report(try await cloud.clock.state(), global)
                }
            }
        }
    }
}

