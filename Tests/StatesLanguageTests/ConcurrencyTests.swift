import Foundation
import StatesLanguage
import Testing

/// Releases waiters once `parties` of them have arrived; fails them after a bound.
actor Barrier {
    let parties: Int
    var arrived = 0
    var waiters: [CheckedContinuation<Void, Never>] = []

    init(parties: Int) { self.parties = parties }

    func arrive() async {
        arrived += 1
        if arrived >= parties {
            for waiter in waiters { waiter.resume() }
            waiters.removeAll()
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func releaseAll() {
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }
}

/// Counts how many invocations are in flight at once.
final class InFlight: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private(set) var peak = 0

    func enter() { lock.withLock { current += 1; peak = max(peak, current) } }
    func leave() { lock.withLock { current -= 1 } }
    var highest: Int { lock.withLock { peak } }
}

@Suite struct ConcurrencyTests {
    /// Each branch calls a function that returns only once both branches are inside it, so the
    /// execution can only finish if the branches run at the same time.
    @Test func parallelBranches_runConcurrently() async throws {
        let barrier = Barrier(parties: 2)
        let invoker = FunctionTable(["meet": { invocation in
            await barrier.arrive()
            return invocation.payload
        }])
        let watchdog = Task {
            try await Task.sleep(nanoseconds: 30_000_000_000)
            await barrier.releaseAll()
        }
        defer { watchdog.cancel() }
        let branch = { (name: String) in #"{"StartAt": ""# + name + #"", "States": {""# + name + #"": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:meet", "End": true}}}"# }
        let run = try await execute(#"{"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": ["# + branch("A") + "," + branch("B") + #"], "End": true}}}"#, input: ["v": 1], invoker: invoker)
        #expect(run.result.output == [["v": 1], ["v": 1]])
        #expect(await barrier.arrived == 2)
    }

    @Test func map_honoursMaxConcurrency() async throws {
        let inFlight = InFlight()
        let invoker = FunctionTable(["work": { invocation in
            inFlight.enter()
            defer { inFlight.leave() }
            for _ in 0..<20 { await Task.yield() }
            return invocation.payload
        }])
        let run = try await execute(
            #"{"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 2, "ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:work", "End": true}}}, "End": true}}}"#,
            input: .array((0..<12).map { .int(Int64($0)) }), invoker: invoker)
        #expect(run.result.output == .array((0..<12).map { .int(Int64($0)) }))
        #expect(inFlight.highest <= 2)
        #expect(run.history.filter { $0.type == .mapIterationSucceeded }.count == 12)
    }

    @Test func parallelBranchFailure_cancelsSiblingsAndFailsTheState() async throws {
        let run = try await execute(#"""
        {"StartAt": "P", "States": {"P": {"Type": "Parallel", "Branches": [
          {"StartAt": "Slow", "States": {"Slow": {"Type": "Wait", "Seconds": 100, "Next": "After"}, "After": {"Type": "Pass", "End": true}}},
          {"StartAt": "Boom", "States": {"Boom": {"Type": "Fail", "Error": "Broken", "Cause": "branch 2"}}}
        ], "End": true}}}
        """#)
        #expect(run.result.status == .failed)
        #expect(run.result.error == "Broken")
        #expect(run.result.cause == "branch 2")
        #expect(run.types.contains("ParallelStateFailed"))
    }

    @Test func map_toleratedFailures_keepErrorOutputsUntilTheThresholdIsExceeded() async throws {
        let definition = { (tolerance: String) in
            #"{"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1, "# + tolerance + #", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "C", "States": {"C": {"Type": "Choice", "Choices": [{"Variable": "$", "NumericGreaterThan": 2, "Next": "Bad"}], "Default": "Good"}, "Good": {"Type": "Pass", "End": true}, "Bad": {"Type": "Fail", "Error": "TooBig"}}}, "End": true}}}"#
        }
        let tolerated = try await execute(definition(#""ToleratedFailureCount": 2"#), input: [1, 2, 3, 4])
        #expect(tolerated.result.output == [1, 2, ["Error": "TooBig", "Cause": ""], ["Error": "TooBig", "Cause": ""]])
        let exceeded = try await execute(definition(#""ToleratedFailurePercentage": 25"#), input: [1, 2, 3, 4])
        #expect(exceeded.result.error == "States.ExceedToleratedFailureThreshold")
    }

    @Test func map_itemBatcherGroupsItems() async throws {
        let run = try await execute(
            #"{"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.items", "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"job.$": "$.job"}}, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}}}"#,
            input: ["items": [1, 2, 3], "job": "j"])
        #expect(run.result.output == [["Items": [1, 2], "BatchInput": ["job": "j"]], ["Items": [3], "BatchInput": ["job": "j"]]])
    }

    @Test func manyExecutionsRunAtOnceWithoutSharingState() async throws {
        let definition = try StateMachineDefinition(parsing: #"{"StartAt": "P", "States": {"P": {"Type": "Pass", "Parameters": {"n.$": "$.n", "name.$": "$$.Execution.Name"}, "Next": "W"}, "W": {"Type": "Wait", "Seconds": 5, "End": true}}}"#)
        let clock = VirtualClock()
        let results = await withTaskGroup(of: ExecutionResult.self) { group in
            for index in 0..<50 {
                group.addTask {
                    let identity = ExecutionIdentity.standard(stateMachineName: "m", executionName: "e\(index)", input: ["n": .int(Int64(index))], startTime: clock.now())
                    return await Execution(definition: definition, identity: identity, environment: ExecutionEnvironment(invoker: FunctionTable(), clock: clock)).run()
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 50)
        #expect(Set(results.compactMap { $0.output?["name"]?.stringValue }).count == 50)
        for result in results { #expect(result.output?["name"]?.stringValue == "e\(result.output?["n"]?.integerValue ?? -1)") }
    }
}
