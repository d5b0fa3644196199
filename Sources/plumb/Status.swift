import ArgumentParser
import Foundation
import Reconcile

extension Plumb {
    /// `plumb status`: where an environment stands.
    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Show an environment: region, last good commit, pending and held changes, last attempt, lock.",
            discussion: """
                When a `plumb watch` daemon runs for --state-dir (its address is in <state-dir>/watch.json), asks \
                it: the controller of the environment answers with what it is doing, the source head, the \
                deployed and last good commits, the last attempt, held changes, drift and its last error. \
                Otherwise reads the ledger and plans the requested commit against the environment (nothing is \
                changed). The first lines say which answered. Exit code 0, or 1 on error.
                """
        )

        @OptionGroup var global: GlobalOptions

        func run() async throws {
            let session = try DeploySession.open(global, parallel: 1, lockWaitSeconds: nil)
            let report: StatusReport
            do {
                let daemon = await DaemonAnswer.ask(stateDirectory: global.stateDir, environment: session.environment)
                report = try await StatusReport.make(session, daemon: daemon)
            } catch {
                await session.cloud.shutdown()
                throw error
            }
            await session.cloud.shutdown()
            print(global.output == .json ? report.json : report.text)
        }
    }
}

/// What `plumb status` shows.
struct StatusReport: Codable {
    /// `daemon` when a running `plumb watch` answered, `ledger` otherwise.
    var source: String = "ledger"
    /// The daemon's answer, when it gave one.
    var daemon: DaemonAnswer?
    /// Why the ledger answered (no daemon, or a daemon that could not answer).
    var sourceNote: String?
    var environment: String
    var account: String?
    var region: String?
    var primaryRegion: String?
    var backupRegion: String?
    var lastGoodCommit: String?
    var lastGoodMessage: String?
    var lastGoodAt: Date?
    var requestedCommit: String?
    var pendingChanges: Int?
    var held: [PlanRecord.Held]
    var planError: String?
    var lastAttempt: DeploymentAttempt?
    var failedCommits: [FailedCommitRecord]
    var unfinishedAttempts: Int
    var lock: LockHolder?

    /// Reads the ledger and, unless a daemon answered, plans the requested commit.
    static func make(_ session: DeploySession, daemon: DaemonAnswer.Outcome) async throws -> StatusReport {
        let ledger = session.ledger
        let key = session.environment
        let record = try await ledger.environmentRecord(key)
        var report = StatusReport(environment: key, held: [], failedCommits: try await ledger.failedCommits(environment: key),
                                  unfinishedAttempts: try await ledger.unfinishedAttempts(environment: key).count,
                                  lock: try await ledger.holder(environment: key))
        switch daemon {
        case .answered(let answer):
            report.source = "daemon"
            report.daemon = answer
        case .none(let note):
            report.sourceNote = note
        }
        report.lastAttempt = try await ledger.attempts(environment: key, limit: 1).first
        report.lastGoodCommit = record?.lastGoodCommit
        report.lastGoodAt = record?.lastGoodAt
        if let good = record?.lastGoodCommit {
            report.lastGoodMessage = try? session.source.info(CommandContext.resolve(good, in: session.source.repository)).message
        }
        do {
            let loaded = try await session.source.requested(region: record?.activeRegion)
            let target = loaded.state.target
            report.account = target.account
            report.region = target.region
            report.backupRegion = target.backupRegion
            report.primaryRegion = try await session.source.requested(region: nil).state.target.region
            report.requestedCommit = loaded.commit?.id
            if let controller = report.daemon?.controller {
                // The daemon plans on every pass: its view of held changes and drift is current.
                report.region = controller.region ?? report.region
                return report
            }
            let provider = try session.cloud.provider(account: target.account, region: target.region)
            let plan = try await PlanSession(provider: provider).run(loaded.state).plan
            report.pendingChanges = plan.changes.count
            report.held = PlanRecord(plan).held
        } catch {
            report.planError = String(describing: error)
        }
        return report
    }

    var text: String {
        var lines = ["Environment: \(environment)\(account.map { " (account \($0))" } ?? "")"]
        if let daemon {
            lines.append("Answered by: the running daemon (pid \(daemon.pid), http://\(daemon.address)/status), controller '\(daemon.controller.name)'")
        } else {
            lines.append("Answered by: the ledger\(sourceNote.map { " (\($0))" } ?? "")")
        }
        if let region {
            var detail = "Region: \(region)"
            if let primaryRegion, primaryRegion != region { detail += " (failed over from \(primaryRegion))" }
            if let backupRegion { detail += ", backup \(backupRegion)" }
            lines.append(detail)
        }
        if let lastGoodCommit {
            lines.append("Last good commit: \(lastGoodCommit.prefix(7))\(lastGoodMessage.map { " \"\($0)\"" } ?? "")\(lastGoodAt.map { " at \(TimeText.format($0))" } ?? "")")
        } else {
            lines.append("Last good commit: none (nothing deployed yet)")
        }
        if let requestedCommit { lines.append("Requested commit: \(requestedCommit.prefix(7))") }
        if let daemon {
            lines += daemon.lines
        } else if let planError {
            lines.append("Pending changes: unknown (\(planError))")
        } else if let pendingChanges {
            lines.append("Pending changes: \(pendingChanges)\(held.isEmpty ? "" : ", \(held.count) held")")
        }
        for change in held { lines.append("  held \(change.resource): \(change.detail)") }
        if let attempt = lastAttempt {
            lines.append("Last attempt: #\(attempt.id ?? 0) \(attempt.revision) \(attempt.kind.rawValue) \(attempt.outcome.rawValue) at \(TimeText.format(attempt.startedAt))")
            if let error = attempt.error { lines.append("  error: \(error)") }
        }
        for failed in failedCommits { lines.append("Failed commit: \(failed.commit.prefix(7)) (\(failed.error)) — not applied again without --retry-failed") }
        if unfinishedAttempts > 0 { lines.append("Unfinished attempts: \(unfinishedAttempts) (the next apply, or plumb rollback --continue, finishes them)") }
        lines.append("Lock: \(lock.map { "held by \($0)" } ?? "free")")
        return lines.joined(separator: "\n")
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
