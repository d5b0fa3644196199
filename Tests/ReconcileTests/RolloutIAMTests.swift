import Cloud
import DesiredState
import Foundation
@testable import Reconcile
import Testing

/// IAM rollouts, health gates and the executor's ordering, as pure functions.
struct RolloutIAMTests {
    static let arn = "arn:aws:iam::000000000000:policy/p"

    static func livePolicy(versions: Int, defaultId: String, document: String = "{\"Version\":\"2012-10-17\"}") -> (LivePolicy, [PolicyVersion]) {
        let stored = (1...versions).map { index in
            PolicyVersion(versionId: "v\(index)", document: "v\(index)" == defaultId ? document : "{\"Old\":\(index)}",
                          isDefaultVersion: "v\(index)" == defaultId, createDate: RolloutFixture.now.addingTimeInterval(Double(index)))
        }
        let policy = ManagedPolicy(policyName: "p", policyId: "ANPA", arn: arn, path: "/", defaultVersionId: defaultId, attachmentCount: 0,
                                   description: "", createDate: RolloutFixture.now, updateDate: RolloutFixture.now,
                                   tags: [ManagedTag.key: ManagedTag.value])
        return (LivePolicy(policy: policy, versions: stored), stored.reversed())
    }

    @Test func policy_atTheLimitOfFive_deletesTheOldestNonDefaultVersionFirst() {
        let (live, listed) = Self.livePolicy(versions: 5, defaultId: "v1")
        let target = PolicyTarget(name: "p", arn: Self.arn, document: "{\"New\":true}", description: "", tags: [ManagedTag.key: ManagedTag.value])
        var rollout = PolicyRollout(target: target, live: live)
        let driver = RolloutDriver.run(&rollout) { action in
            if case .listPolicyVersions = action { return .policyVersions(listed) }
            return .done
        }
        #expect(driver.actions == [.listPolicyVersions(arn: Self.arn), .deletePolicyVersion(arn: Self.arn, versionId: "v2"),
                                   .createPolicyVersion(arn: Self.arn, document: "{\"New\":true}", setAsDefault: true)])
    }

    @Test func policy_whenAStoredVersionMatches_makesItTheDefaultAgain() {
        let (live, listed) = Self.livePolicy(versions: 3, defaultId: "v3")
        let target = PolicyTarget(name: "p", arn: Self.arn, document: "{ \"Old\" : 2 }", description: "", tags: [ManagedTag.key: ManagedTag.value])
        var rollout = PolicyRollout(target: target, live: live)
        let driver = RolloutDriver.run(&rollout) { action in
            if case .listPolicyVersions = action { return .policyVersions(listed) }
            return .done
        }
        #expect(driver.actions.last == .setDefaultPolicyVersion(arn: Self.arn, versionId: "v2"))
    }

    @Test func role_changes_areMadeInPlaceAttachingBeforeDetaching() {
        let role = Role(roleName: "r", roleId: "AROA", arn: "arn:aws:iam::000000000000:role/r", path: "/",
                        assumeRolePolicyDocument: "{\"a\":1}", description: "", maxSessionDuration: 3600,
                        createDate: RolloutFixture.now, tags: [ManagedTag.key: ManagedTag.value])
        let live = LiveRole(role: role, inlinePolicies: ["logs": "{\"x\":1}", "gone": "{}"],
                            attachedPolicies: [AttachedPolicy(policyName: "old", policyArn: "arn:old")])
        let target = RoleTarget(name: "r", arn: role.arn, trust: "{\"a\":2}", description: "", maxSessionDuration: 3600,
                                inline: ["logs": "{ \"x\": 1 }"], attached: ["arn:new"], tags: [ManagedTag.key: ManagedTag.value])
        var rollout = RoleRollout(target: target, live: live)
        let driver = RolloutDriver.run(&rollout)
        #expect(driver.actions == [.updateTrust(role: "r", document: "{\"a\":2}"), .attachRolePolicy(role: "r", policyArn: "arn:new"),
                                   .deleteRolePolicy(role: "r", policy: "gone"), .detachRolePolicy(role: "r", policyArn: "arn:old")])
    }

    @Test func healthGates_orderTheirVerdictsFromHealthyToUnhealthy() {
        let gates = HealthGates(maxErrorRate: 0.05, maxP99LatencyMs: 100, minInvocations: 10)
        func verdict(_ invocations: Int, _ errors: Int, _ p99: Double) -> HealthStatus {
            guard case .metrics(let metrics) = RolloutFixture.metrics(invocations: invocations, errors: errors, p99: p99) else { return .unhealthy }
            return HealthGateEvaluation.evaluate(gates, statistics: metrics.summary, function: "f", version: "2", percent: 10).status
        }
        #expect(verdict(20, 0, 50) == .healthy)
        #expect(verdict(5, 0, 50) == .insufficientData)
        #expect(verdict(20, 2, 50) == .unhealthy)
        #expect(verdict(20, 0, 150) == .unhealthy)
        #expect(HealthStatus.unhealthy.isWorse(than: .insufficientData))
        #expect(HealthGateEvaluation.trafficNeeded(for: 20, percent: 10) == 200)
    }
}
