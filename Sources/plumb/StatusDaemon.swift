import Controller
import Foundation
import Reconcile

/// What a running `plumb watch` says about one environment, as `plumb status` shows it.
struct DaemonAnswer: Codable {
    /// The daemon's process id.
    var pid: Int32
    /// Its HTTP address (`127.0.0.1:port`).
    var address: String
    /// The status of the controller that deploys the environment.
    var controller: ControllerStatus

    /// Whether a daemon answered, and if not, why the ledger answers instead.
    enum Outcome {
        /// The daemon's controller of the environment answered.
        case answered(DaemonAnswer)
        /// No daemon answered; the note says why.
        case none(String)
    }

    /// Asks the daemon of `stateDirectory` (found through its `watch.json`) about `environment`.
    static func ask(stateDirectory: String, environment: String, timeout: Double = 5) async -> Outcome {
        do {
            guard let status = try await DaemonClient.status(stateDirectory: stateDirectory, timeout: timeout) else {
                return .none("no daemon runs for \(stateDirectory)")
            }
            guard let controller = status.controllers.first(where: { $0.environment == environment }) else {
                let names = status.controllers.map(\.environment).joined(separator: ", ")
                return .none("the daemon pid \(status.pid) runs no controller for environment \(environment) (only \(names))")
            }
            return .answered(DaemonAnswer(pid: status.pid, address: status.address, controller: controller))
        } catch {
            return .none("the daemon did not answer properly: \(error)")
        }
    }

    /// The controller's view, as lines of text.
    var lines: [String] {
        let status = controller
        var lines = ["Controller: \(status.activity.rawValue), \(status.passes) pass\(status.passes == 1 ? "" : "es")"
            + (status.nextPassAt.map { ", next at \(TimeText.format($0))" } ?? "")]
        if let head = status.sourceHead {
            lines.append("Source head: \(head.commit.prefix(7)) \"\(head.summary)\" (\(status.source.branch), fetched \(TimeText.format(head.fetchedAt)))")
        }
        if let deployed = status.deployedCommit { lines.append("Deployed commit: \(deployed.prefix(7))") }
        if let deploying = status.deploying { lines.append("Deploying: \(deploying.prefix(7))") }
        if let attempt = status.lastAttempt {
            lines.append("Controller's last attempt: \(attempt.commit.map { String($0.prefix(7)) } ?? "-") \(attempt.outcome) at \(TimeText.format(attempt.endedAt))")
            lines.append("  \(attempt.message)")
        }
        lines.append("Held changes: \(status.heldChanges.count)")
        for held in status.heldChanges { lines.append("  held \(held)") }
        lines.append("Drifted resources: \(status.driftCount)\(status.selfHeal ? " (self-heal on)" : "")")
        if let error = status.lastError {
            lines.append("Last error (\(error.kind), \(TimeText.format(error.at))\(error.retrying ? ", retrying" : "")): \(error.message)")
        }
        if let rewrite = status.lastRewrite {
            lines.append("History rewritten: \(rewrite.from.prefix(7)) → \(rewrite.to.prefix(7)) at \(TimeText.format(rewrite.at))")
        }
        return lines
    }
}
