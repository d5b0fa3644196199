import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Regions and accounts")
struct RegionIsolationTests {
    @Test func regions_areSeparateNamespaces_andForeignArnsAreRefusedAsLambdaDoes() async throws {
        try await SimFixture.with { sim in
            let west = try sim.cloud.provider(region: "us-west-2")
            try await sim.makeFunction("fn")
            #expect(try await west.listFunctions().isEmpty)
            let wrongRegion = await cloudError { _ = try await west.getFunction("arn:aws:lambda:us-east-1:000000000000:function:fn", qualifier: nil) }
            #expect(wrongRegion?.code == .resourceNotFound)
            #expect(wrongRegion?.message == "Functions from 'us-east-1' are not reachable in this region ('us-west-2')")
            try await sim.makeFunction("fn", code: SimFixture.bundle("tree-west"), on: west)
            #expect(try await west.getFunction("fn", qualifier: nil).configuration.functionArn == "arn:aws:lambda:us-west-2:000000000000:function:fn")
            #expect(try await sim.provider.getFunction("fn", qualifier: nil).configuration.codeId == "tree-1")
            _ = try await sim.makeStateMachine("sm")
            #expect(try await west.listStateMachines().isEmpty)
            let smElsewhere = await cloudError { _ = try await west.describeStateMachine("arn:aws:states:us-east-1:000000000000:stateMachine:sm") }
            #expect(smElsewhere?.code == .stateMachineDoesNotExist)
        }
    }

    @Test func accounts_areSeparate_andIAMIsGlobalWithinAnAccount() async throws {
        try await SimFixture.with { sim in
            let other = try sim.cloud.provider(account: "111111111111", region: "us-east-1")
            let west = try sim.cloud.provider(region: "eu-west-1")
            try await sim.makeRole("shared")
            #expect(try await west.getRole("shared").arn == "arn:aws:iam::000000000000:role/shared")
            let foreign = await cloudError { _ = try await other.getRole("shared") }
            #expect(foreign?.code == .noSuchEntity)
            try await sim.makeFunction("fn")
            let crossAccount = await cloudError { _ = try await other.getFunction("arn:aws:lambda:us-east-1:000000000000:function:fn", qualifier: nil) }
            #expect(crossAccount?.code == .accessDenied)
            #expect(throws: CloudError.self) { try sim.cloud.provider(account: "12", region: "us-east-1") }
            #expect(throws: CloudError.self) { try sim.cloud.provider(region: "mars-1") }
        }
    }
}
