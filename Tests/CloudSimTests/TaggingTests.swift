import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Tags")
struct TaggingTests {
    @Test func tags_onFunctionStateMachineRoleAndPolicy_areKeptPerResource() async throws {
        try await SimFixture.with { sim in
            let function = try await sim.makeFunction("fn").functionArn
            let machine = try await sim.makeStateMachine("sm").stateMachineArn
            let role = try await sim.provider.getRole("lambda-exec").arn
            let policy = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "p", policyDocument: IAMTests.allowLogs, tags: ["a": "1"])).arn
            for arn in [function, machine, role, policy] {
                try await sim.provider.tagResource(arn, tags: ["managed-by": "plumb", "arn": arn])
            }
            try await sim.provider.untagResource(machine, keys: ["arn"])
            #expect(try await sim.provider.listTags(function) == ["managed-by": "plumb", "arn": function])
            #expect(try await sim.provider.listTags(machine) == ["managed-by": "plumb"])
            #expect(try await sim.provider.getRole("lambda-exec").tags["arn"] == role)
            #expect(try await sim.provider.getPolicy(policy).tags == ["a": "1", "managed-by": "plumb", "arn": policy])
            #expect(try await sim.provider.getFunction("fn", qualifier: nil).tags["managed-by"] == "plumb")
        }
    }

    @Test func tags_beyondFiftyOrOnMissingResource_areRefused() async throws {
        try await SimFixture.with { sim in
            let function = try await sim.makeFunction("fn").functionArn
            var many: [String: String] = [:]
            for index in 0..<51 { many["k\(index)"] = "v" }
            let tooMany = await cloudError { try await sim.provider.tagResource(function, tags: many) }
            #expect(tooMany?.code == .invalidParameterValue)
            let missing = await cloudError { try await sim.provider.tagResource("arn:aws:states:us-east-1:000000000000:stateMachine:none", tags: ["a": "b"]) }
            #expect(missing?.code == .stateMachineDoesNotExist)
            let qualified = await cloudError { try await sim.provider.tagResource(function + ":1", tags: ["a": "b"]) }
            #expect(qualified?.code == .invalidParameterValue)
        }
    }
}
