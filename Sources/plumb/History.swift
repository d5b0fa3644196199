import ArgumentParser
import Foundation
import Reconcile

extension Plumb {
    /// `plumb history`: every deployment attempt, with export, import and retention.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history",
            abstract: "Show, export and import the deployment history kept in the ledger.",
            subcommands: [List.self, Export.self, Import.self, Retention.self],
            defaultSubcommand: List.self
        )

        /// Options of the history commands: where the ledger is and which environment.
        struct LedgerOptions: ParsableArguments {
            @Option(name: .customLong("state-dir"), help: "Folder of plumb's state (default: .plumb).")
            var stateDir: String = ".plumb"

            @Option(name: .long, help: "Only this environment (default: every environment).")
            var env: String?

            @Option(name: .long, help: "Output format: text or json.")
            var output: OutputFormat = .text

            /// Opens the ledger.
            func ledger() throws -> LedgerStore { try LedgerStore(stateDirectory: stateDir) }
        }

        /// `plumb history [list]`.
        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List deployment attempts, newest first: commit, author, plan, outcome, error.")

            @OptionGroup var ledger: LedgerOptions

            @Option(help: "Show at most this many attempts.")
            var limit: Int = 20

            @Flag(help: "Show every journaled step of each attempt.")
            var steps = false

            func run() async throws {
                let store = try ledger.ledger()
                let entries = try await store.history(environment: ledger.env, limit: limit).reversed()
                if ledger.output == .json {
                    print(String(decoding: try HistoryExport.encoder.encode(Array(entries)), as: UTF8.self))
                    return
                }
                if entries.isEmpty { print("No deployments recorded in \(store.path).") }
                for entry in entries { print(HistoryText.render(entry, steps: steps)) }
            }
        }

        /// `plumb history export`.
        struct Export: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "export",
                abstract: "Write attempts (with their steps) as JSON to standard output.")

            @OptionGroup var ledger: LedgerOptions

            @Option(help: "Only attempts started at or after this time: 2026-01-31, 2026-01-31T12:00:00Z, or an age such as 7d or 12h.")
            var since: String?

            func run() async throws {
                let start = try since.map(HistoryText.parseSince)
                let store = try ledger.ledger()
                let attempts = try await store.history(environment: ledger.env, since: start)
                print(String(decoding: try HistoryExport.encoder.encode(HistoryExport(attempts: attempts)), as: UTF8.self))
            }
        }

        /// `plumb history import`.
        struct Import: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "import",
                abstract: "Add the attempts of an export to the ledger (attempts already present are skipped).")

            @OptionGroup var ledger: LedgerOptions

            @Argument(help: "The file written by `plumb history export`.")
            var file: String

            func run() async throws {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandError("cannot read \(file); give the file written by `plumb history export`")
                }
                let export = try HistoryExport.decode(data, file: file)
                let result = try await ledger.ledger().importHistory(export)
                print("Imported \(result.imported) attempt\(result.imported == 1 ? "" : "s"); \(result.skipped) already present.")
            }
        }

        /// `plumb history retention`.
        struct Retention: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "retention",
                abstract: "Show or change how much history is kept (finished attempts beyond the limits are dropped after each apply).")

            @OptionGroup var ledger: LedgerOptions

            @Option(help: "Keep at most this many attempts per environment, or `none`.")
            var keep: String?

            @Option(help: "Drop attempts older than this many days, or `none`.")
            var days: String?

            func run() async throws {
                let store = try ledger.ledger()
                var settings = try await store.retention()
                if let keep { settings.maxAttempts = try HistoryText.limit(keep, option: "--keep") }
                if let days { settings.maxAgeDays = try HistoryText.limit(days, option: "--days") }
                if keep != nil || days != nil { try await store.setRetention(settings) }
                let count = settings.maxAttempts.map { "\($0) attempts" } ?? "no attempt limit"
                let age = settings.maxAgeDays.map { "\($0) days" } ?? "no age limit"
                print("Retention: \(count) per environment, \(age). Failed commits are always kept.")
            }
        }
    }
}

/// Text forms for history.
enum HistoryText {
    /// One attempt as a few lines.
    static func render(_ entry: AttemptHistory, steps: Bool) -> String {
        let attempt = entry.attempt
        var lines: [String] = []
        let who = [attempt.message.map { "\"\($0)\"" }, attempt.author].compactMap { $0 }.joined(separator: " by ")
        lines.append("#\(attempt.id ?? 0)  \(TimeText.format(attempt.startedAt))  \(attempt.environment)/\(attempt.region.isEmpty ? "-" : attempt.region)  \(attempt.revision)  \(attempt.kind.rawValue)  \(attempt.outcome.rawValue)")
        if !who.isEmpty { lines.append("    \(who)") }
        lines.append("    plan: \(attempt.planSummary)")
        if let error = attempt.error { lines.append("    error: \(error)") }
        if steps {
            for step in entry.steps {
                lines.append("    \(step.sequence). \(TimeText.format(step.startedAt)) \(step.status.rawValue) \(step.phase.rawValue) \(step.resource): \(step.summary)\(step.error.map { " — \($0)" } ?? "")")
            }
        } else if !entry.steps.isEmpty {
            lines.append("    \(entry.steps.count) step\(entry.steps.count == 1 ? "" : "s") (--steps lists them)")
        }
        return lines.joined(separator: "\n")
    }

    /// `--since`: an ISO 8601 date or time, or an age (`7d`, `12h`, `30m`).
    static func parseSince(_ text: String) throws -> Date {
        if let unit = text.last, "dhm".contains(unit), let value = Double(text.dropLast()), value >= 0 {
            let seconds = value * (unit == "d" ? 86_400 : unit == "h" ? 3_600 : 60)
            return Date().addingTimeInterval(-seconds)
        }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        throw CommandError("--since \(text) is not a time; give 2026-01-31, 2026-01-31T12:00:00Z, or an age such as 7d")
    }

    /// A positive limit, or nil for `none`.
    static func limit(_ text: String, option: String) throws -> Int? {
        if text == "none" { return nil }
        guard let value = Int(text), value > 0 else { throw CommandError("\(option) takes a positive number or `none`; got \(text)") }
        return value
    }
}

/// Times in command output: ISO 8601, UTC.
enum TimeText {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
