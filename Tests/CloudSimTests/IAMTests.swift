import Cloud
import CloudSim
import Foundation
import Testing

@Suite("IAM roles and policies")
struct IAMTests {
    static let allowLogs = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"}]}"#

    static func document(_ action: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\#(action)","Resource":"*"}]}"#
    }

    @Test func role_names_areUniqueCaseInsensitively_andArnCarriesThePath() async throws {
        try await SimFixture.with { sim in
            let role = try await sim.provider.createRole(CreateRoleRequest(roleName: "Deployer", path: "/service-role/", assumeRolePolicyDocument: SimFixture.lambdaTrust))
            #expect(role.arn == "arn:aws:iam::000000000000:role/service-role/Deployer")
            #expect(role.roleId.hasPrefix("AROA") && role.roleId.count == 21)
            let duplicate = await cloudError { _ = try await sim.provider.createRole(CreateRoleRequest(roleName: "deployer", assumeRolePolicyDocument: SimFixture.lambdaTrust)) }
            #expect(duplicate?.code == .entityAlreadyExists)
            #expect(try await sim.provider.getRole("DEPLOYER").roleName == "Deployer")
            let missing = await cloudError { _ = try await sim.provider.getRole("nobody") }
            #expect(missing?.message == "The role with name nobody cannot be found.")
        }
    }

    @Test func policyDocuments_malformedOrWrongKind_answerMalformedPolicyDocument() async throws {
        try await SimFixture.with { sim in
            let json = await cloudError { _ = try await sim.provider.createRole(CreateRoleRequest(roleName: "r", assumeRolePolicyDocument: "{not json")) }
            #expect(json?.code == .malformedPolicyDocument)
            #expect(json?.message == "This policy contains invalid Json")
            try await sim.makeRole("r")
            let principal = await cloudError { try await sim.provider.putRolePolicy("r", policyName: "p", policyDocument: SimFixture.lambdaTrust) }
            #expect(principal?.message == "Policy document should not specify a principal.")
            let big = String(repeating: "x", count: 2100)
            let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Sid":"\#(big)"}]}"#
            let quota = await cloudError { try await sim.provider.updateAssumeRolePolicy("r", policyDocument: trust) }
            #expect(quota?.code == .limitExceeded)
            #expect(quota?.message == "Cannot exceed quota for ACLSizePerRole: 2048")
        }
    }

    @Test func inlinePolicies_aggregateSizeIsLimitedPerRole() async throws {
        try await SimFixture.with { sim in
            try await sim.makeRole("r")
            let chunk = String(repeating: "a", count: 4000)
            func policy(_ sid: String) -> String { #"{"Version":"2012-10-17","Statement":[{"Sid":"\#(sid)","Effect":"Allow","Action":"logs:*","Resource":"*"}]}"# }
            try await sim.provider.putRolePolicy("r", policyName: "one", policyDocument: policy(chunk))
            try await sim.provider.putRolePolicy("r", policyName: "two", policyDocument: policy(chunk))
            let third = await cloudError { try await sim.provider.putRolePolicy("r", policyName: "three", policyDocument: policy(chunk)) }
            #expect(third?.message == "Maximum policy size of 10240 bytes exceeded for role r")
            try await sim.provider.putRolePolicy("r", policyName: "two", policyDocument: Self.allowLogs)
            #expect(try await sim.provider.listRolePolicies("r") == ["one", "two"])
            #expect(try await sim.provider.getRolePolicy("r", policyName: "two") == Self.allowLogs)
        }
    }

    @Test func managedPolicyVersions_atMostFive_defaultCannotBeDeleted_idsNotReused() async throws {
        try await SimFixture.with { sim in
            let policy = try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "invoke", policyDocument: Self.document("lambda:InvokeFunction")))
            #expect(policy.arn == "arn:aws:iam::000000000000:policy/invoke")
            #expect(policy.defaultVersionId == "v1")
            for index in 2...5 {
                let version = try await sim.provider.createPolicyVersion(policy.arn, policyDocument: Self.document("lambda:Get\(index)"), setAsDefault: index == 3)
                #expect(version.versionId == "v\(index)")
            }
            let sixth = await cloudError { _ = try await sim.provider.createPolicyVersion(policy.arn, policyDocument: Self.allowLogs, setAsDefault: false) }
            #expect(sixth?.code == .limitExceeded)
            #expect(sixth?.message == "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.")
            #expect(try await sim.provider.getPolicy(policy.arn).defaultVersionId == "v3")
            let deleteDefault = await cloudError { try await sim.provider.deletePolicyVersion(policy.arn, versionId: "v3") }
            #expect(deleteDefault?.message == "Cannot delete the default version of a policy.")
            try await sim.provider.deletePolicyVersion(policy.arn, versionId: "v2")
            try await sim.provider.deletePolicyVersion(policy.arn, versionId: "v4")
            _ = try await sim.provider.createPolicyVersion(policy.arn, policyDocument: Self.allowLogs, setAsDefault: false)
            _ = try await sim.provider.createPolicyVersion(policy.arn, policyDocument: Self.allowLogs, setAsDefault: false)
            #expect(try await sim.provider.listPolicyVersions(policy.arn).map(\.versionId) == ["v7", "v6", "v5", "v3", "v1"])
            try await sim.provider.setDefaultPolicyVersion(policy.arn, versionId: "v1")
            let versions = try await sim.provider.listPolicyVersions(policy.arn)
            #expect(versions.filter(\.isDefaultVersion).map(\.versionId) == ["v1"])
            #expect(try await sim.provider.getPolicyVersion(policy.arn, versionId: "v1").document == Self.document("lambda:InvokeFunction"))
            let badId = await cloudError { _ = try await sim.provider.getPolicyVersion(policy.arn, versionId: "1") }
            #expect(badId?.code == .validationError)
        }
    }

    @Test func attachments_limitedToTen_andDeletesRefusedWhileInUse() async throws {
        try await SimFixture.with { sim in
            try await sim.makeRole("r")
            var arns: [String] = []
            for index in 1...11 {
                arns.append(try await sim.provider.createPolicy(CreatePolicyRequest(policyName: "p\(index)", policyDocument: Self.allowLogs)).arn)
            }
            for arn in arns.prefix(10) { try await sim.provider.attachRolePolicy("r", policyArn: arn) }
            let eleventh = await cloudError { try await sim.provider.attachRolePolicy("r", policyArn: arns[10]) }
            #expect(eleventh?.message == "Cannot exceed quota for PoliciesPerRole: 10")
            #expect(try await sim.provider.getPolicy(arns[0]).attachmentCount == 1)
            let unknown = await cloudError { try await sim.provider.attachRolePolicy("r", policyArn: "arn:aws:iam::000000000000:policy/none") }
            #expect(unknown?.message == "Policy arn:aws:iam::000000000000:policy/none does not exist or is not attachable.")
            let badArn = await cloudError { try await sim.provider.attachRolePolicy("r", policyArn: "policy/none") }
            #expect(badArn?.message == "Invalid ARN:  Could not be parsed!")
            let attachedPolicy = await cloudError { try await sim.provider.deletePolicy(arns[0]) }
            #expect(attachedPolicy?.message == "Cannot delete a policy attached to entities.")
            let attachedRole = await cloudError { try await sim.provider.deleteRole("r") }
            #expect(attachedRole?.message == "Cannot delete entity, must detach all policies first.")
            for arn in arns.prefix(10) { try await sim.provider.detachRolePolicy("r", policyArn: arn) }
            try await sim.provider.putRolePolicy("r", policyName: "inline", policyDocument: Self.allowLogs)
            let inline = await cloudError { try await sim.provider.deleteRole("r") }
            #expect(inline?.message == "Cannot delete entity, must delete policies first.")
            try await sim.provider.deleteRolePolicy("r", policyName: "inline")
            try await sim.provider.deleteRole("r")
            _ = try await sim.provider.createPolicyVersion(arns[0], policyDocument: Self.allowLogs, setAsDefault: true)
            let versions = await cloudError { try await sim.provider.deletePolicy(arns[0]) }
            #expect(versions?.code == .deleteConflict)
            try await sim.provider.deletePolicyVersion(arns[0], versionId: "v1")
            try await sim.provider.deletePolicy(arns[0])
            #expect(try await sim.provider.listPolicies().count == 10)
        }
    }
}
