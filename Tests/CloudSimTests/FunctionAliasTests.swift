import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Lambda aliases")
struct FunctionAliasTests {
    /// A function with versions 1 and 2.
    func twoVersions(_ sim: SimFixture) async throws {
        try await sim.makeFunction("fn", publish: true)
        _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(memorySize: 256))
        _ = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil)
    }

    @Test func alias_createUpdateGetListDelete_keepsRoutingAndRevision() async throws {
        try await SimFixture.with { sim in
            try await twoVersions(sim)
            let created = try await sim.provider.createAlias("fn", name: "live", functionVersion: "1", description: "prod", routing: nil)
            #expect(created.aliasArn == "arn:aws:lambda:us-east-1:000000000000:function:fn:live")
            #expect(created.routingConfig == nil)
            let shifted = try await sim.provider.updateAlias("fn", name: "live", AliasUpdate(routingConfig: AliasRouting(version: 2, weight: 0.25), revisionId: created.revisionId))
            #expect(shifted.functionVersion == "1")
            #expect(shifted.routingConfig == AliasRouting(version: 2, weight: 0.25))
            let stale = await cloudError { _ = try await sim.provider.updateAlias("fn", name: "live", AliasUpdate(functionVersion: "2", revisionId: created.revisionId)) }
            #expect(stale?.code == .preconditionFailed)
            let keptRouting = try await sim.provider.updateAlias("fn", name: "live", AliasUpdate(description: "still canary"))
            #expect(keptRouting.routingConfig == AliasRouting(version: 2, weight: 0.25))
            let promoted = try await sim.provider.updateAlias("fn", name: "live", AliasUpdate(functionVersion: "2", routingConfig: AliasRouting.none))
            #expect(promoted.functionVersion == "2" && promoted.routingConfig == nil)
            #expect(try await sim.provider.getAlias("fn", name: "live") == promoted)
            #expect(try await sim.provider.getFunction("fn", qualifier: "live").configuration.version == .number(2))
            #expect(try await sim.provider.listAliases("fn").map(\.name) == ["live"])
            try await sim.provider.deleteAlias("fn", name: "live")
            let gone = await cloudError { _ = try await sim.provider.getAlias("fn", name: "live") }
            #expect(gone?.message == "Cannot find alias arn: arn:aws:lambda:us-east-1:000000000000:function:fn:live")
        }
    }

    @Test func aliasRouting_rules_answerLambdaErrors() async throws {
        try await SimFixture.with { sim in
            try await twoVersions(sim)
            let two = await cloudError { _ = try await sim.provider.createAlias("fn", name: "a", functionVersion: "1", description: "", routing: AliasRouting(additionalVersionWeights: ["2": 0.1, "3": 0.1])) }
            #expect(two?.message == "Number of items in AdditionalVersionWeights cannot be greater than 1")
            let weight = await cloudError { _ = try await sim.provider.createAlias("fn", name: "a", functionVersion: "1", description: "", routing: AliasRouting(additionalVersionWeights: ["2": 2.0])) }
            #expect(weight?.code == .validation)
            #expect(weight?.message.hasPrefix("1 validation error detected: Value '{2=2.0}' at 'routingConfig.additionalVersionWeights'") == true)
            let latestKey = await cloudError { _ = try await sim.provider.createAlias("fn", name: "a", functionVersion: "1", description: "", routing: AliasRouting(additionalVersionWeights: ["$LATEST": 0.5])) }
            #expect(latestKey?.code == .validation)
            let latestPrimary = await cloudError { _ = try await sim.provider.createAlias("fn", name: "a", functionVersion: "$LATEST", description: "", routing: AliasRouting(version: 1, weight: 0.5)) }
            #expect(latestPrimary?.message == "$LATEST is not supported for an alias pointing to more than 1 version")
            let same = await cloudError { _ = try await sim.provider.createAlias("fn", name: "a", functionVersion: "1", description: "", routing: AliasRouting(version: 1, weight: 0.5)) }
            #expect(same?.message == "Invalid function version 1. Function version 1 is already included in routing configuration.")
            let missing = await cloudError { _ = try await sim.provider.createAlias("fn", name: "a", functionVersion: "1", description: "", routing: AliasRouting(version: 7, weight: 0.5)) }
            #expect(missing?.code == .resourceNotFound)
            let digits = await cloudError { _ = try await sim.provider.createAlias("fn", name: "2024", functionVersion: "1", description: "", routing: nil) }
            #expect(digits?.message.contains("(?!^[0-9]+$)([a-zA-Z0-9-_]+)") == true)
            _ = try await sim.provider.createAlias("fn", name: "2024-01-01", functionVersion: "1", description: "", routing: nil)
            let duplicate = await cloudError { _ = try await sim.provider.createAlias("fn", name: "2024-01-01", functionVersion: "2", description: "", routing: nil) }
            #expect(duplicate?.code == .resourceConflict)
            let noVersion = await cloudError { _ = try await sim.provider.createAlias("fn", name: "b", functionVersion: "5", description: "", routing: nil) }
            #expect(noVersion?.code == .resourceNotFound)
            let zero = try await sim.provider.createAlias("fn", name: "zero", functionVersion: "1", description: "", routing: AliasRouting(version: 2, weight: 0))
            #expect(zero.routingConfig == AliasRouting(version: 2, weight: 0))
        }
    }

    @Test func aliasRouting_versionsWithDifferentRoles_isRefused() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("fn", publish: true)
            let other = try await sim.makeRole("other-exec")
            _ = try await sim.provider.updateFunctionConfiguration("fn", FunctionConfigurationUpdate(role: other))
            _ = try await sim.provider.publishVersion("fn", codeSha256: nil, revisionId: nil, description: nil)
            let error = await cloudError { _ = try await sim.provider.createAlias("fn", name: "live", functionVersion: "1", description: "", routing: AliasRouting(version: 2, weight: 0.5)) }
            #expect(error?.message == "Specified versions must be associated with the same execution role")
        }
    }

    @Test func reservedConcurrency_putGetDelete_keepsHundredUnreserved() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("a")
            try await sim.makeFunction("b")
            #expect(try await sim.provider.getFunctionConcurrency("a") == nil)
            #expect(try await sim.provider.putFunctionConcurrency("a", reservedConcurrentExecutions: 800) == 800)
            let floor = await cloudError { _ = try await sim.provider.putFunctionConcurrency("b", reservedConcurrentExecutions: 101) }
            #expect(floor?.message == "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].")
            let qualified = await cloudError { _ = try await sim.provider.putFunctionConcurrency("a:1", reservedConcurrentExecutions: 1) }
            #expect(qualified?.code == .invalidParameterValue)
            try await sim.provider.deleteFunctionConcurrency("a")
            #expect(try await sim.provider.getFunctionConcurrency("a") == nil)
            #expect(try await sim.provider.putFunctionConcurrency("b", reservedConcurrentExecutions: 0) == 0)
            #expect(try await sim.provider.getFunction("b", qualifier: nil).reservedConcurrentExecutions == 0)
        }
    }
}
