import Cloud
import Foundation
import StatesLanguage
import Synchronization

/// Runs the Task states of one execution in the simulated cloud: checks that the execution role
/// may invoke the target function, then invokes it through the provider's Invoke (runtime,
/// faults, concurrency and metrics as for any caller).
struct SimTaskInvoker: TaskInvoker {
    /// The provider of the execution's account and region.
    let provider: SimProvider
    /// The execution role's policies, read when the execution started.
    let policies: ExecutionRolePolicies
    /// Targets the policies were found to allow, so each is evaluated once per execution.
    let allowed = AllowedTargets()

    /// Runs one task attempt.
    func invoke(_ invocation: TaskInvocation) async throws -> TaskResult {
        guard invocation.kind != .service, let function = invocation.functionName else {
            throw TaskFailure(error: StatesErrorName.runtime,
                              cause: "The simulated cloud runs Lambda tasks only; the resource '\(invocation.resource)' of state '\(invocation.stateName)' is not supported.")
        }
        let scope = provider.scope
        let requestId = RandomSource().uuid()
        if !allowed.contains(function, invocation.qualifier) {
            let target = Self.functionArn(function, qualifier: invocation.qualifier, in: scope)
            if let denial = policies.denial(functionArn: target, account: scope.account, requestId: requestId) {
                throw denial
            }
            allowed.insert(function, invocation.qualifier)
        }
        let type: InvocationType
        switch invocation.invocationType {
        case "Event": type = .event
        case "DryRun": type = .dryRun
        default: type = .requestResponse
        }
        let response: InvocationResponse
        do {
            response = try await provider.invoke(function, qualifier: invocation.qualifier,
                                                 payload: Data(invocation.payload.serializedBytes()), invocationType: type,
                                                 draws: DrawSource(), payloadIsJSON: true)
        } catch let error as CloudError {
            throw TaskFailure(error: "Lambda.\(error.code.rawValue)",
                              cause: "\(error.message) (Service: AWSLambda; Status Code: \(error.httpStatus); Error Code: \(error.code.rawValue); Request ID: \(requestId); Proxy: null)")
        }
        if response.functionError != nil {
            let errorType = (try? JSONValue(parsing: response.payload))?.objectValue?["errorType"]?.stringValue
            throw TaskFailure(error: errorType ?? "Lambda.Unknown", cause: String(decoding: response.payload, as: UTF8.self))
        }
        let output: JSONValue
        if response.payload.isEmpty {
            output = .null
        } else {
            do {
                output = try JSONValue(parsing: response.payload)
            } catch {
                throw TaskFailure(error: "Lambda.Unknown", cause: "The function returned a payload that is not JSON: \(error)")
            }
        }
        return TaskResult(output: output, executedVersion: response.executedVersion, requestId: requestId, statusCode: response.statusCode)
    }

    /// The full ARN of `function` (a name, partial or full ARN, possibly qualified) with `qualifier`.
    static func functionArn(_ function: String, qualifier: String?, in scope: CloudScope) -> String {
        if let parsed = try? FunctionName(parsing: function, qualifier: qualifier, in: scope) {
            return ARN.lambdaFunction(parsed.name, qualifier: parsed.qualifier, in: scope).description
        }
        return function
    }
}

/// The task targets (function and qualifier as the state names them) an execution's role was
/// found to allow: the role's policies are fixed for the execution, so the answer cannot change.
final class AllowedTargets: Sendable {
    private let targets = Mutex<Set<String>>([])

    /// Whether `function` with `qualifier` was allowed before.
    func contains(_ function: String, _ qualifier: String?) -> Bool {
        let key = Self.key(function, qualifier)
        return targets.withLock { $0.contains(key) }
    }

    /// Remembers that `function` with `qualifier` is allowed.
    func insert(_ function: String, _ qualifier: String?) {
        let key = Self.key(function, qualifier)
        _ = targets.withLock { $0.insert(key) }
    }

    private static func key(_ function: String, _ qualifier: String?) -> String {
        guard let qualifier else { return function }
        return function + "\u{0}" + qualifier
    }
}
