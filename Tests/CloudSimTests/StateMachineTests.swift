import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Step Functions state machines")
struct StateMachineTests {
    @Test func createStateMachine_isIdempotent_butSameNameWithOtherDefinitionIsRefused() async throws {
        try await SimFixture.with { sim in
            let created = try await sim.makeStateMachine("orchestrator")
            #expect(created.stateMachineArn == "arn:aws:states:us-east-1:000000000000:stateMachine:orchestrator")
            let again = try await sim.makeStateMachine("orchestrator")
            #expect(again.stateMachineArn == created.stateMachineArn)
            let reformatted = SimFixture.definition.replacingOccurrences(of: ",", with: ", ")
            let error = await cloudError { _ = try await sim.makeStateMachine("orchestrator", definition: reformatted) }
            #expect(error?.code == .stateMachineAlreadyExists)
            #expect(error?.message == "State Machine Already Exists: '\(created.stateMachineArn)'")
        }
    }

    @Test func createStateMachine_withBadInput_answersStepFunctionsErrors() async throws {
        try await SimFixture.with { sim in
            let invalid = await cloudError { _ = try await sim.makeStateMachine("bad", definition: #"{"States":{}}"#) }
            #expect(invalid?.code == .invalidDefinition)
            #expect(invalid?.message.hasPrefix("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED") == true)
            let notJSON = await cloudError { _ = try await sim.makeStateMachine("bad", definition: "{nope") }
            #expect(notJSON?.message.contains("INVALID_JSON_DESCRIPTION") == true)
            let name = await cloudError { _ = try await sim.makeStateMachine("has space") }
            #expect(name?.code == .invalidName)
            #expect(name?.message == "Invalid Name: 'has space'")
            let lambdaRole = try await sim.makeRole()
            let trust = await cloudError {
                _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "sm", definition: SimFixture.definition, roleArn: lambdaRole))
            }
            #expect(trust?.code == .accessDenied)
            let description = await cloudError {
                _ = try await sim.provider.createStateMachine(CreateStateMachineRequest(name: "sm", definition: SimFixture.definition, roleArn: lambdaRole, versionDescription: "x"))
            }
            #expect(description?.message == "Version description can only be set when publish is true")
            #expect(try await sim.provider.listStateMachines().isEmpty)
        }
    }

    @Test func updateStateMachine_makesRevisions_andPublishIsIdempotentPerRevision() async throws {
        try await SimFixture.with { sim in
            let arn = try await sim.makeStateMachine("sm").stateMachineArn
            #expect(try await sim.provider.describeStateMachine(arn).revisionId == nil)
            let v1 = try await sim.provider.publishStateMachineVersion(arn, revisionId: "INITIAL", description: "first")
            #expect(v1.stateMachineVersionArn == arn + ":1")
            #expect(try await sim.provider.publishStateMachineVersion(arn, revisionId: nil, description: nil).stateMachineVersionArn == arn + ":1")
            let updated = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: arn, definition: SimFixture.definitionTwo))
            let revision = try #require(updated.revisionId)
            let stale = await cloudError { _ = try await sim.provider.publishStateMachineVersion(arn, revisionId: "INITIAL", description: nil) }
            #expect(stale?.code == .conflict)
            #expect(stale?.message == "Failed to publish the State Machine version for revision INITIAL. The current State Machine revision is \(revision).")
            let unchanged = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: arn, definition: SimFixture.definitionTwo, publish: true))
            #expect(unchanged.revisionId == nil)
            #expect(unchanged.stateMachineVersionArn == arn + ":2")
            let two = try await sim.provider.describeStateMachine(arn + ":2")
            #expect(two.definition == SimFixture.definitionTwo)
            #expect(two.stateMachineArn == arn + ":2")
            #expect(try await sim.provider.describeStateMachine(arn + ":1").definition == SimFixture.definition)
            let missingField = await cloudError { _ = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: arn)) }
            #expect(missingField?.code == .missingRequiredParameter)
            let onVersion = await cloudError { _ = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: arn + ":2", definition: SimFixture.definition)) }
            #expect(onVersion?.code == .stateMachineDoesNotExist)
        }
    }

    @Test func stateMachineVersions_areNotReused_andAliasedVersionCannotBeDeleted() async throws {
        try await SimFixture.with { sim in
            let arn = try #require(try await sim.makeStateMachine("sm", publish: true).stateMachineVersionArn).dropLast(2).description
            _ = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: arn, definition: SimFixture.definitionTwo, publish: true))
            let alias = try await sim.provider.createStateMachineAlias(name: "live", description: "", routing: [
                StateMachineRoute(stateMachineVersionArn: arn + ":1", weight: 90), StateMachineRoute(stateMachineVersionArn: arn + ":2", weight: 10),
            ])
            #expect(alias.stateMachineAliasArn == arn + ":live")
            let refused = await cloudError { try await sim.provider.deleteStateMachineVersion(arn + ":2") }
            #expect(refused?.code == .conflict)
            #expect(refused?.message == "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [\(arn):live]")
            _ = try await sim.provider.updateStateMachineAlias(alias.stateMachineAliasArn, description: nil, routing: [StateMachineRoute(stateMachineVersionArn: arn + ":1", weight: 100)])
            try await sim.provider.deleteStateMachineVersion(arn + ":2")
            _ = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: arn, definition: #"{"StartAt":"X","States":{"X":{"Type":"Succeed"}}}"#, publish: true))
            #expect(try await sim.provider.listStateMachineVersions(arn).map(\.number) == [3, 1])
            try await sim.provider.deleteStateMachine(arn)
            let gone = await cloudError { _ = try await sim.provider.describeStateMachineAlias(alias.stateMachineAliasArn) }
            #expect(gone?.code == .stepFunctionsResourceNotFound)
            try await sim.provider.deleteStateMachine(arn)
        }
    }

    @Test func stateMachineAliasRouting_rules_answerValidationErrors() async throws {
        try await SimFixture.with { sim in
            let arn = try await sim.makeStateMachine("sm", publish: true).stateMachineArn
            _ = try await sim.provider.updateStateMachine(UpdateStateMachineRequest(stateMachineArn: arn, definition: SimFixture.definitionTwo, publish: true))
            func route(_ version: String, _ weight: Int) -> StateMachineRoute { StateMachineRoute(stateMachineVersionArn: arn + version, weight: weight) }
            let sum = await cloudError { _ = try await sim.provider.createStateMachineAlias(name: "a", description: "", routing: [route(":1", 70), route(":2", 29)]) }
            #expect(sum?.message == "Sum of routing configuration weights must equal 100. Received: [70, 29]")
            let over = await cloudError { _ = try await sim.provider.createStateMachineAlias(name: "a", description: "", routing: [route(":1", 101)]) }
            #expect(over?.message.contains("Value '101' at 'routingConfiguration.1.member.weight'") == true)
            let three = await cloudError { _ = try await sim.provider.createStateMachineAlias(name: "a", description: "", routing: [route(":1", 50), route(":2", 25), route(":1", 25)]) }
            #expect(three?.code == .validation)
            let duplicate = await cloudError { _ = try await sim.provider.createStateMachineAlias(name: "a", description: "", routing: [route(":1", 50), route(":1", 50)]) }
            #expect(duplicate?.message.hasPrefix("Routing configuration must contain distinct state machine version ARNs.") == true)
            let unqualified = await cloudError { _ = try await sim.provider.createStateMachineAlias(name: "a", description: "", routing: [route("", 100)]) }
            #expect(unqualified?.message.hasPrefix("Routing configuration must contain state machine version ARNs.") == true)
            let digits = await cloudError { _ = try await sim.provider.createStateMachineAlias(name: "123", description: "", routing: [route(":1", 100)]) }
            #expect(digits?.code == .validation)
            let created = try await sim.provider.createStateMachineAlias(name: "live", description: "d", routing: [route(":1", 100)])
            #expect(try await sim.provider.createStateMachineAlias(name: "live", description: "d", routing: [route(":1", 100)]) == created)
            let conflict = await cloudError { _ = try await sim.provider.createStateMachineAlias(name: "live", description: "d", routing: [route(":2", 100)]) }
            #expect(conflict?.code == .conflict)
            #expect(try await sim.provider.listStateMachineAliases(arn).map(\.name) == ["live"])
        }
    }

    @Test func validateDefinition_answersOkOrFailWithDiagnostics() async throws {
        try await SimFixture.with { sim in
            let ok = try await sim.provider.validateStateMachineDefinition(SimFixture.definition, type: .standard)
            #expect(ok.result == .ok && ok.diagnostics.isEmpty)
            let missing = try await sim.provider.validateStateMachineDefinition(#"{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"}}}"#, type: .standard)
            #expect(missing.result == .fail)
            #expect(missing.diagnostics.contains { $0.code == "MISSING_TRANSITION_TARGET" })
            let express = try await sim.provider.validateStateMachineDefinition(
                #"{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","End":true}}}"#, type: .express)
            #expect(express.result == .fail)
            #expect(express.diagnostics.first?.location == "/States/A/Resource")
        }
    }
}
