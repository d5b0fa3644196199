import Cloud
@testable import CloudSim
import Foundation
import GRDB
import PlumbTesting
import Testing

/// ListFunctions, ListStateMachines and ListPolicies read every resource of a region in a few
/// queries: what they list must be what GetFunction, DescribeStateMachine and GetPolicy answer.
@Suite struct ListingTests {
    /// The fields both calls show of `$LATEST`.
    static func listedFields(_ configuration: FunctionConfiguration) -> [String] {
        [configuration.functionName, configuration.runtime, configuration.role, configuration.handler, configuration.description,
         String(configuration.timeout), String(configuration.memorySize), configuration.architectures.joined(separator: ","),
         String(configuration.ephemeralStorageSize), configuration.codeId ?? "-", configuration.codeSha256,
         String(configuration.codeSize), configuration.revisionId,
         configuration.environment.keys.sorted().map { "\($0)=\(configuration.environment[$0] ?? "")" }.joined(separator: "\n")]
    }

    /// The change-token query reads names and stamps from an index, not from rows that hold
    /// whole configurations and definitions.
    @Test func tokenQuery_readsCoveringIndexes() async throws {
        try await SimFixture.with { sim in
            for table in ChangeCounting.indexed {
                let plan = try await sim.cloud.store.pool.read { db in
                    try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT name, changeSeq FROM \(table) WHERE account = ? AND region = ?",
                                     arguments: ["000000000000", "us-east-1"]).map { row -> String in row["detail"] }.joined(separator: " ")
                }
                #expect(plan.contains("COVERING INDEX \(table)_tokens"), "\(table): \(plan)")
            }
        }
    }

    @Test func listFunctions_valuesWithEscapesAndUnicode_listWhatGetFunctionAnswers() async throws {
        try await SimFixture.with { sim in
            let role = try await sim.makeRole()
            let environments: [String: [String: String]] = [
                "plain": ["LOG_LEVEL": "info", "TABLE": "orders"],
                "empty": [:],
                "escapes": ["QUOTE": "say \"hi\"", "SLASHES": "a/b\\c\\", "LINES": "one\ntwo\tthree\r", "BELL": "\u{07}\u{01}", "NOTHING": ""],
                "unicode": ["GREETING": "café ☕ 𝄞 日本", "MIXED": "\u{1F600}\"/\\\u{0}"],
            ]
            for (name, environment) in environments {
                _ = try await sim.provider.createFunction(CreateFunctionRequest(
                    functionName: name, runtime: "python3.11", role: role, handler: "app.handler", code: SimFixture.bundle("tree-\(name)"),
                    description: name == "unicode" ? "naïve \"description\" / ✓" : "", timeout: 7, memorySize: 256,
                    environment: environment, architectures: name == "plain" ? ["arm64"] : ["x86_64"], ephemeralStorageSize: 1024))
            }
            let listed = try await sim.provider.listFunctions()
            #expect(listed.map(\.functionName) == environments.keys.sorted())
            for configuration in listed {
                let read = try await sim.provider.getFunction(configuration.functionName, qualifier: nil).configuration
                #expect(Self.listedFields(configuration) == Self.listedFields(read))
                #expect(configuration.environment == environments[configuration.functionName])
            }
        }
    }

    @Test func listFunctions_afterAConfigurationUpdate_listsTheNewValues() async throws {
        try await SimFixture.with { sim in
            try await sim.makeFunction("worker")
            var update = FunctionConfigurationUpdate()
            update.environment = ["MODE": "batch/\"fast\""]
            update.memorySize = 1024
            update.description = "ünïcode"
            _ = try await sim.provider.updateFunctionConfiguration("worker", update)
            let listed = try #require(try await sim.provider.listFunctions().first)
            #expect(listed.environment == ["MODE": "batch/\"fast\""])
            #expect(listed.memorySize == 1024 && listed.description == "ünïcode")
            let read = try await sim.provider.getFunction("worker", qualifier: nil).configuration
            #expect(Self.listedFields(listed) == Self.listedFields(read))
        }
    }

    @Test func listStateMachines_withDifferentLoggingAndTracing_listsWhatDescribeAnswers() async throws {
        try await SimFixture.with { sim in
            let role = try await sim.makeRole("states-exec", trust: SimFixture.statesTrust)
            let logging = LoggingConfiguration(level: "ERROR", includeExecutionData: true,
                                               destinations: ["arn:aws:logs:us-east-1:000000000000:log-group:flows:*"])
            _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "b-logged", definition: SimFixture.definitionTwo,
                                                                                    roleArn: role, type: .express, loggingConfiguration: logging, tracingEnabled: true))
            _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "a-plain", definition: SimFixture.definition, roleArn: role))
            _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "c-plain", definition: SimFixture.definition, roleArn: role))
            let listed = try await sim.provider.listStateMachines()
            #expect(listed.map(\.name) == ["a-plain", "b-logged", "c-plain"])
            for machine in listed {
                #expect(machine == (try await sim.provider.describeStateMachine(machine.stateMachineArn)))
            }
            #expect(listed[1].loggingConfiguration == logging && listed[1].tracingEnabled && listed[1].type == .express)
            #expect(listed[0].loggingConfiguration == LoggingConfiguration() && !listed[0].tracingEnabled)
        }
    }

    @Test func listPolicies_withAttachmentsAndTags_listsWhatGetPolicyAnswers() async throws {
        try await SimFixture.with { sim in
            let document = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"#
            try await sim.makeRole("first")
            try await sim.makeRole("second")
            let shared = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "b-shared", policyDocument: document,
                                                                                 tags: ["team": "core", "plumb:managed": "true"]))
            let lone = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "a-lone", policyDocument: document))
            _ = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "c-unused", policyDocument: document, tags: ["x": "1"]))
            try await sim.provider.attachRolePolicy("first", policyArn: shared.arn)
            try await sim.provider.attachRolePolicy("second", policyArn: shared.arn)
            try await sim.provider.attachRolePolicy("second", policyArn: lone.arn)
            try await sim.provider.tagResource(lone.arn, tags: ["owner": "ops"])
            let listed = try await sim.provider.listPolicies()
            #expect(listed.map(\.policyName) == ["a-lone", "b-shared", "c-unused"])
            #expect(listed.map(\.attachmentCount) == [1, 2, 0])
            #expect(listed.map(\.tags) == [["owner": "ops"], ["team": "core", "plumb:managed": "true"], ["x": "1"]])
            for policy in listed {
                #expect(policy == (try await sim.provider.getPolicy(policy.arn)))
            }
        }
    }

    static let stored = StoredFunctionConfig(
        runtime: "python3.11", role: "arn:aws:iam::000000000000:role/exec", handler: "app.handler", description: "naïve \"x\" \\ /",
        timeout: 30, memorySize: 256, environment: ["LOG_LEVEL": "info", "PATH": "a/b\\c", "LINES": "1\n2\t3"],
        architectures: ["x86_64"], ephemeralStorageSize: 512, codeId: "abc", codeSha256: "c2hh/+=", codeSize: -1)

    /// What the scanner reads of `text`.
    static func scanned(_ text: String) -> StoredFunctionConfig? {
        Array(text.utf8).withUnsafeBytes(StoredConfigScanner.scan)
    }

    @Test func storedConfigScanner_readsWhatTheCodecWrites() throws {
        let text = try StoredConfigCodec.encode(Self.stored)
        #expect(Self.scanned(text) == Self.stored)
        #expect(Self.scanned(text) == (try StoredConfigCodec.decode(text)))
        var empty = Self.stored
        empty.environment = [:]
        empty.architectures = []
        #expect(Self.scanned(try StoredConfigCodec.encode(empty)) == empty)
        let spaced = " { \"architectures\" : [ \"arm64\" ] , \"codeId\":\"a\",\"codeSha256\":\"s\",\"codeSize\":1,\"description\":\"\","
            + "\"environment\":{ },\"ephemeralStorageSize\":512,\"handler\":\"h\",\"memorySize\":128,\"role\":\"r\",\"runtime\":\"p\",\"timeout\":3 } "
        #expect(Self.scanned(spaced) == (try StoredConfigCodec.decode(spaced)))
    }

    @Test func storedConfigScanner_leavesEveryOtherShapeToTheDecoder() throws {
        let text = try StoredConfigCodec.encode(Self.stored)
        let others = [
            text.replacingOccurrences(of: "\"timeout\":30", with: "\"timeout\":30.5"),
            text.replacingOccurrences(of: "\"timeout\":30", with: "\"timeout\":3e1"),
            text.replacingOccurrences(of: "\"timeout\":30", with: "\"timeout\":99999999999999999999"),
            text.replacingOccurrences(of: "\"timeout\":30", with: "\"timeout\":30,\"timeout\":31"),
            text.replacingOccurrences(of: "\"timeout\":30", with: "\"timeout\":30,\"extra\":1"),
            text.replacingOccurrences(of: "\"codeSize\":-1,", with: ""),
            text.replacingOccurrences(of: "\"LOG_LEVEL\":\"info\"", with: "\"LOG_LEVEL\":\"\\u00e9\""),
            text.replacingOccurrences(of: "\"LOG_LEVEL\":\"info\"", with: "\"LOG_LEVEL\":\"a\",\"LOG_LEVEL\":\"b\""),
            text + "x",
            String(text.dropLast()),
        ]
        for other in others {
            #expect(Self.scanned(other) == nil, "\(other)")
        }
        let unicode = text.replacingOccurrences(of: "\"LOG_LEVEL\":\"info\"", with: "\"LOG_LEVEL\":\"\\u00e9\"")
        #expect(try StoredConfigCodec.decode(unicode).environment["LOG_LEVEL"] == "é")
    }
}
