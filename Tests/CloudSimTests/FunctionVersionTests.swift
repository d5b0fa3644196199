import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Lambda versions")
struct FunctionVersionTests {
    @Test func publishVersion_unchangedLatest_answersExistingVersion() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn")
            let first = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: "first")
            let again = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: "again")
            #expect(first.version == .number(1))
            #expect(again.version == .number(1))
            #expect(again.functionArn.hasSuffix(":function:fn:1"))
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256))
            let second = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil)
            #expect(second.version == .number(2))
            #expect(second.memorySize == 256)
            let versions = try await sim.provider.listVersions("fn").map(\.version)
            #expect(versions == [.latest, .number(1), .number(2)])
        }
    }

    @Test func publishedVersion_isImmutable_whileLatestChanges() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true)
            _ = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("tree-2", source: "def handler(e, c):\n    return 2\n"), publish: false, revisionId: nil)
            let one = try await sim.provider.getFunction("fn", qualifier: "1").configuration
            let latest = try await sim.provider.getFunction("fn", qualifier: nil).configuration
            #expect(one.codeId == "tree-1")
            #expect(latest.codeId == "tree-2")
            #expect(one.state == .active && one.lastUpdateStatus == .successful)
        }
    }

    @Test func versionNumbers_areNeverReused_afterDeletingTheNewest() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true)
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256))
            #expect(try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil).version == .number(2))
            try await sim.provider.deleteFunction("fn", qualifier: "2")
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 512))
            #expect(try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil).version == .number(3))
            #expect(try await sim.provider.listVersions("fn").map(\.version) == [.latest, .number(1), .number(3)])
        }
    }

    @Test func publishVersion_withWrongCodeShaOrRevision_isRefusedAsLambdaDoes() async throws {
        try await SimFixture.with { sim in
            let created = try await sim.makeFunction("fn")
            let sha = await cloudError { _ = try await sim.provider.publishVersion("fn", codeSha256: "AAAA", revisionId: nil, description: nil) }
            #expect(sha?.code == .invalidParameterValue)
            #expect(sha?.message == "CodeSHA256 (AAAA) is different from current CodeSHA256 in $LATEST (\(created.codeSha256)). Please try again with the CodeSHA256 in $LATEST.")
            let revision = await cloudError { _ = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: "stale", description: nil) }
            #expect(revision?.code == .preconditionFailed)
            let published = try await sim.provider.publishVersion("fn", codeSha256: created.codeSha256, revisionId: created.revisionId, description: nil)
            #expect(published.version == .number(1))
        }
    }

    @Test func deleteVersion_refusedWhileAliasRoutesToIt_latestRefused_missingIsFine() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true)
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256))
            _ = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil)
            _ = try await sim.provider.createAlias("fn", name: "live", functionVersion: "1", description: "", routing: AliasRouting(version: 2, weight: 0.1))
            let primary = await cloudError { try await sim.provider.deleteFunction("fn", qualifier: "1") }
            #expect(primary?.code == .resourceConflict)
            #expect(primary?.message == "Unable to delete version because the following aliases reference it: [live]")
            let extra = await cloudError { try await sim.provider.deleteFunction("fn", qualifier: "2") }
            #expect(extra?.code == .resourceConflict)
            let latest = await cloudError { try await sim.provider.deleteFunction("fn", qualifier: "$LATEST") }
            #expect(latest?.message == "$LATEST version cannot be deleted without deleting the function.")
            try await sim.provider.deleteFunction("fn", qualifier: "9")
            #expect(try await sim.provider.listVersions("fn").count == 3)
        }
    }

    @Test func createFunction_withPublish_answersVersionOne() async throws {
        try await SimFixture.with { sim in
            let created = try await sim.makeFunction("fn", publish: true)
            #expect(created.version == .number(1))
            let code = try await sim.provider.updateFunctionCode("fn", code: SimFixture.bundle("tree-2", source: "def handler(e, c):\n    return 2\n"), publish: true, revisionId: nil)
            #expect(code.version == .number(2))
            #expect(code.codeId == "tree-2")
        }
    }
}
