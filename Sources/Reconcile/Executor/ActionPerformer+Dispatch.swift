import Cloud
import Foundation

extension ActionPerformer {
    /// The calls that carry out `action`.
    func dispatch(_ action: CloudAction) async throws -> ActionResult {
        let provider = self.provider
        let operation = action.operation
        switch action {
        case .createFunction(let creation):
            let bundle = try creation.code.bundle()
            let settings = creation.settings
            let request = CreateFunctionRequest(functionName: creation.name, runtime: settings.runtime, role: settings.role,
                                                handler: settings.handler, code: bundle, description: settings.description,
                                                timeout: settings.timeoutSeconds, memorySize: settings.memoryMB,
                                                environment: settings.environment, publish: creation.publish, tags: creation.tags)
            return .function(try await call(operation) { try await provider.createFunction(request) })
        case .waitForFunction(let name):
            return .function(try await waitForFunction(name))
        case .updateFunctionCode(let name, let code):
            let bundle = try code.bundle()
            return .function(try await call(operation) {
                try await provider.updateFunctionCode(name, code: bundle, publish: false, revisionId: nil)
            })
        case .updateFunctionConfiguration(let name, let settings):
            let update = FunctionConfigurationUpdate(runtime: settings.runtime, role: settings.role, handler: settings.handler,
                                                     description: settings.description, timeout: settings.timeoutSeconds,
                                                     memorySize: settings.memoryMB, environment: settings.environment)
            return .function(try await call(operation) { try await provider.updateFunctionConfiguration(name, update) })
        case .publishVersion(let name):
            return .function(try await call(operation) {
                try await provider.publishVersion(name, codeSha256: nil, revisionId: nil, description: nil)
            })
        case .putFunctionConcurrency(let name, let value):
            _ = try await call(operation) { try await provider.putFunctionConcurrency(name, reservedConcurrentExecutions: value) }
        case .deleteFunctionConcurrency(let name):
            try await call(operation) { try await provider.deleteFunctionConcurrency(name) }
        case .createAlias(let name, let alias, let version):
            _ = try await call(operation) {
                try await provider.createAlias(name, name: alias, functionVersion: version, description: "", routing: nil)
            }
        case .updateAlias(let name, let alias, let primary, let additional, let weight):
            let routing = additional.flatMap { Int($0) }.map { AliasRouting(version: $0, weight: weight) } ?? AliasRouting.none
            _ = try await call(operation) {
                try await provider.updateAlias(name, name: alias, AliasUpdate(functionVersion: primary, routingConfig: routing))
            }
        case .deleteAlias(let name, let alias):
            try await call(operation) { try await provider.deleteAlias(name, name: alias) }
        case .invoke(let name, let qualifier, let payload):
            return .invocation(try await call(operation) {
                try await provider.invoke(name, qualifier: qualifier, payload: payload, invocationType: .requestResponse)
            })
        case .sendTraffic(let name, let alias, let count, let payload):
            return try await sendTraffic(name, alias: alias, count: count, payload: payload)
        case .measure(let name, let version, let start):
            let now = try await timer.now()
            let query = FunctionMetricsQuery(functionName: name, dimension: .executedVersion(version), start: start,
                                             end: max(now, start).addingTimeInterval(0.001))
            return .metrics(try await call(operation) { try await provider.functionMetrics(query) })
        case .listVersions(let name):
            let versions = try await call(operation) { try await provider.listVersions(name) }
            let aliases = try await call("lambda:ListAliases") { try await provider.listAliases(name) }
            return .versions(versions, aliases: aliases)
        case .deleteFunctionVersion(let name, let version):
            try await call(operation) { try await provider.deleteFunction(name, qualifier: version) }
        case .deleteFunction(let name):
            try await call(operation) { try await provider.deleteFunction(name, qualifier: nil) }
        default:
            return try await dispatchOther(action)
        }
        return .done
    }

    /// Step Functions, IAM, tags and waits.
    func dispatchOther(_ action: CloudAction) async throws -> ActionResult {
        let provider = self.provider
        let operation = action.operation
        switch action {
        case .validateDefinition(_, let definition, let type):
            return .validation(try await call(operation) { try await provider.validateStateMachineDefinition(definition, type: type) })
        case .createStateMachine(let request):
            return .stateMachineCreated(try await call(operation) { try await provider.createStateMachine(request) })
        case .updateStateMachine(let request):
            return .stateMachineUpdated(try await call(operation) { try await provider.updateStateMachine(request) })
        case .publishStateMachineVersion(let arn, let description):
            return .stateMachineVersion(try await call(operation) {
                try await provider.publishStateMachineVersion(arn, revisionId: nil, description: description)
            })
        case .createStateMachineAlias(let name, let routing):
            _ = try await call(operation) { try await provider.createStateMachineAlias(name: name, description: "", routing: routing) }
        case .updateStateMachineAlias(let arn, let routing):
            _ = try await call(operation) { try await provider.updateStateMachineAlias(arn, description: nil, routing: routing) }
        case .runExecution(let arn, let input, let timeout, let express):
            guard let executions else {
                throw RolloutError("Smoke tests need state machine executions, which this environment's provider does not offer.")
            }
            try await governor.acquire(operation, region: provider.scope.region)
            return .execution(try await executions.run(arn: arn, input: input, timeoutSeconds: timeout, express: express))
        case .stopExecutions(let arn, let cause):
            guard let executions else { return .stopped(0) }
            return .stopped(try await executions.stopRunning(stateMachineArn: arn, cause: cause))
        case .deleteStateMachine(let arn):
            try await call(operation) { try await provider.deleteStateMachine(arn) }
        case .createPolicy(let request):
            return .policy(try await call(operation) { try await provider.createPolicy(request) })
        case .listPolicyVersions(let arn):
            return .policyVersions(try await call(operation) { try await provider.listPolicyVersions(arn) })
        case .createPolicyVersion(let arn, let document, let setAsDefault):
            _ = try await call(operation) { try await provider.createPolicyVersion(arn, policyDocument: document, setAsDefault: setAsDefault) }
        case .setDefaultPolicyVersion(let arn, let id):
            try await call(operation) { try await provider.setDefaultPolicyVersion(arn, versionId: id) }
        case .deletePolicyVersion(let arn, let id):
            try await call(operation) { try await provider.deletePolicyVersion(arn, versionId: id) }
        case .deletePolicy(let arn):
            try await call(operation) { try await provider.deletePolicy(arn) }
        case .createRole(let request):
            _ = try await call(operation) { try await provider.createRole(request) }
        case .updateTrust(let role, let document):
            try await call(operation) { try await provider.updateAssumeRolePolicy(role, policyDocument: document) }
        case .updateRole(let role, let description, let duration):
            try await call(operation) { try await provider.updateRole(role, description: description, maxSessionDuration: duration) }
        case .putRolePolicy(let role, let policy, let document):
            try await call(operation) { try await provider.putRolePolicy(role, policyName: policy, policyDocument: document) }
        case .deleteRolePolicy(let role, let policy):
            try await call(operation) { try await provider.deleteRolePolicy(role, policyName: policy) }
        case .attachRolePolicy(let role, let arn):
            try await call(operation) { try await provider.attachRolePolicy(role, policyArn: arn) }
        case .detachRolePolicy(let role, let arn):
            try await call(operation) { try await provider.detachRolePolicy(role, policyArn: arn) }
        case .readRolePolicies(let role):
            let inline = try await call(operation) { try await provider.listRolePolicies(role) }
            let attached = try await call("iam:ListAttachedRolePolicies") { try await provider.listAttachedRolePolicies(role) }
            return .rolePolicies(inline: inline, attached: attached)
        case .deleteRole(let role):
            try await call(operation) { try await provider.deleteRole(role) }
        case .tag(let arn, let tags):
            try await call(operation) { try await provider.tagResource(arn, tags: tags) }
        case .untag(let arn, let keys):
            try await call(operation) { try await provider.untagResource(arn, keys: keys) }
        case .wait(let until):
            try await timer.sleep(until: until)
        default:
            throw RolloutError("\(action.summary) has no performer; this is a bug in plumb.")
        }
        return .done
    }

    /// Invokes through `alias` `count` times, four at a time; throttled and failed calls count as failed.
    func sendTraffic(_ name: String, alias: String, count: Int, payload: Data) async throws -> ActionResult {
        let provider = self.provider
        let width = 4
        var sent = 0
        var failed = 0
        var started = 0
        try await withThrowingTaskGroup(of: Bool.self) { group in
            func launch() {
                started += 1
                group.addTask {
                    do {
                        let response = try await provider.invoke(name, qualifier: alias, payload: payload, invocationType: .requestResponse)
                        return response.functionError == nil
                    } catch let error as CloudError where !error.isNotFound {
                        return false
                    }
                }
            }
            while started < min(width, count) { launch() }
            while let succeeded = try await group.next() {
                sent += 1
                if !succeeded { failed += 1 }
                if started < count { launch() }
            }
        }
        return .traffic(sent: sent, failed: failed)
    }
}
