import Cloud
import CloudSim
import Foundation
import PlumbTesting
import Testing

/// A simulated cloud in a temp folder, with helpers for the common resources.
struct SimFixture: Sendable {
    static let lambdaTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static let statesTrust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"states.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#
    static let definition = #"{"StartAt":"Done","States":{"Done":{"Type":"Pass","End":true}}}"#
    static let definitionTwo = #"{"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":1,"Next":"Done"},"Done":{"Type":"Succeed"}}}"#
    static let echoSource = "def handler(event, context):\n    return {\"echo\": event, \"version\": context.function_version}\n"

    let folder: TemporaryDirectory
    let cloud: SimCloud
    let provider: SimProvider

    /// A fresh simulated cloud; rate limits are off unless `settings` says otherwise.
    init(settings: SimSettings = SimSettings(rateLimitsEnabled: false)) throws {
        folder = try TemporaryDirectory(prefix: "plumb-sim-test")
        cloud = try SimCloud(stateDirectory: folder.path, initialSettings: settings,
                             runtime: RuntimeConfiguration(cacheDirectory: folder.appending("runtime")))
        provider = try cloud.provider()
    }

    /// Runs `body` with a fresh simulated cloud and stops its workers afterwards.
    static func with<T>(settings: SimSettings = SimSettings(rateLimitsEnabled: false),
                        _ body: (SimFixture) async throws -> T) async throws -> T {
        let fixture = try SimFixture(settings: settings)
        do {
            let result = try await body(fixture)
            await fixture.cloud.shutdown()
            return result
        } catch {
            await fixture.cloud.shutdown()
            throw error
        }
    }

    /// A code bundle with one Python module `app.py`.
    static func bundle(_ id: String, source: String = echoSource) -> CodeBundle {
        CodeBundle(id: id, files: ["app.py": CodeFile(text: source)])
    }

    /// Creates a role Lambda (or Step Functions) may assume; answers its ARN.
    @discardableResult
    func makeRole(_ name: String = "lambda-exec", trust: String = SimFixture.lambdaTrust, on target: SimProvider? = nil) async throws -> String {
        try await (target ?? provider).createRole(CreateRoleRequest(roleName: name, assumeRolePolicyDocument: trust)).arn
    }

    /// Creates a Python function (and its role when missing).
    @discardableResult
    func makeFunction(_ name: String, code: CodeBundle = SimFixture.bundle("tree-1"), publish: Bool = false,
                      role: String = "lambda-exec", on target: SimProvider? = nil, timeout: Int = 10) async throws -> FunctionConfiguration {
        let target = target ?? provider
        let roleArn: String
        if let existing = try? await target.getRole(role) { roleArn = existing.arn } else { roleArn = try await makeRole(role, on: target) }
        return try await target.createFunction(CreateFunctionRequest(
            functionName: name, runtime: "python3.11", role: roleArn, handler: "app.handler", code: code,
            timeout: timeout, publish: publish))
    }

    /// Creates a state machine (and its role when missing).
    @discardableResult
    func makeStateMachine(_ name: String, definition: String = SimFixture.definition, publish: Bool = false) async throws -> CreateStateMachineResult {
        let roleArn: String
        if let existing = try? await provider.getRole("states-exec") { roleArn = existing.arn } else {
            roleArn = try await makeRole("states-exec", trust: SimFixture.statesTrust)
        }
        return try await provider.createStateMachine(CreateStateMachineRequest(name: name, definition: definition, roleArn: roleArn, publish: publish))
    }
}

/// Runs `body` and answers the `CloudError` it throws; fails the test when it throws none.
func cloudError(_ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async -> CloudError? {
    do {
        try await body()
        Issue.record("expected a CloudError, but the call succeeded", sourceLocation: sourceLocation)
        return nil
    } catch let error as CloudError {
        return error
    } catch {
        Issue.record("expected a CloudError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
