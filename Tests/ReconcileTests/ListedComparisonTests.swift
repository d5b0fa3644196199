import Cloud
import DesiredState
import Foundation
import PlumbTesting
import Reconcile
import Testing

/// Resources only listed (no per-resource details) are compared on what the list calls show:
/// one in sync has no diff, and each listed field that differs is reported, exactly once.
@Suite struct ListedComparisonTests {
    /// The in-sync function fixture with its live function reduced to what ListFunctions shows.
    static func listedFunction(in folder: TemporaryDirectory) throws -> (DesiredState, LiveState) {
        let (desired, loaded) = try DesiredFixture.loadCase("function-in-sync", in: folder)
        var live = loaded
        let function = try #require(live.functions["orders"])
        live.functions["orders"] = LiveFunction(name: function.name, latest: function.latest)
        return (desired, live)
    }

    /// The in-sync state machine fixture with its live machine reduced to what ListStateMachines shows.
    static func listedMachine(in folder: TemporaryDirectory) throws -> (DesiredState, LiveState) {
        let (desired, loaded) = try DesiredFixture.loadCase("sm-in-sync-key-order", in: folder)
        var live = loaded
        let machine = try #require(live.stateMachines["flow"])
        live.stateMachines["flow"] = LiveStateMachine(name: machine.name, machine: machine.machine)
        return (desired, live)
    }

    @Test func listedFunctionInSync_hasNoChange() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try Self.listedFunction(in: folder)
        #expect(Planner.plan(desired: desired, live: live, now: LiveFixture.epoch).isEmpty)
    }

    /// One change to `$LATEST` and the diff path it must produce.
    struct FunctionEdit: CustomTestStringConvertible, Sendable {
        var path: String
        var edit: @Sendable (inout FunctionConfiguration) -> Void
        var testDescription: String { path }
    }

    static let functionEdits: [FunctionEdit] = [
        FunctionEdit(path: "runtime") { $0.runtime = "python3.12" },
        FunctionEdit(path: "handler") { $0.handler = "app.other" },
        FunctionEdit(path: "code") { $0.codeId = "0000000000000000000000000000000000000000" },
        FunctionEdit(path: "memoryMB") { $0.memorySize = 512 },
        FunctionEdit(path: "timeoutSeconds") { $0.timeout = 31 },
        FunctionEdit(path: "role") { $0.role = "arn:aws:iam::000000000000:role/other" },
        FunctionEdit(path: "description") { $0.description = "edited by hand" },
        FunctionEdit(path: "architectures") { $0.architectures = ["arm64"] },
        FunctionEdit(path: "ephemeralStorageMB") { $0.ephemeralStorageSize = 1024 },
        FunctionEdit(path: "environment.TABLE") { $0.environment["TABLE"] = "orders-old" },
        FunctionEdit(path: "environment.EXTRA") { $0.environment["EXTRA"] = "1" },
        FunctionEdit(path: "environment.LOG_LEVEL") { $0.environment["LOG_LEVEL"] = nil },
    ]

    @Test(arguments: functionEdits)
    func listedFunctionWithOneFieldChanged_reportsThatField(_ edit: FunctionEdit) throws {
        let folder = try TemporaryDirectory()
        let (desired, listed) = try Self.listedFunction(in: folder)
        var live = listed
        var latest = try #require(live.functions["orders"]?.latest)
        edit.edit(&latest)
        live.functions["orders"]?.latest = latest
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.diffPaths == ["Function/orders \(edit.path)"])
        #expect(plan.changes.first?.action == .update)
    }

    @Test func listedMachineInSync_hasNoChange() throws {
        let folder = try TemporaryDirectory()
        let (desired, live) = try Self.listedMachine(in: folder)
        #expect(Planner.plan(desired: desired, live: live, now: LiveFixture.epoch).isEmpty)
    }

    /// One change to a listed state machine and the diff path it must produce.
    struct MachineEdit: CustomTestStringConvertible, Sendable {
        var path: String
        var edit: @Sendable (inout StateMachine) -> Void
        var testDescription: String { path }
    }

    static let machineEdits: [MachineEdit] = [
        MachineEdit(path: "definition.Comment") { $0.definition = $0.definition.replacingOccurrences(of: "\"flow\"", with: "\"old\"") },
        MachineEdit(path: "definition") { $0.definition = "not json" },
        MachineEdit(path: "role") { $0.roleArn = "arn:aws:iam::000000000000:role/other" },
        MachineEdit(path: "type") { $0.type = .express },
        MachineEdit(path: "logging.level") { $0.loggingConfiguration = LoggingConfiguration(level: "ALL") },
        MachineEdit(path: "tracingEnabled") { $0.tracingEnabled = true },
    ]

    @Test(arguments: machineEdits)
    func listedMachineWithOneFieldChanged_reportsThatField(_ edit: MachineEdit) throws {
        let folder = try TemporaryDirectory()
        let (desired, listed) = try Self.listedMachine(in: folder)
        var live = listed
        var machine = try #require(live.stateMachines["flow"]?.machine)
        edit.edit(&machine)
        live.stateMachines["flow"]?.machine = machine
        let plan = Planner.plan(desired: desired, live: live, now: LiveFixture.epoch)
        #expect(plan.diffPaths == ["StateMachine/flow \(edit.path)"])
    }
}
