import DesiredState
import Foundation
import PlumbTesting
import Reconcile
import Testing

/// Order of changes, pruning and rollouts, on desired state loaded from manifests.
@Suite struct PlanOrderTests {
    static let manifests = """
        apiVersion: plumb.dev/v1
        kind: Policy
        metadata: {name: logs}
        spec:
          document:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: logs:PutLogEvents, Resource: "arn:aws:logs:us-east-1:000000000000:*"}]
        ---
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: exec}
        spec:
          trust: {service: lambda.amazonaws.com}
          policies: [logs]
        ---
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: states}
        spec:
          trust: {service: states.amazonaws.com}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: alpha}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec, alias: live, dependsOn: [zulu],
               rollout: {strategy: Canary10Percent5Minutes, healthGates: {maxErrorRate: 0.01}}}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: zulu}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec}
        ---
        apiVersion: plumb.dev/v1
        kind: StateMachine
        metadata: {name: flow}
        spec:
          definition: flow.asl.json
          role: states
          alias: live
          rollout: {smokeTests: [{input: {check: true}}]}
        """
    static let definition = #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#
    static let live = """
        {"functions": {
           "old": {"tags": {"plumb:managed": "true"}, "aliases": [], "versions": {}},
           "manual": {"tags": {"owner": "someone"}, "aliases": [], "versions": {}}},
         "roles": {"old-role": {"tags": {"plumb:managed": "true"}, "inline": {}, "attached": []},
                   "hand-made": {"inline": {}, "attached": []}}}
        """

    func load(_ folder: TemporaryDirectory) throws -> (DesiredState, LiveState) {
        let desired = try DesiredFixture.load(PlanOrderTests.manifests, in: folder, files: ["flow.asl.json": PlanOrderTests.definition])
        return (desired, try LiveFixture.parse(PlanOrderTests.live))
    }

    @Test func emptyEnvironment_createsIAMThenFunctionsByDependsOnThenStateMachines_andPrunesManagedInReverse() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try load(folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.changes.map(\.resource.description) == [
            "Policy/logs", "Role/exec", "Role/states", "Function/zulu", "Function/alpha", "StateMachine/flow",
            "Function/old", "Role/old-role",
        ])
        #expect(plan.changes.map(\.action) == [.create, .create, .create, .create, .create, .create, .delete, .delete])
        #expect(plan.unmanaged.map(\.description) == ["Role/hand-made", "Function/manual"])
        #expect(plan.summary == PlanSummary(changes: plan.changes, held: []))
        #expect(plan.summary.create == 6 && plan.summary.delete == 2)
    }

    @Test func pruneOff_keepsManagedResourcesThatAreNoLongerDesired() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try load(folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch, options: PlanOptions(prune: false))
        #expect(!plan.changes.contains { $0.action == .delete })
        #expect(plan.renderText().contains("Pruning is off"))
    }

    @Test func creates_carryTheRolloutEachResourceWillUse() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try load(folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        guard case .function(let alpha)? = plan.change(for: ResourceID(.function, "alpha"))?.rollout else {
            Issue.record("alpha has no function release")
            return
        }
        #expect(alpha.alias == "live" && alpha.steps.map(\.weight) == [10, 100] && alpha.healthGates?.maxErrorRate == 0.01)
        guard case .function(let zulu)? = plan.change(for: ResourceID(.function, "zulu"))?.rollout else {
            Issue.record("zulu has no function release")
            return
        }
        #expect(zulu.alias == nil)
        guard case .stateMachine(let flow)? = plan.change(for: ResourceID(.stateMachine, "flow"))?.rollout else {
            Issue.record("flow has no state machine release")
            return
        }
        #expect(flow.alias == "live" && flow.smokeTests.count == 1)
        #expect(plan.change(for: ResourceID(.role, "exec"))?.rollout == .inPlace)
        let exec = try #require(plan.change(for: ResourceID(.role, "exec")))
        #expect(exec.diffs.contains { $0.path == "policies.logs" && $0.desired == "arn:aws:iam::000000000000:policy/logs" })
        #expect(exec.diffs.contains { $0.path == "tags.plumb:managed" && $0.desired == "true" })
    }
}
