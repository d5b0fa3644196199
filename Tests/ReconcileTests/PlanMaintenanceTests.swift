import DesiredState
import Foundation
import PlumbTesting
import Reconcile
import Testing

/// Maintenance: paused, freeze windows on the environment's clock in the window's time zone,
/// blocked resources, and emergency shutdown with its revert.
@Suite struct PlanMaintenanceTests {
    /// Two functions (`orders` with alias, `billing` without) and a state machine, plus `maintenance`.
    static func manifests(maintenance: String, ordersMemory: Int = 256) -> String {
        """
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: exec}
        spec: {trust: {service: lambda.amazonaws.com}}
        ---
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: states}
        spec: {trust: {service: states.amazonaws.com}}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: orders}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec, alias: live, memoryMB: \(ordersMemory), reservedConcurrency: 5}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: billing}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec, memoryMB: 512}
        ---
        apiVersion: plumb.dev/v1
        kind: StateMachine
        metadata: {name: flow}
        spec: {definition: flow.asl.json, role: states, alias: live}
        ---
        apiVersion: plumb.dev/v1
        kind: Maintenance
        metadata: {name: maintenance}
        spec: \(maintenance)
        """
    }

    /// Live state in sync with `manifests` (orders at 256 MB), except `billing` at 128 MB.
    static let live = """
        {"functions": {
           "orders": {"latest": {"codeId": "{{code}}", "memoryMB": 256, "role": "arn:aws:iam::000000000000:role/exec"},
                      "versions": {"1": {"codeId": "{{code}}", "memoryMB": 256, "role": "arn:aws:iam::000000000000:role/exec"}},
                      "aliases": [{"name": "live", "version": "1"}], "reservedConcurrency": RESERVED,
                      "tags": {"plumb:managed": "true"}},
           "billing": {"latest": {"codeId": "{{code}}", "memoryMB": 128, "role": "arn:aws:iam::000000000000:role/exec"},
                       "versions": {}, "aliases": [], "tags": {"plumb:managed": "true"}}},
         "stateMachines": {"flow": {"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                                    "role": "arn:aws:iam::000000000000:role/states",
                                    "versions": {"1": {"definition": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
                                                       "role": "arn:aws:iam::000000000000:role/states"}},
                                    "aliases": [{"name": "live", "routing": [{"version": "1", "weight": 100}]}],
                                    "tags": {"plumb:managed": "true"SHUTDOWNTAG}}},
         "roles": {"exec": {"trust": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                            "inline": {}, "attached": [], "tags": {"plumb:managed": "true"}},
                   "states": {"trust": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
                              "inline": {}, "attached": [], "tags": {"plumb:managed": "true"}}}}
        """

    func setUp(_ maintenance: String, ordersMemory: Int = 256, shutDown: Bool = false, folder: TemporaryDirectory) throws -> (DesiredState, LiveState) {
        let desired = try DesiredFixture.load(PlanMaintenanceTests.manifests(maintenance: maintenance, ordersMemory: ordersMemory), in: folder,
                                              files: ["flow.asl.json": #"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}"#])
        let text = PlanMaintenanceTests.live.replacingOccurrences(of: "RESERVED", with: shutDown ? "0" : "5")
            .replacingOccurrences(of: "SHUTDOWNTAG", with: shutDown ? #", "plumb:emergency-shutdown": "true""# : "")
        return (desired, try LiveFixture.parse(text, codeId: desired.functions.first?.code.treeID ?? ""))
    }

    /// 2030-06-02 is a Sunday.
    static func date(_ text: String) throws -> Date {
        try #require(ISO8601DateFormatter().date(from: text))
    }

    @Test func normalMode_plansOnlyTheFunctionThatDiffers() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try setUp("{mode: normal}", folder: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.changes.map(\.resource.description) == ["Function/billing"])
        #expect(plan.changes.first?.diffs.map(\.path) == ["memoryMB"])
        #expect(plan.held.isEmpty)
    }

    @Test func paused_holdsEveryChangeWithTheReason() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try setUp("{mode: paused}", folder: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.changes.isEmpty && !plan.isEmpty)
        #expect(plan.held.map(\.reason) == [.paused])
        #expect(plan.renderText().contains("held: maintenance mode is paused"))
    }

    @Test func freezeWindow_inItsOwnTimeZone_holdsInsideAndReleasesOutside() throws {
        let folder = try TemporaryDirectory()
        let window = "{freezeWindows: [{days: [sunday], start: \"02:00\", end: \"04:00\", timezone: America/New_York, reason: weekly maintenance}]}"
        let (desired, live) = try setUp(window, folder: folder)
        // 03:30 in New York on Sunday 2 June 2030 (EDT, UTC-4) is 07:30 UTC.
        let inside = Planner.plan(desired: desired, live: live, now: try Self.date("2030-06-02T07:30:00Z"))
        guard case .freezeWindow(let open, let closesAt)? = inside.held.first?.reason else {
            Issue.record("expected a change held by the freeze window, got \(inside.held)")
            return
        }
        #expect(open.reason == "weekly maintenance" && inside.changes.isEmpty)
        #expect(closesAt == (try Self.date("2030-06-02T08:00:00Z")))
        // 03:30 UTC is still Saturday evening in New York: outside the window.
        let outside = Planner.plan(desired: desired, live: live, now: try Self.date("2030-06-02T03:30:00Z"))
        #expect(outside.held.isEmpty && outside.changes.count == 1)
    }

    @Test func overnightFreezeWindow_coversTheNextMorning() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try setUp("{freezeWindows: [{days: [saturday], start: \"22:00\", end: \"06:00\"}]}", folder: folder)
        #expect(Planner.plan(desired: desired, live: live, now: try Self.date("2030-06-02T05:59:00Z")).changes.isEmpty)
        #expect(Planner.plan(desired: desired, live: live, now: try Self.date("2030-06-01T23:00:00Z")).changes.isEmpty)
        #expect(Planner.plan(desired: desired, live: live, now: try Self.date("2030-06-02T06:00:00Z")).changes.count == 1)
        #expect(Planner.plan(desired: desired, live: live, now: try Self.date("2030-06-01T21:59:00Z")).changes.count == 1)
    }

    @Test func blockedResource_isHeldWhileOthersDeploy() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try setUp("{blocked: [orders]}", ordersMemory: 1024, folder: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.changes.map(\.resource.description) == ["Function/billing"])
        #expect(plan.held.map(\.change.resource.description) == ["Function/orders"])
        #expect(plan.held.first?.reason == .blocked)
    }

    @Test func emergencyShutdown_plansItsOwnChangeSetAndHoldsTheRest() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try setUp("{mode: emergency-shutdown}", folder: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.changes.map(\.resource.description) == ["StateMachine/flow", "Function/billing", "Function/orders"])
        #expect(plan.changes.allSatisfy { $0.rollout == .emergencyShutdown && $0.diffs.count == 1 })
        #expect(plan.changes.first?.diffs.first?.path == "tags.plumb:emergency-shutdown")
        #expect(plan.changes.last?.diffs.first?.desired == "0" && plan.changes.last?.diffs.first?.live == "5")
        #expect(plan.held.map(\.change.resource.description) == ["Function/billing"])
        #expect(plan.held.first?.reason == .emergencyShutdown && plan.held.first?.change.diffs.map(\.path) == ["memoryMB"])
    }

    @Test func emergencyShutdown_whenAlreadyShutDown_plansNothingMore() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try setUp("{mode: emergency-shutdown}", shutDown: true, folder: folder)
        var shutDown = live
        shutDown.functions["billing"]?.details?.reservedConcurrency = 0
        let plan = Planner.plan(desired: desired, live: shutDown, now: LiveFixture.epoch)
        #expect(plan.changes.isEmpty)
    }

    @Test func revertingEmergencyShutdown_restoresConcurrencyAndRemovesTheMark() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try setUp("{mode: normal}", shutDown: true, folder: folder)
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.diffPaths.sorted() == [
            "Function/billing memoryMB", "Function/orders reservedConcurrency", "StateMachine/flow tags.plumb:emergency-shutdown",
        ])
        let restore = try #require(plan.change(for: ResourceID(.function, "orders"))?.diffs.first)
        #expect(restore.desired == "5" && restore.live == "0")
        #expect(plan.change(for: ResourceID(.function, "orders"))?.rollout == .inPlace)
    }
}
