import Cloud
import DesiredState
import Foundation
@testable import Reconcile
import Testing

/// The state machine release as a pure state machine.
struct RolloutStateMachineTests {
    static let arn = "arn:aws:states:us-east-1:000000000000:stateMachine:flow"
    static let oldDefinition = #"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#
    static let newDefinition = #"{"StartAt":"B","States":{"B":{"Type":"Pass","End":true}}}"#

    static func target(_ definition: String = newDefinition) -> StateMachineTarget {
        StateMachineTarget(name: "flow", arn: arn, definition: definition, roleArn: "arn:aws:iam::000000000000:role/sm",
                           type: .standard, tags: [ManagedTag.key: ManagedTag.value], alias: "live", versionDescription: "")
    }

    static func live() -> LiveStateMachine {
        let machine = StateMachine(stateMachineArn: arn, name: "flow", status: .active, definition: oldDefinition,
                                   roleArn: "arn:aws:iam::000000000000:role/sm", type: .standard, creationDate: RolloutFixture.now,
                                   loggingConfiguration: LoggingConfiguration(), tracingEnabled: false, revisionId: "r1", description: nil)
        var version = machine
        version.stateMachineArn = arn + ":1"
        let alias = StateMachineAlias(stateMachineAliasArn: arn + ":live", name: "live", description: "",
                                      routingConfiguration: [StateMachineRoute(stateMachineVersionArn: arn + ":1", weight: 100)],
                                      creationDate: RolloutFixture.now, updateDate: nil)
        return LiveStateMachine(name: "flow", machine: machine, details: .init(
            versions: [StateMachineVersion(stateMachineVersionArn: arn + ":1", creationDate: RolloutFixture.now)],
            routedVersions: [arn + ":1": version], aliases: [alias], tags: [ManagedTag.key: ManagedTag.value]))
    }

    static func answer(_ status: ExecutionStatus) -> (CloudAction) -> ActionResult {
        { action in
            switch action {
            case .validateDefinition: return .validation(DefinitionValidationResult(result: .ok, diagnostics: []))
            case .updateStateMachine(let request):
                return .stateMachineUpdated(UpdateStateMachineResult(updateDate: RolloutFixture.now, revisionId: "r2",
                                                                     stateMachineVersionArn: request.publish ? arn + ":2" : nil))
            case .runExecution(let target, _, _, _):
                return .execution(StateMachineExecution(executionArn: "x", stateMachineArn: arn, name: "smoke", status: status,
                                                        startDate: RolloutFixture.now, stateMachineVersionArn: target))
            default: return .done
            }
        }
    }

    @Test func release_runsSmokeTestsOnTheNewVersionThenShiftsByTheSteps() {
        let policy = StateMachinePolicy(steps: RolloutStrategy.canary(percent: 20, minutes: 1).trafficSteps,
                                        smokeTests: [SmokeExecution(input: "{}", expect: "SUCCEEDED", timeoutSeconds: 60)])
        var rollout = StateMachineReleaseRollout(target: Self.target(), live: Self.live(), policy: policy)
        let driver = RolloutDriver.run(&rollout, answer: Self.answer(.succeeded))
        #expect(driver.failure == nil)
        let routes = driver.actions.compactMap { action -> [Int]? in
            if case .updateStateMachineAlias(_, let routing) = action { return routing.map(\.weight) } else { return nil }
        }
        #expect(routes == [[80, 20], [100]])
        #expect(driver.actions.contains(.runExecution(arn: Self.arn + ":2", input: "{}", timeoutSeconds: 60, express: false)))
        #expect(driver.actions.contains(.wait(until: RolloutFixture.now.addingTimeInterval(60))))
    }

    @Test func release_whenASmokeTestEndsOtherwise_failsWithoutMovingTheAlias() {
        let policy = StateMachinePolicy(steps: [], smokeTests: [SmokeExecution(input: "{}", expect: "SUCCEEDED", timeoutSeconds: 60)])
        var rollout = StateMachineReleaseRollout(target: Self.target(), live: Self.live(), policy: policy)
        let driver = RolloutDriver.run(&rollout, answer: Self.answer(.failed))
        #expect(driver.failure?.kind == .smokeTest)
        #expect(!driver.actions.contains { if case .updateStateMachineAlias = $0 { return true } else { return false } })
    }

    @Test func restore_toTheRoutedVersion_reusesItInsteadOfPublishing() {
        var live = Self.live()
        live.machine.definition = Self.newDefinition
        var rollout = StateMachineReleaseRollout(target: Self.target(Self.oldDefinition), live: live, policy: .immediate)
        let driver = RolloutDriver.run(&rollout, answer: Self.answer(.succeeded))
        #expect(driver.failure == nil)
        guard case .updateStateMachine(let request)? = driver.actions.first(where: { $0.operation == "states:UpdateStateMachine" }) else {
            Issue.record("no update: \(driver.actions)")
            return
        }
        #expect(!request.publish)
        #expect(!driver.actions.contains { if case .publishStateMachineVersion = $0 { return true } else { return false } })
        #expect(!driver.actions.contains { if case .updateStateMachineAlias = $0 { return true } else { return false } })
    }
}
