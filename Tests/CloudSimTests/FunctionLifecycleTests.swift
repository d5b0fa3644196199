import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Lambda functions")
struct FunctionLifecycleTests {
    @Test func createFunction_thenGetAndList_answerLatestActiveWithArnAndCodeHash() async throws {
        try await SimFixture.with { sim in
            let created = try await sim.makeFunction("deployer")
            #expect(created.functionArn == "arn:aws:lambda:us-east-1:000000000000:function:deployer")
            #expect(created.version == .latest)
            #expect(created.state == .active)
            #expect(created.codeId == "tree-1")
            #expect(!created.codeSha256.isEmpty)
            let details = try await sim.provider.getFunction("deployer", qualifier: nil)
            #expect(details.configuration.codeSha256 == created.codeSha256)
            #expect(FileManager.default.fileExists(atPath: details.codeLocation + "/app.py"))
            let byArn = try await sim.provider.getFunction(created.functionArn, qualifier: nil)
            #expect(byArn.configuration.functionName == "deployer")
            #expect(try await sim.provider.listFunctions().map(\.functionName) == ["deployer"])
        }
    }

    @Test func createFunction_twice_answersResourceConflict() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("deployer")
            let error = await cloudError { try await sim.makeFunction("deployer") }
            #expect(error?.code == .resourceConflict)
            #expect(error?.message == "Function already exist: deployer")
        }
    }

    @Test func createFunction_withBadInput_answersLambdaValidationErrors() async throws {
        try await SimFixture.with { sim in
            let role = try await sim.makeRole()
            let code = SimFixture.bundle("tree-1")
            func request(_ change: (inout CreateFunctionRequest) -> Void) -> CreateFunctionRequest {
                var request = CreateFunctionRequest(functionName: "fn", runtime: "python3.11", role: role, handler: "app.handler", code: code)
                change(&request)
                return request
            }
            let long = await cloudError { _ = try await sim.provider.createFunction(request { $0.functionName = String(repeating: "a", count: 65) }) }
            #expect(long?.code == .invalidParameterValue)
            #expect(long?.message.contains("Member must have length less than or equal to 64") == true)
            let runtime = await cloudError { _ = try await sim.provider.createFunction(request { $0.runtime = "python2.7" }) }
            #expect(runtime?.code == .validation)
            let memory = await cloudError { _ = try await sim.provider.createFunction(request { $0.memorySize = 10241 }) }
            #expect(memory?.message.contains("at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to 10240") == true)
            let timeout = await cloudError { _ = try await sim.provider.createFunction(request { $0.timeout = 0 }) }
            #expect(timeout?.message.contains("at 'timeout'") == true)
            let environment = await cloudError { _ = try await sim.provider.createFunction(request { $0.environment = ["BIG": String(repeating: "x", count: 4100)] }) }
            #expect(environment?.code == .invalidParameterValue)
            #expect(environment?.message.contains("exceeded the 4KB limit") == true)
            let reserved = await cloudError { _ = try await sim.provider.createFunction(request { $0.environment = ["AWS_REGION": "x"] }) }
            #expect(reserved?.message.hasSuffix("Reserved keys used in this request: AWS_REGION") == true)
            let badRole = await cloudError { _ = try await sim.provider.createFunction(request { $0.role = "not-a-role" }) }
            #expect(badRole?.code == .validation)
            let noCode = await cloudError { _ = try await sim.provider.createFunction(request { $0.code = CodeBundle(id: "empty", files: [:]) }) }
            #expect(noCode?.code == .invalidParameterValue)
            let escape = await cloudError { _ = try await sim.provider.createFunction(request { $0.code = CodeBundle(id: "evil", files: ["../x.py": CodeFile(text: "")]) }) }
            #expect(escape?.code == .invalidParameterValue)
            #expect(try await sim.provider.listFunctions().isEmpty)
        }
    }

    @Test func createFunction_withRoleLambdaCannotAssume_isRefused() async throws {
        try await SimFixture.with { sim in
            let statesRole = try await sim.makeRole("states-only", trust: SimFixture.statesTrust)
            let error = await cloudError {
                _ = try await sim.provider.createFunction(CreateFunctionRequest(
                    functionName: "fn", runtime: "python3.11", role: statesRole, handler: "app.handler", code: SimFixture.bundle("t")))
            }
            #expect(error?.message == "The role defined for the function cannot be assumed by Lambda.")
            let missing = await cloudError {
                _ = try await sim.provider.createFunction(CreateFunctionRequest(
                    functionName: "fn", runtime: "python3.11", role: "arn:aws:iam::000000000000:role/nobody", handler: "app.handler", code: SimFixture.bundle("t")))
            }
            #expect(missing?.code == .invalidParameterValue)
        }
    }

    @Test func codeBundle_sameIdDifferentContents_isRefused_andSameBundleIsStoredOnce() async throws {
        try await SimFixture.with { sim in
            let first = try await sim.makeFunction("a", code: SimFixture.bundle("tree-x"))
            let second = try await sim.makeFunction("b", code: SimFixture.bundle("tree-x"))
            #expect(first.codeSha256 == second.codeSha256)
            let folders = try FileManager.default.contentsOfDirectory(atPath: sim.folder.appending("sim/code"))
            #expect(folders.filter { !$0.hasPrefix(".") } == ["tree-x"])
            let error = await cloudError {
                try await sim.makeFunction("c", code: SimFixture.bundle("tree-x", source: "def handler(e, c):\n    return 1\n"))
            }
            #expect(error?.code == .invalidParameterValue)
            #expect(error?.message.contains("already stored with different contents") == true)
        }
    }

    @Test func updateFunction_codeAndConfiguration_changeLatestAndRevision() async throws {
        try await SimFixture.with { sim in
            let created = try await sim.makeFunction("fn")
            let updated = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("tree-2", source: "def handler(e, c):\n    return 2\n"), publish: false, revisionId: created.revisionId)
            #expect(updated.codeId == "tree-2")
            #expect(updated.codeSha256 != created.codeSha256)
            #expect(updated.revisionId != created.revisionId)
            let stale = await cloudError {
                _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256, revisionId: created.revisionId))
            }
            #expect(stale?.code == .preconditionFailed)
            let configured = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(
                description: "v2", memorySize: 256, environment: ["LOG_LEVEL": "INFO"]))
            #expect(configured.memorySize == 256)
            #expect(configured.environment == ["LOG_LEVEL": "INFO"])
            #expect(configured.codeId == "tree-2")
            let invalid = await cloudError { _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(timeout: 901)) }
            #expect(invalid?.code == .validation)
            #expect(try await sim.provider.getFunction("fn", qualifier: nil).configuration.timeout == 10)
        }
    }

    @Test func deleteFunction_removesVersionsAliasesAndTags_andMissingFunctionIsNotFound() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true)
            _ = try await sim.provider.createAlias("fn", name: "live", functionVersion: "1", description: "", routing: nil)
            let arn = "arn:aws:lambda:us-east-1:000000000000:function:fn"
            try await sim.provider.tagResource(arn, tags: ["team": "ops"])
            try await sim.provider.deleteFunction("fn", qualifier: nil)
            let missing = await cloudError { _ = try await sim.provider.getFunction("fn", qualifier: nil) }
            #expect(missing?.code == .resourceNotFound)
            #expect(missing?.message == "Function not found: \(arn)")
            try await sim.makeFunction("fn")
            #expect(try await sim.provider.listAliases("fn").isEmpty)
            #expect(try await sim.provider.listVersions("fn").count == 1)
            #expect(try await sim.provider.listTags(arn).isEmpty)
        }
    }

    @Test func functionName_forms_areParsedAsLambdaDoes() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true)
            #expect(try await sim.provider.getFunction("000000000000:function:fn", qualifier: nil).configuration.functionName == "fn")
            #expect(try await sim.provider.getFunction("fn:1", qualifier: nil).configuration.version == .number(1))
            let mismatch = await cloudError { _ = try await sim.provider.getFunction("fn:1", qualifier: "2") }
            #expect(mismatch?.message == "The derived qualifier from the function name does not match the specified qualifier.")
            let bad = await cloudError { _ = try await sim.provider.getFunction("fn name", qualifier: nil) }
            #expect(bad?.code == .validation)
            let tooLong = await cloudError { _ = try await sim.provider.getFunction("arn:aws:lambda:us-east-1:000000000000:function:" + String(repeating: "a", count: 100), qualifier: nil) }
            #expect(tooLong?.message.contains("less than or equal to 140") == true)
        }
    }
}
