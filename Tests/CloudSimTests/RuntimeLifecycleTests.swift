#if canImport(Glibc)
import Glibc
#endif
import CloudSim
import Foundation
import Spawn
import Testing

/// Handlers for pool and lifecycle scenarios.
private let app = #"""
import os
import time

def pid(event, context):
    time.sleep(event.get("sleep", 0))
    return os.getpid()

def rendezvous(event, context):
    # Returns True only if `parties` invocations are inside this handler at the same time.
    folder = event["folder"]
    open(os.path.join(folder, str(os.getpid())), "w").close()
    deadline = time.time() + 20
    while time.time() < deadline:
        if len(os.listdir(folder)) >= event["parties"]:
            return True
        time.sleep(0.01)
    return False
"""#

@Suite("Function runtime: workers")
struct RuntimeLifecycleTests {
    @Test func invoke_concurrently_runsAllOnAtMostTheVersionsWorkerCap() async throws {
        try await RuntimeFixture.with(files: ["app.py": app], maxWorkersPerVersion: 2) { fixture in
            let results = try await withThrowingTaskGroup(of: InvocationResult.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await fixture.runtime.invoke(fixture.request("app.pid", payload: #"{"sleep": 0.2}"#)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.count == 8)
            let pids = Set(try results.map { try #require(try successValue($0) as? Int) })
            #expect(pids.count >= 1 && pids.count <= 2)
            #expect(results.filter(\.coldStart).count == pids.count)
            #expect(await fixture.runtime.workerCount <= 2)
        }
    }

    @Test func invoke_concurrently_runsAsManyHandlersAtOnceAsTheCapAllows() async throws {
        try await RuntimeFixture.with(files: ["app.py": app], maxWorkersPerVersion: 5) { fixture in
            let folder = fixture.root + "/rendezvous"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let payload = #"{"folder": "\#(folder)", "parties": 5}"#
            let met = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<5 {
                    group.addTask {
                        let result = try await fixture.runtime.invoke(fixture.request("app.rendezvous", payload: payload, timeoutSeconds: 30))
                        return try successValue(result) as? Bool ?? false
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(met == Array(repeating: true, count: 5), "all five handlers ran at the same time")
        }
    }

    @Test func invoke_separateVersions_getSeparateWorkers() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let one = try await fixture.runtime.invoke(fixture.request("app.pid", version: "1"))
            let two = try await fixture.runtime.invoke(fixture.request("app.pid", version: "2"))
            #expect(one.coldStart && two.coldStart)
            #expect(try successValue(one) as? Int != successValue(two) as? Int)
            #expect(await fixture.runtime.workerProcessIDs().count == 2)
        }
    }

    @Test func invoke_afterConfigurationChange_startsAFreshWorker() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let before = try await fixture.runtime.invoke(fixture.request("app.pid", environment: ["STAGE": "blue"]))
            let oldPid = try #require(try successValue(before) as? Int)
            let after = try await fixture.runtime.invoke(fixture.request("app.pid", environment: ["STAGE": "green"]))
            #expect(after.coldStart)
            #expect(try successValue(after) as? Int != oldPid)
            #expect(processIsGone(Int32(oldPid)))
        }
    }

    @Test func evictIdleWorkers_stopsWorkersIdlePastTheTimeout() async throws {
        try await RuntimeFixture.with(files: ["app.py": app], idleTimeoutSeconds: 0.05) { fixture in
            let first = try await fixture.runtime.invoke(fixture.request("app.pid"))
            let oldPid = try #require(try successValue(first) as? Int)
            try await Task.sleep(for: .milliseconds(200))
            #expect(await fixture.runtime.evictIdleWorkers() == 1)
            #expect(processIsGone(Int32(oldPid)))
            let next = try await fixture.runtime.invoke(fixture.request("app.pid"))
            #expect(next.coldStart)
        }
    }

    @Test func releasingTheRuntime_withoutShutdown_stopsItsWorkers() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            let pid = try await Self.workerOfARuntimeThatIsDropped(fixture)
            #expect(await eventually(within: 60) { processIsGone(pid) }, "worker \(pid) outlived its runtime")
        }
    }

    /// Starts a runtime of its own, runs one invocation, and lets the runtime go; the worker's pid.
    private static func workerOfARuntimeThatIsDropped(_ fixture: RuntimeFixture) async throws -> Int32 {
        let runtime = FunctionRuntime(configuration: RuntimeConfiguration(cacheDirectory: fixture.root + "/cache-dropped"))
        let result = try await runtime.invoke(fixture.request("app.pid"))
        let pid = Int32(try #require(try successValue(result) as? Int))
        #expect(!processIsGone(pid))
        return pid
    }

    @Test func shutdown_stopsEveryWorkerAndRefusesNewInvocations() async throws {
        try await RuntimeFixture.with(files: ["app.py": app]) { fixture in
            var pids: [Int32] = []
            for version in ["1", "2", "$LATEST"] {
                let result = try await fixture.runtime.invoke(fixture.request("app.pid", version: version))
                pids.append(Int32(try #require(try successValue(result) as? Int)))
            }
            async let running = fixture.runtime.invoke(fixture.request("app.pid", payload: #"{"sleep": 30}"#, version: "4"))
            #expect(await eventually(within: 30) { await fixture.runtime.workerCount == 4 })
            let all = await fixture.runtime.workerProcessIDs().values.flatMap { $0 }
            await fixture.runtime.shutdown()

            for pid in all { #expect(processIsGone(pid), "worker \(pid) outlived shutdown") }
            #expect(Set(all).isSuperset(of: pids))
            var interrupted: FunctionRuntimeError?
            do {
                let result = try await running
                Issue.record("the running invocation finished despite shutdown: \(result.status)")
            } catch let error as FunctionRuntimeError {
                interrupted = error
            }
            #expect(interrupted?.code == .shutDown)
            let refused = await #expect(throws: FunctionRuntimeError.self) {
                try await fixture.runtime.invoke(fixture.request("app.pid"))
            }
            #expect(refused?.code == .shutDown)
            #expect(await fixture.runtime.workerCount == 0)
        }
    }
}
