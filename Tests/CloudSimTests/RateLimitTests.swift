import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Rate limits in simulated time")
struct RateLimitTests {
    static let limited = SimSettings(rateLimitsEnabled: true)

    @Test func lambdaControlPlane_fifteenPerSecond_thenThrottled_untilTimePasses() async throws {
        try await SimFixture.with(settings: Self.limited) { sim in
            try await sim.makeRole()
            let roleArn = try await sim.provider.getRole("lambda-exec").arn
            _ = try await sim.provider.createFunction(CreateFunctionRequest(functionName: "fn", runtime: "python3.11", role: roleArn, handler: "app.handler", code: SimFixture.bundle("t")))
            for _ in 0..<14 { _ = try await sim.provider.listAliases("fn") }
            let throttled = await cloudError { _ = try await sim.provider.listAliases("fn") }
            #expect(throttled?.code == .tooManyRequests)
            #expect(throttled?.message == "Rate exceeded")
            #expect(throttled?.reason == "CallerRateLimitExceeded")
            #expect(throttled?.isRetryable == true)
            #expect(try await sim.provider.getFunction("fn", qualifier: nil).configuration.functionName == "fn")
            try await sim.cloud.clock.sleep(seconds: 0.2)
            for _ in 0..<3 { _ = try await sim.provider.listAliases("fn") }
            let again = await cloudError { _ = try await sim.provider.listAliases("fn") }
            #expect(again?.code == .tooManyRequests)
            try await sim.cloud.clock.sleep(seconds: 1)
            for _ in 0..<15 { _ = try await sim.provider.listVersions("fn") }
        }
    }

    @Test func stateMachineWrites_burstOfHundred_thenOnePerSecond() async throws {
        try await SimFixture.with(settings: Self.limited) { sim in
            let role = try await sim.makeRole("states-exec", trust: SimFixture.statesTrust)
            for index in 0..<100 {
                _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "sm-\(index)", definition: SimFixture.definition, roleArn: role))
            }
            let throttled = await cloudError {
                _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "sm-x", definition: SimFixture.definition, roleArn: role))
            }
            #expect(throttled?.code == .throttling)
            #expect(try await sim.provider.listStateMachines().count == 100)
            try await sim.cloud.clock.sleep(seconds: 1)
            _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "sm-x", definition: SimFixture.definition, roleArn: role))
            let next = await cloudError { try await sim.provider.deleteStateMachine("arn:aws:states:us-east-1:000000000000:stateMachine:sm-0") }
            #expect(next?.code == .throttling)
        }
    }

    @Test func rateLimits_areKeptPerRegion_andCanBeSwitchedOffPerStore() async throws {
        try await SimFixture.with(settings: Self.limited) { sim in
            let west = try sim.cloud.provider(region: "us-west-2")
            for _ in 0..<15 { _ = try await sim.provider.listFunctions() }
            let east = await cloudError { _ = try await sim.provider.listFunctions() }
            #expect(east?.code == .tooManyRequests)
            _ = try await west.listFunctions()
            try await sim.cloud.setRateLimits(enabled: false)
            for _ in 0..<50 { _ = try await sim.provider.listFunctions() }
            #expect(try await sim.cloud.settings().rateLimitsEnabled == false)
        }
    }
}
