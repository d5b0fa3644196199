#if canImport(Glibc)
import Glibc
#endif
import Cloud
import CloudSim
import Foundation
import PlumbTesting
import Spawn
import Testing

@Suite("Store reliability")
struct StoreReliabilityTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/store-v1-core").path

    @Test func storeWrittenByTheFirstMigrations_opensMigratedForward_withItsData() async throws {
        let folder = try TemporaryDirectory(prefix: "plumb-sim-migrate")
        try FileManager.default.removeItem(atPath: folder.path)
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: folder.path)
        let cloud = try SimCloud(stateDirectory: folder.path, runtime: RuntimeConfiguration(cacheDirectory: folder.appending("runtime")))
        let provider = try cloud.provider()
        #expect(try await cloud.verify() == [])
        let settings = try await cloud.settings()
        #expect(settings.seed == 3 && settings.rateLimitsEnabled)
        #expect(try await provider.getAlias("greeter", name: "live").functionVersion == "1")
        #expect(try await provider.getFunction("greeter", qualifier: nil).tags == ["managed-by": "plumb"])
        #expect(try await provider.listAttachedRolePolicies("lambda-exec").map(\.policyName) == ["invoke"])
        #expect(try await provider.getPolicy("arn:aws:iam::000000000000:policy/invoke").defaultVersionId == "v2")
        #expect(try await provider.listStateMachineAliases("arn:aws:states:us-east-1:000000000000:stateMachine:orchestrator").count == 1)
        let response = try await provider.invoke("greeter", qualifier: "live", payload: Data(#"{"name":"plumb"}"#.utf8), invocationType: .requestResponse)
        #expect(String(decoding: response.payload, as: UTF8.self).contains(#""hello": "plumb""#))
        try await cloud.addFault(.throttle(rate: 1), target: FaultTarget(operation: "lambda:GetAlias"), remaining: 1)
        let throttled = await cloudError { _ = try await provider.getAlias("greeter", name: "live") }
        #expect(throttled?.code == .tooManyRequests)
        let now = try await cloud.clock.now()
        let metrics = try await provider.functionMetrics(FunctionMetricsQuery(functionName: "greeter", start: now.addingTimeInterval(-60), end: now.addingTimeInterval(60)))
        #expect(metrics.summary.invocations == 1)
        await cloud.shutdown()
    }

    @Test func storeWrittenByANewerPlumb_isRefusedWithWhatToDo() async throws {
        let folder = try TemporaryDirectory(prefix: "plumb-sim-newer")
        _ = try SimCloud(stateDirectory: folder.path)
        let insert = try Spawn.run("/usr/bin/sqlite3", [folder.appending("sim/cloud.sqlite"), "INSERT INTO grdb_migrations VALUES ('v99-future')"])
        #expect(insert.status == 0, "\(insert.stderrText)")
        #expect {
            _ = try SimCloud(stateDirectory: folder.path)
        } throws: { error in
            (error as? SimError)?.message.contains("was written by a newer plumb") == true
        }
    }

    @Test func processKilledMidCall_leavesEveryResourceWholeOrAbsent() async throws {
        let folder = try TemporaryDirectory(prefix: "plumb-sim-kill")
        let observer = try SimCloud(stateDirectory: folder.path, initialSettings: SimSettings(rateLimitsEnabled: false))
        for round in 1...3 {
            let child = try ChildProcess(executable: try PlumbBinary.path(),
                                         arguments: ["sim", "bench", "--in-place", "--calls", "100000000", "--invocations", "0", "--state-dir", folder.path],
                                         stdout: .null, stderr: .null)
            let busy = try await waitUntil(timeout: 60) {
                let functions = try await observer.status().regions.first?.functions ?? 0
                return functions >= 10 * round
            }
            #expect(busy, "the bench process made no progress in round \(round)")
            try await Task.sleep(nanoseconds: 300_000_000)
            child.signal(SIGKILL)
            #expect(try child.wait(timeout: 10) == 128 + SIGKILL)
            #expect(try await observer.verify() == [])
            let inspector = try observer.inspector()
            for function in try await inspector.listFunctions() {
                let details = try await inspector.getFunction(function.functionName, qualifier: nil)
                #expect(details.tags["created"] == "yes" && details.tags["bench-run"] != nil, "\(function.functionName) lost its creation tags")
                #expect(try await inspector.listVersions(function.functionName).map(\.version).contains(.number(1)))
                for alias in try await inspector.listAliases(function.functionName) {
                    #expect(alias.functionVersion == "1")
                }
            }
        }
        let reopened = try SimCloud(stateDirectory: folder.path)
        #expect(try await reopened.verify() == [])
        let names = try await reopened.inspector().listFunctions().map(\.functionName)
        _ = try await reopened.provider().updateFunctionConfiguration(try #require(names.first), FunctionConfigurationUpdate(description: "after the kills"))
        await reopened.shutdown()
        await observer.shutdown()
    }

    @Test func aLongRunningProcessAndTheCLI_onOneStore_seeConsistentResults() async throws {
        let folder = try TemporaryDirectory(prefix: "plumb-sim-two")
        let cloud = try SimCloud(stateDirectory: folder.path, initialSettings: SimSettings(rateLimitsEnabled: false),
                                 runtime: RuntimeConfiguration(cacheDirectory: folder.appending("runtime")))
        let sim = cloud
        let provider = try cloud.provider()
        let role = try await provider.createRole(CreateRoleRequest(roleName: "lambda-exec", assumeRolePolicyDocument: SimFixture.lambdaTrust)).arn
        let first = try await provider.createFunction(CreateFunctionRequest(functionName: "shared", runtime: "python3.11", role: role,
                                                                           handler: "app.handler", code: SimFixture.bundle("tree-1"), description: "step-0"))
        var written = [first.revisionId: "step-0"]
        let bench = try ChildProcess(executable: try PlumbBinary.path(),
                                     arguments: ["sim", "bench", "--in-place", "--calls", "3000", "--invocations", "0", "--state-dir", folder.path, "--output", "json"],
                                     stdout: .pipe, stderr: .pipe)
        var observed = 0
        for step in 1...60 {
            let updated = try await provider.updateFunctionConfiguration("shared", FunctionConfigurationUpdate(description: "step-\(step)"))
            written[updated.revisionId] = "step-\(step)"
            if step % 10 == 0 {
                let seen = try PlumbBinary.json(["sim", "function", "shared", "--state-dir", folder.path])
                let configuration = (seen["function"] as? [String: Any])?["configuration"] as? [String: Any]
                let revision = try #require(configuration?["revisionId"] as? String)
                #expect(written[revision] != nil && written[revision] == configuration?["description"] as? String,
                        "the CLI saw revision \(revision) with description \(configuration?["description"] ?? "nil"), which was never written together")
                observed += 1
            }
        }
        let status = try bench.wait(timeout: 300)
        var output = [UInt8](repeating: 0, count: 65536)
        let count = read(bench.stdoutFD, &output, output.count)
        #expect(status == 0, "the bench process failed")
        let figures = try JSONSerialization.jsonObject(with: Data(output.prefix(max(count, 0)))) as? [String: Any]
        #expect(figures?["controlPlaneCalls"] as? Int == 3000)
        #expect(observed == 6)
        let functions = try await sim.inspector().listFunctions()
        #expect(functions.count == 11)
        #expect(functions.first { $0.functionName == "shared" }?.description == "step-60")
        #expect(try await sim.verify() == [])
        await cloud.shutdown()
    }
}
