import Cloud
import CloudSim
import Foundation
import Testing

/// Helpers for execution tests: a Step Functions role with a chosen Lambda policy, machines,
/// and waiting for executions to end.
extension SimFixture {
    /// A policy allowing `lambda:InvokeFunction` on `resource`.
    static func invokePolicy(_ resource: String) -> String {
        #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"\#(resource)"}]}"#
    }

    /// Creates a role Step Functions assumes, with `policy` inline; answers its ARN.
    @discardableResult
    func makeStatesRole(_ name: String = "states-exec", policy: String? = SimFixture.invokePolicy("*")) async throws -> String {
        let arn = try await makeRole(name, trust: SimFixture.statesTrust)
        if let policy { try await provider.putRolePolicy(name, policyName: "invoke", policyDocument: policy) }
        return arn
    }

    /// Creates a state machine with `definition`, run by `role` (created allowing every invoke when missing).
    @discardableResult
    func makeMachine(_ name: String, definition: String, type: StateMachineType = .standard, role: String = "states-exec",
                     publish: Bool = false) async throws -> CreateStateMachineResult {
        let roleArn: String
        if let existing = try? await provider.getRole(role) { roleArn = existing.arn } else { roleArn = try await makeStatesRole(role) }
        return try await provider.createStateMachine(CreateStateMachineRequest(name: name, definition: definition, roleArn: roleArn,
                                                                               type: type, publish: publish))
    }

    /// Waits (bounded, about a minute) until the execution is no longer running; answers it.
    func finished(_ executionArn: String, sourceLocation: SourceLocation = #_sourceLocation) async throws -> StateMachineExecution {
        for _ in 0..<6000 {
            let execution = try await provider.describeExecution(executionArn)
            if execution.status != .running { return execution }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        Issue.record("execution \(executionArn) still running after a minute", sourceLocation: sourceLocation)
        return try await provider.describeExecution(executionArn)
    }

    /// Starts an execution of `machineArn` with `input` and waits for its end.
    func run(_ machineArn: String, input: String = "{}", name: String? = nil) async throws -> StateMachineExecution {
        let started = try await provider.startExecution(StartExecutionRequest(stateMachineArn: machineArn, name: name, input: input))
        return try await finished(started.executionArn)
    }

    /// The parsed JSON object of `text`.
    static func object(_ text: String?) throws -> [String: Any] {
        let body = try #require(text)
        return try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
}

/// Python handlers used by execution tests.
enum ExecutionHandlers {
    /// Adds one to `n`.
    static let increment = "def handler(event, context):\n    return {\"n\": event.get(\"n\", 0) + 1, \"version\": context.function_version}\n"
    /// Raises a custom error.
    static let failing = "class OrderRejected(Exception):\n    pass\n\ndef handler(event, context):\n    raise OrderRejected('order ' + str(event.get('id')) + ' rejected')\n"
    /// Fails the first two calls of a process, then succeeds (counts in a module global).
    static let flaky = "calls = {'n': 0}\n\ndef handler(event, context):\n    calls['n'] += 1\n    if calls['n'] < 3:\n        raise RuntimeError('try again')\n    return {'attempts': calls['n']}\n"
}
