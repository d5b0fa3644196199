import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Lambda settling period")
struct SettlingTests {
    static let settling = SimSettings(rateLimitsEnabled: false, settleSeconds: 5)

    @Test func update_whileSettling_answersRetryableConflict_untilTheClockPasses() async throws {
        try await SimFixture.with(settings: Self.settling) { sim in
            let created = try await sim.makeFunction("fn")
            #expect(created.state == .pending)
            #expect(created.stateReasonCode == "Creating")
            let pending = await cloudError { _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256)) }
            #expect(pending?.code == .resourceConflict)
            #expect(pending?.message == "The operation cannot be performed at this time. The function is currently in the following state: Pending")
            #expect(pending?.isRetryable == true)
            try await sim.cloud.clock.advance(by: 5)
            let updated = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256))
            #expect(updated.state == .active)
            #expect(updated.lastUpdateStatus == .inProgress)
            let busy = await cloudError { _ = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("tree-2"), publish: false, revisionId: nil) }
            #expect(busy?.message == "The operation cannot be performed at this time. An update is in progress for resource: arn:aws:lambda:us-east-1:000000000000:function:fn")
            let publish = await cloudError { _ = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil) }
            #expect(publish?.code == .resourceConflict)
            try await sim.cloud.clock.sleep(seconds: 5)
            #expect(try await sim.provider.getFunction("fn", qualifier: nil).configuration.lastUpdateStatus == .successful)
            #expect(try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil).memorySize == 256)
        }
    }

    @Test func invoke_whileUpdateSettles_runsThePreviousCode_andPendingFunctionIsRefused() async throws {
        try await SimFixture.with(settings: Self.settling) { sim in
            try await sim.makeFunction("fn", code: SimFixture.bundle("one", source: "def handler(e, c):\n    return 1\n"))
            let early = await cloudError { _ = try await sim.provider.invoke("fn", qualifier: nil, payload: Data(), invocationType: .requestResponse) }
            #expect(early?.code == .resourceConflict)
            try await sim.cloud.clock.advance(by: 10)
            _ = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("two", source: "def handler(e, c):\n    return 2\n"), publish: false, revisionId: nil)
            let during = try await sim.provider.invoke("fn", qualifier: nil, payload: Data(), invocationType: .requestResponse)
            #expect(String(decoding: during.payload, as: UTF8.self) == "1")
            try await sim.cloud.clock.advance(by: 10)
            let after = try await sim.provider.invoke("fn", qualifier: nil, payload: Data(), invocationType: .requestResponse)
            #expect(String(decoding: after.payload, as: UTF8.self) == "2")
        }
    }

    @Test func noSettlingByDefault_updatesFollowEachOtherAtOnce() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn")
            for memory in [256, 512, 1024] {
                let updated = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: memory))
                #expect(updated.lastUpdateStatus == .successful)
            }
        }
    }
}
