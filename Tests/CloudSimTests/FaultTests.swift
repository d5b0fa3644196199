import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Injected faults")
struct FaultTests {
    @Test func apiErrorFault_hitsOnlyItsOperationAndRegion_forTheNextKCalls() async throws {
        try await SimFixture.with { sim in
            let west = try sim.cloud.provider(region: "us-west-2")
            try await sim.makeFunction("fn")
            try await sim.makeFunction("fn", code: SimFixture.bundle("tree-w"), on: west)
            try await sim.cloud.addFault(.apiError(code: "ServiceException", message: "injected", rate: 1),
                                         target: FaultTarget(region: "us-east-1", operation: "lambda:UpdateFunctionConfiguration"), remaining: 2)
            for _ in 0..<2 {
                let error = await cloudError { _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256)) }
                #expect(error?.code == .serviceException)
                #expect(error?.message == "injected")
                #expect(error?.isRetryable == true)
            }
            _ = try await west.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256))
            _ = try await sim.provider.getFunction("fn", qualifier: nil)
            #expect(try await sim.cloud.faults().isEmpty)
            #expect(try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 512)).memorySize == 512)
        }
    }

    @Test func throttleFault_answersEachServicesThrottlingError_untilRemoved() async throws {
        try await SimFixture.with { sim in
            try await sim.makeStateMachine("sm")
            let fault = try await sim.cloud.addFault(.throttle(rate: 1), target: FaultTarget(operation: "states:*"))
            let states = await cloudError { _ = try await sim.provider.listStateMachines() }
            #expect(states?.code == .throttling)
            _ = try await sim.provider.listFunctions()
            #expect(try await sim.cloud.removeFault(id: fault.id))
            #expect(try await sim.provider.listStateMachines().count == 1)
            try await sim.cloud.addFault(.throttle(rate: 1), target: FaultTarget(operation: "ListFunctions"))
            let lambda = await cloudError { _ = try await sim.provider.listFunctions() }
            #expect(lambda?.code == .tooManyRequests)
        }
    }

    @Test func regionDown_failsEveryLambdaAndStepFunctionsCallThere_butNotElsewhereOrIAM() async throws {
        try await SimFixture.with { sim in
            let west = try sim.cloud.provider(region: "us-west-2")
            try await sim.makeFunction("fn", publish: true)
            try await sim.cloud.setRegion("us-east-1", available: false)
            let lambda = await cloudError { _ = try await sim.provider.getFunction("fn", qualifier: nil) }
            #expect(lambda?.code == .serviceUnavailable)
            #expect(lambda?.isRetryable == true)
            let invoke = await cloudError { _ = try await sim.provider.invoke("fn", qualifier: "1", payload: Data(), invocationType: .requestResponse) }
            #expect(invoke?.code == .serviceUnavailable)
            let states = await cloudError { _ = try await sim.provider.listStateMachines() }
            #expect(states?.code == .serviceUnavailable)
            _ = try await sim.provider.getRole("lambda-exec")
            _ = try await west.listFunctions()
            #expect(try await sim.cloud.unavailableRegions().map(\.region) == ["us-east-1"])
            try await sim.cloud.setRegion("us-east-1", available: true)
            #expect(try await sim.provider.getFunction("fn", qualifier: nil).configuration.functionName == "fn")
        }
    }

    @Test func invocationFaults_hitOnlyTheSelectedVersionOrCode() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true)
            _ = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("tree-2"), publish: true, revisionId: nil)
            try await sim.makeFunction("other", publish: true)
            try await sim.cloud.addFault(.functionError(rate: 1, errorType: "Injected", errorMessage: "boom"), target: FaultTarget(functionName: "fn", qualifier: "2"))
            let two = try await sim.provider.invoke("fn", qualifier: "2", payload: Data(), invocationType: .requestResponse)
            #expect(two.functionError == "Unhandled")
            #expect(String(decoding: two.payload, as: UTF8.self).contains("\"errorType\":\"Injected\""))
            let one = try await sim.provider.invoke("fn", qualifier: "1", payload: Data(), invocationType: .requestResponse)
            #expect(one.functionError == nil)
            _ = try await sim.cloud.removeAllFaults()
            try await sim.cloud.addFault(.fixedResponse(payload: #"{"fixed":true}"#, rate: 1), target: FaultTarget(codeId: "tree-1"))
            let fixedOther = try await sim.provider.invoke("other", qualifier: nil, payload: Data(), invocationType: .requestResponse)
            #expect(String(decoding: fixedOther.payload, as: UTF8.self) == #"{"fixed":true}"#)
            let realTwo = try await sim.provider.invoke("fn", qualifier: "2", payload: Data(#"{"a":1}"#.utf8), invocationType: .requestResponse)
            #expect(String(decoding: realTwo.payload, as: UTF8.self).contains("\"echo\""))
        }
    }

    @Test func latencyFault_addsDuration_andPastTheTimeoutTheInvocationTimesOut() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true, timeout: 3)
            try await sim.cloud.addFault(.latency(milliseconds: 1500, rate: 1), target: FaultTarget(functionName: "fn"))
            let slow = try await sim.provider.invoke("fn", qualifier: "1", payload: Data(), invocationType: .requestResponse)
            #expect(slow.functionError == nil)
            #expect((slow.durationMs ?? 0) >= 1500)
            try await sim.cloud.addFault(.latency(milliseconds: 2000, rate: 1), target: FaultTarget(functionName: "fn"))
            let timedOut = try await sim.provider.invoke("fn", qualifier: "1", payload: Data(), invocationType: .requestResponse)
            #expect(timedOut.functionError == "Unhandled")
            #expect(String(decoding: timedOut.payload, as: UTF8.self).contains("Sandbox.Timedout"))
            #expect(timedOut.durationMs == 3000)
        }
    }

    @Test func faultParameters_areChecked() async throws {
        try await SimFixture.with { sim in
            await #expect(throws: SimError.self) { try await sim.cloud.addFault(.throttle(rate: 1.5)) }
            await #expect(throws: SimError.self) { try await sim.cloud.addFault(.regionUnavailable) }
            await #expect(throws: SimError.self) { try await sim.cloud.addFault(.fixedResponse(payload: "{nope", rate: 1)) }
            await #expect(throws: SimError.self) { try await sim.cloud.addFault(.throttle(rate: 1), remaining: 0) }
            let stored = try await sim.cloud.faults()
            #expect(stored.isEmpty)
        }
    }
}
