import Cloud
import DesiredState
import Foundation
@testable import Reconcile

/// Values for driving rollouts by hand: live functions and the outcomes of actions.
enum RolloutFixture {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let settings = FunctionSettings(runtime: "python3.11", handler: "app.handler", role: "arn:aws:iam::000000000000:role/r",
                                           memoryMB: 128, timeoutSeconds: 3, environment: ["A": "1"], description: "")

    static func configuration(_ name: String = "f", version: FunctionVersion, code: String, settings: FunctionSettings = settings) -> FunctionConfiguration {
        FunctionConfiguration(functionName: name, functionArn: "arn:aws:lambda:us-east-1:000000000000:function:\(name)",
                              runtime: settings.runtime, role: settings.role, handler: settings.handler, codeSize: 10,
                              codeSha256: "sha", codeId: code, description: settings.description, timeout: settings.timeoutSeconds,
                              memorySize: settings.memoryMB, lastModified: now, version: version, environment: settings.environment,
                              architectures: ["x86_64"], ephemeralStorageSize: 512, revisionId: "r", state: .active,
                              lastUpdateStatus: .successful)
    }

    static func target(code: String = "new", alias: String? = "live", concurrency: Int? = nil, keep: Int = 3) -> FunctionTarget {
        FunctionTarget(name: "f", settings: settings, code: FunctionCode(id: code, path: "functions/f"), reservedConcurrency: concurrency,
                       tags: [ManagedTag.key: ManagedTag.value], alias: alias, keepVersions: keep)
    }

    /// A live function on `code` with versions 1…`versions` (the last on `code`), alias `live` on the last.
    static func live(code: String = "old", versions: Int = 1, concurrency: Int? = nil) -> LiveFunction {
        let published = (1...versions).map { configuration(version: .number($0), code: $0 == versions ? code : "older\($0)") }
        let alias = FunctionAlias(aliasArn: "arn:aws:lambda:us-east-1:000000000000:function:f:live", name: "live",
                                  functionVersion: String(versions), description: "", routingConfig: nil, revisionId: "a")
        return LiveFunction(name: "f", latest: configuration(version: .latest, code: code),
                            details: .init(aliases: [alias], versions: published, reservedConcurrency: concurrency,
                                           tags: [ManagedTag.key: ManagedTag.value]))
    }

    static func metrics(invocations: Int, errors: Int, p99: Double = 10) -> ActionResult {
        let statistics = MetricStatistics(timestamp: now, invocations: invocations, errors: errors, throttles: 0, coldStarts: 0,
                                          durationP50: p99 / 2, durationP90: p99, durationP99: p99, durationAverage: p99 / 2,
                                          durationMaximum: p99)
        return .metrics(FunctionMetrics(functionName: "f", dimension: "executedVersion=2", start: now, end: now,
                                        datapoints: [], summary: statistics))
    }
}

/// Drives a rollout, answering each action with `answer` (default: `.done`), and records what it did.
struct RolloutDriver {
    var actions: [CloudAction] = []
    var events: [RolloutEvent] = []
    var failure: RolloutFailure?

    static func run(_ rollout: inout some Rollout, limit: Int = 200,
                    answer: (CloudAction) -> ActionResult = { _ in .done }) -> RolloutDriver {
        var driver = RolloutDriver()
        var outcome: ActionOutcome?
        var clock = RolloutFixture.now
        for _ in 0..<limit {
            switch rollout.next(after: outcome) {
            case .perform(let action):
                driver.actions.append(action)
                if case .wait(let until) = action { clock = max(clock, until) }
                outcome = ActionOutcome(answer(action), at: clock)
            case .report(let event):
                driver.events.append(event)
                outcome = nil
            case .finished:
                return driver
            case .failed(let failure):
                driver.failure = failure
                return driver
            }
        }
        driver.failure = RolloutFailure(.unsupported, rollout.resource, "the rollout did not end within \(limit) steps")
        return driver
    }

    /// The alias updates, as (primary, additional, weight).
    var shifts: [String] {
        actions.compactMap {
            if case .updateAlias(_, _, let primary, let additional, let weight) = $0 {
                return additional.map { "\(primary)+\($0)@\(Int((weight * 100).rounded()))" } ?? primary
            }
            return nil
        }
    }
}
