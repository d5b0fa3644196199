import Cloud
import DesiredState
import Foundation
@testable import Reconcile
import Testing

/// The function blue-green rollout as a pure state machine.
struct RolloutFunctionTests {
    static let canary = ReleasePolicy(steps: RolloutStrategy.canary(percent: 10, minutes: 5).trafficSteps,
                                      gates: HealthGates(maxErrorRate: 0.01, maxP99LatencyMs: 1000, minInvocations: 20),
                                      preTraffic: nil, trafficPayload: Data("{}".utf8), collectVersions: true)

    @Test func rollout_whenFunctionIsNew_createsPublishesAndPointsTheAliasWithoutGates() {
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(concurrency: 5), live: nil, policy: Self.canary)
        let driver = RolloutDriver.run(&rollout) { action in
            if case .createFunction = action { return .function(RolloutFixture.configuration(version: .number(1), code: "new")) }
            return .done
        }
        #expect(driver.failure == nil)
        #expect(driver.actions.map(\.operation) == ["lambda:CreateFunction", "lambda:GetFunction", "lambda:PutFunctionConcurrency", "lambda:CreateAlias"])
        if case .createFunction(let creation) = driver.actions[0] { #expect(creation.publish) }
        #expect(driver.actions.contains(.createAlias(name: "f", alias: "live", version: "1")))
    }

    @Test func rollout_whenCanaryIsHealthy_shiftsTenPercentWaitsAndPromotes() {
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(), live: RolloutFixture.live(), policy: Self.canary)
        let driver = RolloutDriver.run(&rollout) { action in
            switch action {
            case .publishVersion: return .function(RolloutFixture.configuration(version: .number(2), code: "new"))
            case .measure: return RolloutFixture.metrics(invocations: 25, errors: 0)
            case .listVersions: return .versions([], aliases: [])
            case .updateFunctionCode: return .function(RolloutFixture.configuration(version: .latest, code: "new"))
            default: return .done
            }
        }
        #expect(driver.failure == nil)
        #expect(driver.shifts == ["1+2@10", "2"])
        let waits = driver.actions.compactMap { if case .wait(let until) = $0 { return until } else { return nil } }
        #expect(waits == [RolloutFixture.now.addingTimeInterval(300)])
        let gates = driver.events.compactMap { if case .gate(let report) = $0 { return report.status } else { return nil } }
        #expect(gates == [.healthy, .healthy])
        // The update answered settled: no wait for the function to settle.
        #expect(!driver.actions.contains(.waitForFunction(name: "f")))
    }

    @Test func rollout_whenCanaryErrorsExceedGate_failsBeforePromotion() {
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(), live: RolloutFixture.live(), policy: Self.canary)
        let driver = RolloutDriver.run(&rollout) { action in
            switch action {
            case .publishVersion: return .function(RolloutFixture.configuration(version: .number(2), code: "new"))
            case .measure: return RolloutFixture.metrics(invocations: 30, errors: 3)
            default: return .done
            }
        }
        let failure = driver.failure
        #expect(failure?.kind == .healthGate)
        #expect(failure?.message.contains("errorRate 0.1 > 0.01") == true)
        #expect(driver.shifts == ["1+2@10"])
    }

    @Test func rollout_whenTooFewInvocations_sendsMoreTrafficThenGivesUp() {
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(), live: RolloutFixture.live(), policy: Self.canary)
        let driver = RolloutDriver.run(&rollout) { action in
            switch action {
            case .publishVersion: return .function(RolloutFixture.configuration(version: .number(2), code: "new"))
            case .measure: return RolloutFixture.metrics(invocations: 3, errors: 0)
            default: return .done
            }
        }
        let traffic = driver.actions.filter { $0.operation == "lambda:Invoke" }.count
        #expect(traffic == FunctionBlueGreenRollout.maximumTrafficRounds)
        #expect(driver.failure?.message.contains("minInvocations 3 < 20") == true)
    }

    @Test func rollout_whenLinear_stepsTenPercentAtATime() {
        let policy = ReleasePolicy(steps: RolloutStrategy.linear(percent: 25, everyMinutes: 1).trafficSteps, gates: nil,
                                   preTraffic: nil, trafficPayload: Data(), collectVersions: false)
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(), live: RolloutFixture.live(), policy: policy)
        let driver = RolloutDriver.run(&rollout) { action in
            if case .publishVersion = action { return .function(RolloutFixture.configuration(version: .number(2), code: "new")) }
            return .done
        }
        #expect(driver.failure == nil)
        #expect(driver.shifts == ["1+2@25", "1+2@50", "1+2@75", "2"])
        #expect(driver.actions.filter { if case .wait = $0 { return true } else { return false } }.count == 3)
    }

    @Test func rollout_whenPreTrafficCheckFails_movesNoTraffic() {
        var policy = Self.canary
        policy.preTraffic = PreTrafficHook(invoke: "f", payload: ["check": true])
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(), live: RolloutFixture.live(), policy: policy)
        let driver = RolloutDriver.run(&rollout) { action in
            switch action {
            case .publishVersion: return .function(RolloutFixture.configuration(version: .number(2), code: "new"))
            case .invoke: return .invocation(InvocationResponse(statusCode: 200, payload: Data("{\"errorType\":\"ValueError\"}".utf8),
                                                                functionError: "Unhandled", executedVersion: "2"))
            default: return .done
            }
        }
        #expect(driver.failure?.kind == .preTraffic)
        #expect(driver.shifts.isEmpty)
        #expect(driver.actions.contains(.invoke(name: "f", qualifier: "2", payload: Data("{\"check\":true}".utf8))))
    }

    @Test func rollout_whenAnOldVersionMatches_reusesItInsteadOfPublishing() {
        // Live on version 2 (code "old"); version 1 has code "older1": a revert to it.
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(code: "older1"), live: RolloutFixture.live(versions: 2),
                                               policy: .immediate)
        let driver = RolloutDriver.run(&rollout)
        #expect(driver.failure == nil)
        #expect(!driver.actions.contains(.publishVersion(name: "f")))
        #expect(driver.shifts == ["1"])
        #expect(driver.actions.first?.operation == "lambda:UpdateFunctionCode")
    }

    @Test func rollout_whenOnlyConcurrencyChanges_touchesNothingElse() {
        var rollout = FunctionBlueGreenRollout(target: RolloutFixture.target(code: "old", concurrency: 0),
                                               live: RolloutFixture.live(concurrency: 5), policy: Self.canary)
        let driver = RolloutDriver.run(&rollout) { action in
            if case .listVersions = action { return .versions([], aliases: []) }
            return .done
        }
        #expect(driver.failure == nil)
        #expect(driver.actions.map(\.operation) == ["lambda:PutFunctionConcurrency", "lambda:ListVersionsByFunction"])
    }

    @Test func versionCollection_keepsNewestAndAliasedVersions() {
        let versions = (1...6).map { RolloutFixture.configuration(version: .number($0), code: "c\($0)") }
        let alias = FunctionAlias(aliasArn: "a", name: "live", functionVersion: "6", description: "",
                                  routingConfig: AliasRouting(version: 2, weight: 0.1), revisionId: "r")
        let doomed = FunctionVersionCollection.doomed(versions: versions, aliases: [alias], keep: 2, protecting: "6")
        #expect(doomed == ["1", "3", "4"])
    }
}
