import Cloud
@testable import CloudSim
import Foundation
import GRDB
import Testing

/// Invoke reuses the function records it decoded before; a change made behind its back (by
/// another `SimCloud` on the same file, as another process would) must be seen at once.
@Suite("Invoke's cache of function records")
struct InvocationCacheTests {
    static let settings = SimSettings(seed: 3, rateLimitsEnabled: false)
    static let source = "import os\n\ndef handler(event, context):\n    return os.environ.get('STAGE', 'none')\n"

    /// What `fn` answers now through `provider`.
    func stage(_ provider: SimProvider) async throws -> String {
        let response = try await provider.invoke("fn", qualifier: nil, payload: Data("{}".utf8), invocationType: .requestResponse)
        return String(decoding: response.payload, as: UTF8.self)
    }

    @Test func invoke_afterAnotherStoreUpdatesTheFunction_runsTheNewConfiguration() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("fn", code: SimFixture.bundle("stage-1", source: Self.source))
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(environment: ["STAGE": "one"]))
            #expect(try await stage(sim.provider) == #""one""#)
            #expect(try await stage(sim.provider) == #""one""#)

            let other = try SimCloud(stateDirectory: sim.folder.path, initialSettings: Self.settings,
                                     runtime: RuntimeConfiguration(cacheDirectory: sim.folder.appending("runtime-other")))
            let otherProvider = try other.provider()
            _ = try await otherProvider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(environment: ["STAGE": "two"]))
            #expect(try await stage(sim.provider) == #""two""#)

            try await otherProvider.deleteFunction("fn", qualifier: nil)
            let missing = await cloudError { _ = try await stage(sim.provider) }
            #expect(missing?.code == .resourceNotFound)

            let role = try await otherProvider.getRole("lambda-exec").arn
            _ = try await otherProvider.createFunction(CreateFunctionRequest(
                functionName: "fn", runtime: "python3.11", role: role, handler: "app.handler",
                code: SimFixture.bundle("stage-3", source: Self.source), environment: ["STAGE": "three"]))
            #expect(try await stage(sim.provider) == #""three""#)

            _ = try await otherProvider.putFunctionConcurrency("fn", reservedConcurrentExecutions: 0)
            let throttled = await cloudError { _ = try await stage(sim.provider) }
            #expect(throttled?.code == .tooManyRequests)
            await other.shutdown()
        }
    }

    @Test func invoke_afterAnotherStoreAddsOrRemovesAFault_followsItAtOnce() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("fn", code: SimFixture.bundle("stage-1", source: Self.source))
            #expect(try await stage(sim.provider) == #""none""#)
            let other = try SimCloud(stateDirectory: sim.folder.path, initialSettings: Self.settings,
                                     runtime: RuntimeConfiguration(cacheDirectory: sim.folder.appending("runtime-other")))
            let fault = try await other.addFault(.fixedResponse(payload: #"{"fixed":true}"#, rate: 1), target: FaultTarget(functionName: "fn"))
            #expect(try await stage(sim.provider) == #"{"fixed":true}"#)
            #expect(try await other.removeFault(id: fault.id))
            #expect(try await stage(sim.provider) == #""none""#)
            await other.shutdown()
        }
    }

    @Test func hotReaders_whenAllAreBusy_answerNil_andInvokeStillRuns() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("fn", code: SimFixture.bundle("stage-1", source: Self.source))
            let readers = sim.cloud.store.hotReaders
            let held = try readers.withFreeReader { _ in
                try readers.withFreeReader { _ in try readers.withFreeReader { _ in true } }
            }
            // Two connections: the third call inside both finds none free.
            #expect(held == .some(.some(nil)))
            #expect(try readers.withFreeReader { db in try db.tableExists("function") } == true)
            #expect(try await stage(sim.provider) == #""none""#)

            // Both held by another thread: Invoke reads through the pool's readers instead.
            let release = DispatchSemaphore(value: 0)
            defer { release.signal() }
            let holder = Thread {
                // Until it holds both (a probe below may have one for a moment).
                var holding = false
                while !holding {
                    _ = try? readers.withFreeReader { _ in
                        try readers.withFreeReader { _ in
                            holding = true
                            release.wait()
                        }
                    }
                }
            }
            holder.start()
            var busy = false
            for _ in 0..<500 where !busy {
                busy = (try readers.withFreeReader { _ in true }) == nil
                if !busy { try await Task.sleep(nanoseconds: 10_000_000) }
            }
            #expect(busy)
            #expect(try await stage(sim.provider) == #""none""#)
        }
    }

    @Test func invoke_afterTheStoreIsResetAndRefilled_runsTheNewFunction() async throws {
        try await SimFixture.with(settings: Self.settings) { sim in
            try await sim.makeFunction("fn", code: SimFixture.bundle("stage-1", source: Self.source))
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(environment: ["STAGE": "before"]))
            #expect(try await stage(sim.provider) == #""before""#)

            // The same file emptied and refilled: the change counter starts again, so stamps
            // of the new function repeat those the old one had.
            try await sim.cloud.reset(settings: Self.settings)
            try await sim.makeFunction("fn", code: SimFixture.bundle("stage-2", source: Self.source))
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(environment: ["STAGE": "after"]))
            #expect(try await stage(sim.provider) == #""after""#)
        }
    }
}
