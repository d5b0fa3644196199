import Cloud
import CloudSim
import Foundation
import Testing

@Suite("plumb sim commands")
struct SimCommandTests {
    /// Role, function `fn` (versions 1 and 2, alias `live` on 1 with 10% to 2), a state machine and a policy.
    func populate(_ sim: SimFixture) async throws {
        try await sim.makeFunction("fn", publish: true)
        _ = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("tree-2"), publish: true, revisionId: nil)
        _ = try await sim.provider.createAlias("fn", name: "live", functionVersion: "1", description: "", routing: AliasRouting(version: 2, weight: 0.1))
        try await sim.makeStateMachine("orchestrator", publish: true)
        _ = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "invoke", policyDocument: IAMTests.allowLogs))
    }

    @Test func listingCommands_showWhatTheAPIMade_inTextAndJSON() async throws {
        try await SimFixture.with { sim in
            try await populate(sim)
            let dir = sim.folder.path
            let status = try PlumbBinary.json(["sim", "status", "--state-dir", dir])
            let regions = try #require(status["regions"] as? [[String: Any]])
            #expect(regions.first?["functions"] as? Int == 1)
            #expect(regions.first?["functionVersions"] as? Int == 2)
            #expect(regions.first?["stateMachines"] as? Int == 1)
            let functions = try PlumbBinary.run(["sim", "functions", "--state-dir", dir])
            #expect(functions.status == 0)
            #expect(functions.stdoutText.contains("live→1 (2@10%)"))
            let detail = try PlumbBinary.json(["sim", "function", "fn", "--state-dir", dir])
            #expect((detail["versions"] as? [Any])?.count == 3)
            let machines = try PlumbBinary.run(["sim", "state-machines", "--state-dir", dir])
            #expect(machines.stdoutText.contains("orchestrator") && machines.stdoutText.contains("STANDARD"))
            let roles = try PlumbBinary.run(["sim", "roles", "--state-dir", dir])
            #expect(roles.stdoutText.contains("arn:aws:iam::000000000000:role/lambda-exec"))
            let policies = try PlumbBinary.run(["sim", "policies", "--state-dir", dir])
            #expect(policies.stdoutText.contains("invoke") && policies.stdoutText.contains("v1"))
            let elsewhere = try PlumbBinary.run(["sim", "functions", "--region", "eu-west-1", "--state-dir", dir])
            #expect(elsewhere.stdoutText.contains("No functions in 000000000000/eu-west-1"))
        }
    }

    @Test func invokeTrafficAndMetrics_runTheCode_andCountIt() async throws {
        try await SimFixture.with { sim in
            try await populate(sim)
            let dir = sim.folder.path
            let invoked = try PlumbBinary.json(["sim", "invoke", "fn:1", "--payload", #"{"a":1}"#, "--state-dir", dir])
            #expect(invoked["executedVersion"] as? String == "1")
            #expect((invoked["payload"] as? String)?.contains(#""a": 1"#) == true)
            let traffic = try PlumbBinary.json(["sim", "traffic", "fn:live", "--count", "40", "--seed", "9", "--interval", "1s", "--state-dir", dir])
            #expect(traffic["sent"] as? Int == 40)
            let byVersion = try #require(traffic["byVersion"] as? [String: Int])
            #expect(byVersion.values.reduce(0, +) == 40)
            let again = try await sim.provider.sendTraffic("fn", qualifier: "live", count: 40, seed: 9)
            #expect(again.byVersion == byVersion)
            let metrics = try PlumbBinary.json(["sim", "metrics", "fn", "--alias", "live", "--since", "1h", "--state-dir", dir])
            #expect((metrics["summary"] as? [String: Any])?["invocations"] as? Int == 80)
            let versionOne = try PlumbBinary.json(["sim", "metrics", "fn", "--version", "1", "--since", "1h", "--state-dir", dir])
            #expect((versionOne["summary"] as? [String: Any])?["invocations"] as? Int == 1 + 2 * byVersion["1", default: 0])
        }
    }

    @Test func errors_printTheAWSNameAndWhatToDo_andExitOne() async throws {
        try await SimFixture.with { sim in
            try await populate(sim)
            let dir = sim.folder.path
            let missing = try PlumbBinary.run(["sim", "invoke", "nope", "--state-dir", dir])
            #expect(missing.status == 1)
            #expect(missing.stderrText.contains("Error: ResourceNotFoundException: Function not found: arn:aws:lambda:us-east-1:000000000000:function:nope"))
            #expect(missing.stderrText.contains("Hint:"))
            #expect(try PlumbBinary.run(["sim", "region", "down", "us-east-1", "--state-dir", dir]).status == 0)
            let down = try PlumbBinary.run(["sim", "invoke", "fn:live", "--state-dir", dir, "--output", "json"])
            #expect(down.status == 1)
            let error = try JSONSerialization.jsonObject(with: down.stdout) as? [String: String]
            #expect(error?["error"] == "ServiceUnavailable")
            #expect(error?["hint"]?.contains("plumb sim region up") == true)
            let listed = try PlumbBinary.run(["sim", "functions", "--state-dir", dir])
            #expect(listed.status == 0 && listed.stdoutText.contains("fn"))
            #expect(try PlumbBinary.run(["sim", "region", "up", "us-east-1", "--state-dir", dir]).status == 0)
            let fault = try PlumbBinary.run(["sim", "fault", "add", "api-error", "--operation", "lambda:Invoke", "--error-code", "ServiceException",
                                             "--message", "injected for a drill", "--count", "1", "--state-dir", dir])
            #expect(fault.status == 0)
            let failed = try PlumbBinary.run(["sim", "invoke", "fn:live", "--state-dir", dir])
            #expect(failed.stderrText.contains("Error: ServiceException: injected for a drill"))
            #expect(try PlumbBinary.run(["sim", "invoke", "fn:live", "--state-dir", dir]).status == 0)
            let bad = try PlumbBinary.run(["sim", "invoke", "fn", "--payload", "{oops", "--state-dir", dir])
            #expect(bad.status == 1 && bad.stderrText.contains("InvalidRequestContentException"))
        }
    }

    @Test func clockAndSettings_changedByTheCLI_areSeenByOtherProcesses() async throws {
        try await SimFixture.with { sim in
            let dir = sim.folder.path
            let before = try await sim.cloud.clock.now()
            #expect(try PlumbBinary.run(["sim", "clock", "advance", "5m", "--state-dir", dir]).status == 0)
            #expect(try await sim.cloud.clock.now() == before.addingTimeInterval(300))
            let shown = try PlumbBinary.json(["sim", "clock", "--state-dir", dir])
            #expect(shown["mode"] as? String == "virtual")
            let backwards = try PlumbBinary.run(["sim", "clock", "set", "2001-01-01T00:00:00Z", "--state-dir", dir])
            #expect(backwards.status == 1 && backwards.stderrText.contains("time only moves forward"))
            #expect(try PlumbBinary.run(["sim", "settings", "--rate-limits", "on", "--settle", "5s", "--state-dir", dir]).status == 0)
            let settings = try await sim.cloud.settings()
            #expect(settings.rateLimitsEnabled && settings.settleSeconds == 5)
            #expect(try PlumbBinary.run(["sim", "clock", "mode", "scaled", "--scale", "60", "--state-dir", dir]).status == 0)
            #expect(try await sim.cloud.clock.state().mode == .scaled)
        }
    }

    @Test func exportResetImport_bringBackResourcesAndCode() async throws {
        try await SimFixture.with { sim in
            try await populate(sim)
            let dir = sim.folder.path
            let file = sim.folder.appending("export.sqlite")
            #expect(try PlumbBinary.run(["sim", "export", file, "--state-dir", dir]).status == 0)
            #expect(try PlumbBinary.run(["sim", "export", file, "--state-dir", dir]).status == 1)
            #expect(try PlumbBinary.run(["sim", "reset", "--state-dir", dir]).status == 0)
            #expect(try await sim.provider.listFunctions().isEmpty)
            #expect(!FileManager.default.fileExists(atPath: sim.folder.appending("sim/code/tree-2")))
            #expect(try PlumbBinary.run(["sim", "import", file, "--state-dir", dir]).status == 0)
            #expect(try await sim.provider.getAlias("fn", name: "live").routingConfig == AliasRouting(version: 2, weight: 0.1))
            #expect(try await sim.cloud.verify() == [])
            let response = try await sim.provider.invoke("fn", qualifier: "2", payload: Data(), invocationType: .requestResponse)
            #expect(response.functionError == nil)
            let notExport = try PlumbBinary.run(["sim", "import", sim.folder.appending("sim/cloud.sqlite"), "--state-dir", dir])
            #expect(notExport.status == 1 && notExport.stderrText.contains("is not an export"))
        }
    }
}
