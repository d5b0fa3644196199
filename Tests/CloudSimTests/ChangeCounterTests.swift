import Cloud
import CloudSim
import Foundation
import PlumbTesting
import Testing

/// The store's change tokens: every change to a resource (or to its versions, aliases,
/// concurrency, policies, tags) gives it a new token; reads and changes to other resources do not.
@Suite struct ChangeCounterTests {
    static let policyDocument = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"#

    /// Runs `change` and answers which resources' tokens it changed.
    static func touched(_ sim: SimFixture, _ change: () async throws -> Void) async throws -> [String] {
        let before = try #require(try await sim.provider.changeCounters())
        try await change()
        let after = try #require(try await sim.provider.changeCounters())
        var names: [String] = []
        for (kind, old, new) in [("function", before.functions, after.functions), ("stateMachine", before.stateMachines, after.stateMachines),
                                 ("role", before.roles, after.roles), ("policy", before.policies, after.policies)] {
            for name in Set(old.keys).union(new.keys) where old[name] != new[name] { names.append("\(kind)/\(name)") }
        }
        return names.sorted()
    }

    @Test func everyKindOfChange_givesTheResourceANewToken_andNoOtherOne() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("orders", publish: true)
            try await sim.makeFunction("billing")
            let machine = try await sim.makeStateMachine("flow", publish: true)
            let policy = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "logs", policyDocument: Self.policyDocument))
            let functionArn = "arn:aws:lambda:us-east-1:000000000000:function:orders"

            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.getFunction("orders", qualifier: nil)
                _ = try await sim.provider.listFunctions()
                _ = try await sim.provider.listTags(functionArn)
            } == [])
            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.updateFunctionConfiguration("orders", FunctionConfigurationUpdate(memorySize: 512))
            } == ["function/orders"])
            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.createAlias("orders", name: "live", functionVersion: "1", description: "", routing: nil)
            } == ["function/orders"])
            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.publishVersion("orders", codeSha256: nil, revisionId: nil, description: nil)
            } == ["function/orders"])
            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.updateAlias("orders", name: "live", AliasUpdate(functionVersion: "2"))
            } == ["function/orders"])
            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.putFunctionConcurrency("orders", reservedConcurrentExecutions: 3)
            } == ["function/orders"])
            #expect(try await Self.touched(sim) { try await sim.provider.tagResource(functionArn, tags: ["team": "a"]) } == ["function/orders"])
            #expect(try await Self.touched(sim) { try await sim.provider.untagResource(functionArn, keys: ["team"]) } == ["function/orders"])
            let machineArn = "arn:aws:states:us-east-1:000000000000:stateMachine:flow"
            #expect(try await Self.touched(sim) { try await sim.provider.tagResource(machineArn, tags: ["team": "a"]) } == ["stateMachine/flow"])
            #expect(try await Self.touched(sim) { try await sim.provider.untagResource(machineArn, keys: ["team"]) } == ["stateMachine/flow"])
            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.createStateMachineAlias(name: "live", description: "",
                                                                   routing: [StateMachineRoute(stateMachineVersionArn: machine.stateMachineVersionArn ?? "", weight: 100)])
            } == ["stateMachine/flow"])
            #expect(try await Self.touched(sim) {
                try await sim.provider.putRolePolicy("lambda-exec", policyName: "inline", policyDocument: Self.policyDocument)
            } == ["role/lambda-exec"])
            #expect(try await Self.touched(sim) { try await sim.provider.attachRolePolicy("lambda-exec", policyArn: policy.arn) } == ["role/lambda-exec"])
            #expect(try await Self.touched(sim) {
                _ = try await sim.provider.createPolicyVersion(policy.arn, policyDocument: Self.policyDocument, setAsDefault: true)
            } == ["policy/logs"])
            #expect(try await Self.touched(sim) { try await sim.provider.deleteFunction("billing", qualifier: nil) } == ["function/billing"])
        }
    }

    @Test func aRefusedCall_changesNoToken() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("orders")
            var refusals: [CloudError?] = []
            #expect(try await Self.touched(sim) {
                refusals.append(await cloudError {
                    _ = try await sim.provider.updateAlias("orders", name: "missing", AliasUpdate(functionVersion: "1"))
                })
                refusals.append(await cloudError {
                    _ = try await sim.provider.updateFunctionConfiguration("orders", FunctionConfigurationUpdate(memorySize: 1))
                })
            } == [])
            #expect(refusals.count == 2 && refusals.allSatisfy { $0 != nil })
        }
    }

    @Test func watermark_staysWhileNothingChanges_andMovesOnAnyChangeOrDeletion() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("orders")
            try await sim.makeRole("bare")
            let first = try #require(try await sim.provider.changeCounters())
            let watermark = try #require(first.watermark)
            _ = try await sim.provider.getFunction("orders", qualifier: nil)
            _ = try await sim.provider.listRoles()
            #expect(try await sim.provider.changeCounters(unlessAt: watermark) == .unchanged(watermark: watermark))
            #expect(try await sim.provider.changeCounters(unlessAt: nil) == .read(first))
            // A role without policies or tags: its deletion touches no other stamped row.
            try await sim.provider.deleteRole("bare")
            guard case .read(let afterDelete) = try await sim.provider.changeCounters(unlessAt: watermark) else {
                Issue.record("the deletion of a bare role left the watermark where it was")
                return
            }
            #expect(afterDelete.roles["bare"] == nil && afterDelete.functions == first.functions)
            let moved = try #require(afterDelete.watermark)
            #expect(moved != watermark)
            _ = try await sim.provider.updateFunctionConfiguration("orders", FunctionConfigurationUpdate(memorySize: 512))
            guard case .read(let afterUpdate) = try await sim.provider.changeCounters(unlessAt: moved) else {
                Issue.record("an update left the watermark where it was")
                return
            }
            #expect(afterUpdate.functions["orders"] != first.functions["orders"])
            try await sim.cloud.reset(settings: SimSettings(rateLimitsEnabled: false))
            try await sim.makeFunction("orders")
            #expect(try await sim.provider.changeCounters(unlessAt: afterUpdate.watermark) != .unchanged(watermark: afterUpdate.watermark ?? 0))
        }
    }

    @Test func resetAndImport_neverRepeatATokenSeenBefore() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("orders")
            let exported = sim.folder.appending("export.sqlite")
            try await sim.cloud.export(to: exported)
            let original = try #require(try await sim.provider.changeCounters()?.functions["orders"])
            try await sim.cloud.importState(from: exported)
            let imported = try #require(try await sim.provider.changeCounters()?.functions["orders"])
            #expect(imported != original)
            try await sim.cloud.reset(settings: SimSettings(rateLimitsEnabled: false))
            try await sim.makeFunction("orders")
            let recreated = try #require(try await sim.provider.changeCounters()?.functions["orders"])
            #expect(recreated != original && recreated != imported)
        }
    }
}
