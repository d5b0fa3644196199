import Cloud
import Foundation

extension CloudAction {
    /// The API operation as `service:Name` (`lambda:UpdateAlias`); waits and traffic have their own names.
    public var operation: String {
        switch self {
        case .createFunction: return "lambda:CreateFunction"
        case .waitForFunction: return "lambda:GetFunction"
        case .updateFunctionCode: return "lambda:UpdateFunctionCode"
        case .updateFunctionConfiguration: return "lambda:UpdateFunctionConfiguration"
        case .publishVersion: return "lambda:PublishVersion"
        case .putFunctionConcurrency: return "lambda:PutFunctionConcurrency"
        case .deleteFunctionConcurrency: return "lambda:DeleteFunctionConcurrency"
        case .createAlias: return "lambda:CreateAlias"
        case .updateAlias: return "lambda:UpdateAlias"
        case .deleteAlias: return "lambda:DeleteAlias"
        case .invoke, .sendTraffic: return "lambda:Invoke"
        case .measure: return "cloudwatch:GetMetricData"
        case .listVersions: return "lambda:ListVersionsByFunction"
        case .deleteFunctionVersion, .deleteFunction: return "lambda:DeleteFunction"
        case .validateDefinition: return "states:ValidateStateMachineDefinition"
        case .createStateMachine: return "states:CreateStateMachine"
        case .updateStateMachine: return "states:UpdateStateMachine"
        case .publishStateMachineVersion: return "states:PublishStateMachineVersion"
        case .createStateMachineAlias: return "states:CreateStateMachineAlias"
        case .updateStateMachineAlias: return "states:UpdateStateMachineAlias"
        case .runExecution: return "states:StartExecution"
        case .stopExecutions: return "states:StopExecution"
        case .deleteStateMachine: return "states:DeleteStateMachine"
        case .createPolicy: return "iam:CreatePolicy"
        case .listPolicyVersions: return "iam:ListPolicyVersions"
        case .createPolicyVersion: return "iam:CreatePolicyVersion"
        case .setDefaultPolicyVersion: return "iam:SetDefaultPolicyVersion"
        case .deletePolicyVersion: return "iam:DeletePolicyVersion"
        case .deletePolicy: return "iam:DeletePolicy"
        case .createRole: return "iam:CreateRole"
        case .updateTrust: return "iam:UpdateAssumeRolePolicy"
        case .updateRole: return "iam:UpdateRole"
        case .putRolePolicy: return "iam:PutRolePolicy"
        case .deleteRolePolicy: return "iam:DeleteRolePolicy"
        case .attachRolePolicy: return "iam:AttachRolePolicy"
        case .detachRolePolicy: return "iam:DetachRolePolicy"
        case .readRolePolicies: return "iam:ListRolePolicies"
        case .deleteRole: return "iam:DeleteRole"
        case .tag(let arn, _): return "\(CloudAction.service(of: arn)):TagResource"
        case .untag(let arn, _): return "\(CloudAction.service(of: arn)):UntagResource"
        case .wait: return "wait"
        }
    }

    /// Whether the action changes the environment (and so is journaled before it is performed).
    public var isMutating: Bool {
        switch self {
        case .waitForFunction, .invoke, .sendTraffic, .measure, .listVersions, .validateDefinition, .runExecution,
             .listPolicyVersions, .readRolePolicies, .wait:
            return false
        default:
            return true
        }
    }

    /// Errors that mean the action's purpose is already met (deleting what is gone, a version an alias still needs).
    public func tolerates(_ error: CloudError) -> Bool {
        switch self {
        case .deleteFunctionVersion:
            return error.isNotFound || error.code == .resourceConflict
        case .deleteFunction, .deleteAlias, .deleteStateMachine, .deletePolicy, .deletePolicyVersion, .deleteRole,
             .deleteRolePolicy, .detachRolePolicy, .deleteFunctionConcurrency:
            return error.isNotFound
        default:
            return false
        }
    }

    /// What the action does, in words.
    public var summary: String {
        switch self {
        case .createFunction(let creation):
            return "create function \(creation.name) (\(creation.code))\(creation.publish ? " and publish version 1" : "")"
        case .waitForFunction(let name): return "wait for \(name) to settle"
        case .updateFunctionCode(let name, let code): return "update code of \(name) to \(code)"
        case .updateFunctionConfiguration(let name, _): return "update configuration of \(name)"
        case .publishVersion(let name): return "publish a version of \(name)"
        case .putFunctionConcurrency(let name, let value): return "set reserved concurrency of \(name) to \(value)"
        case .deleteFunctionConcurrency(let name): return "remove reserved concurrency of \(name)"
        case .createAlias(let name, let alias, let version): return "create alias \(name):\(alias) → version \(version)"
        case .updateAlias(let name, let alias, let primary, let additional, let weight):
            guard let additional else { return "point alias \(name):\(alias) at version \(primary)" }
            return "shift alias \(name):\(alias): \(TrafficFormat.percent(weight * 100)) to version \(additional), rest on \(primary)"
        case .deleteAlias(let name, let alias): return "delete alias \(name):\(alias)"
        case .invoke(let name, let qualifier, _): return "invoke \(name):\(qualifier)"
        case .sendTraffic(let name, let alias, let count, _): return "send \(count) invocations through \(name):\(alias)"
        case .measure(let name, let version, _): return "read metrics of \(name) version \(version)"
        case .listVersions(let name): return "list versions of \(name)"
        case .deleteFunctionVersion(let name, let version): return "delete version \(version) of \(name)"
        case .deleteFunction(let name): return "delete function \(name)"
        case .validateDefinition(let name, _, _): return "validate the definition of \(name)"
        case .createStateMachine(let request):
            return "create state machine \(request.name)\(request.publish ? " and publish version 1" : "")"
        case .updateStateMachine(let request):
            return "update state machine \(ARNText.lastComponent(request.stateMachineArn))\(request.publish ? " and publish a version" : "")"
        case .publishStateMachineVersion(let arn, _): return "publish a version of \(ARNText.lastComponent(arn))"
        case .createStateMachineAlias(let name, let routing): return "create alias \(name) → \(TrafficFormat.routes(routing))"
        case .updateStateMachineAlias(let arn, let routing): return "route alias \(ARNText.lastComponents(arn, 2)) → \(TrafficFormat.routes(routing))"
        case .runExecution(let arn, _, _, _): return "run a smoke execution of \(ARNText.lastComponents(arn, 2))"
        case .stopExecutions(let arn, _): return "stop running executions of \(ARNText.lastComponent(arn))"
        case .deleteStateMachine(let arn): return "delete state machine \(ARNText.lastComponent(arn))"
        case .createPolicy(let request): return "create policy \(request.policyName)"
        case .listPolicyVersions(let arn): return "list versions of policy \(ARNText.lastComponent(arn, separator: "/"))"
        case .createPolicyVersion(let arn, _, let setAsDefault):
            return "create a\(setAsDefault ? " default" : "") version of policy \(ARNText.lastComponent(arn, separator: "/"))"
        case .setDefaultPolicyVersion(let arn, let id): return "make \(id) the default version of policy \(ARNText.lastComponent(arn, separator: "/"))"
        case .deletePolicyVersion(let arn, let id): return "delete version \(id) of policy \(ARNText.lastComponent(arn, separator: "/"))"
        case .deletePolicy(let arn): return "delete policy \(ARNText.lastComponent(arn, separator: "/"))"
        case .createRole(let request): return "create role \(request.roleName)"
        case .updateTrust(let role, _): return "update the trust policy of role \(role)"
        case .updateRole(let role, _, _): return "update role \(role)"
        case .putRolePolicy(let role, let policy, _): return "put inline policy \(policy) on role \(role)"
        case .deleteRolePolicy(let role, let policy): return "delete inline policy \(policy) of role \(role)"
        case .attachRolePolicy(let role, let arn): return "attach policy \(ARNText.lastComponent(arn, separator: "/")) to role \(role)"
        case .detachRolePolicy(let role, let arn): return "detach policy \(ARNText.lastComponent(arn, separator: "/")) from role \(role)"
        case .readRolePolicies(let role): return "list the policies of role \(role)"
        case .deleteRole(let role): return "delete role \(role)"
        case .tag(let arn, let tags): return "tag \(ARNText.shortName(arn)) with \(tags.keys.sorted().joined(separator: ", "))"
        case .untag(let arn, let keys): return "remove tags \(keys.sorted().joined(separator: ", ")) from \(ARNText.shortName(arn))"
        case .wait(let until): return "wait until \(TrafficFormat.time(until))"
        }
    }

    /// The service an ARN belongs to (`lambda`, `states`, `iam`).
    static func service(of arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count > 2 ? String(parts[2]) : "unknown"
    }
}

/// Short forms of ARNs for messages.
enum ARNText {
    /// The text after the last `separator`.
    static func lastComponent(_ arn: String, separator: Character = ":") -> String {
        arn.split(separator: separator).last.map(String.init) ?? arn
    }

    /// The last `count` colon-separated components joined with `:`.
    static func lastComponents(_ arn: String, _ count: Int) -> String {
        arn.split(separator: ":", omittingEmptySubsequences: false).suffix(count).joined(separator: ":")
    }

    /// `function:name`, `stateMachine:name`, `role/name`: the resource part of an ARN.
    static func shortName(_ arn: String) -> String {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 ? String(parts[5]) : arn
    }
}

/// Formats traffic shares and times for progress messages.
enum TrafficFormat {
    /// `10%`, `12.5%`.
    static func percent(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
    }

    /// `v3 90%, v4 10%`.
    static func routes(_ routes: [StateMachineRoute]) -> String {
        routes.map { "v\(ARNText.lastComponent($0.stateMachineVersionArn)) \($0.weight)%" }.joined(separator: ", ")
    }

    /// ISO 8601 in UTC.
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
