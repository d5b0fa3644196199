import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Account concurrency quota")
struct AccountConcurrencyTests {
    @Test func quota_isAStoreSetting_thatReservationsAreCheckedAgainst() async throws {
        try await SimFixture.with { sim in
            #expect(try await sim.cloud.settings().accountConcurrency == 1000)
            try await sim.makeFunction("a")
            let tooMuch = await cloudError { _ = try await sim.provider.putFunctionConcurrency("a", reservedConcurrentExecutions: 2500) }
            #expect(tooMuch?.code == .invalidParameterValue)
            try await sim.cloud.setAccountConcurrency(3000)
            #expect(try await sim.provider.putFunctionConcurrency("a", reservedConcurrentExecutions: 2500) == 2500)
            await #expect(throws: SimError.self) { try await sim.cloud.setAccountConcurrency(2550) }
            await #expect(throws: SimError.self) { try await sim.cloud.setAccountConcurrency(99) }
            let reopened = try SimCloud(stateDirectory: sim.folder.path)
            #expect(try await reopened.settings().accountConcurrency == 3000)
            #expect(try await reopened.status().settings.accountConcurrency == 3000)
        }
    }

    /// Functions without a reservation share the quota less the reservations: with a quota of 200
    /// and 100 reserved elsewhere, the 101st invocation in flight is throttled.
    @Test func unreservedInvocations_beyondTheQuotaLessReservations_areThrottled() async throws {
        try await SimFixture.with { sim in
            let flag = sim.folder.appending("release")
            let source = """
                import os, time
                def handler(event, context):
                    while not os.path.exists(\(String(reflecting: flag))):
                        time.sleep(0.01)
                    return {"ok": True}
                """
            try await sim.makeFunction("held", code: SimFixture.bundle("held", source: source), timeout: 30)
            try await sim.makeFunction("reserving")
            try await sim.cloud.setAccountConcurrency(200)
            _ = try await sim.provider.putFunctionConcurrency("reserving", reservedConcurrentExecutions: 100)
            let provider = sim.provider
            let outcomes = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<101 {
                    group.addTask {
                        do {
                            _ = try await provider.invoke("held", qualifier: nil, payload: Data("{}".utf8), invocationType: .requestResponse)
                            return nil
                        } catch let error as CloudError {
                            return error.reason ?? error.code.rawValue
                        }
                    }
                }
                var outcomes: [String?] = []
                while let outcome = try await group.next() {
                    // The first answer (the throttle, unless the quota failed to hold) releases the others.
                    if !FileManager.default.fileExists(atPath: flag) {
                        _ = FileManager.default.createFile(atPath: flag, contents: Data())
                    }
                    outcomes.append(outcome)
                }
                return outcomes
            }
            #expect(outcomes.compactMap { $0 } == ["ConcurrentInvocationLimitExceeded"])
            #expect(outcomes.count { $0 == nil } == 100)
        }
    }
}
