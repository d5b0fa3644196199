import Cloud
import Foundation
import GRDB

extension SimProvider {
    /// Adds or replaces tags on a function, state machine, role or managed policy.
    public func tagResource(_ arn: String, tags: [String: String]) async throws {
        let target = try TagTarget(arn, in: scope)
        try target.checkTags(tags, existing: 0)
        try await call(target.operation("Tag"), in: scope) { context in
            let canonical = try target.require(context)
            let existing = try TagRecord.tags(of: canonical, context.db)
            let added = tags.keys.filter { existing[$0] == nil }.count
            try target.checkTags([:], existing: existing.count + added)
            try TagRecord.put(tags, on: canonical, context.db)
        }
    }

    /// Removes tags by key.
    public func untagResource(_ arn: String, keys: [String]) async throws {
        let target = try TagTarget(arn, in: scope)
        try await call(target.operation("Untag"), in: scope) { context in
            let canonical = try target.require(context)
            for key in keys {
                _ = try TagRecord.deleteOne(context.db, key: ["arn": canonical, "key": key])
            }
        }
    }

    /// A resource's tags.
    public func listTags(_ arn: String) async throws -> [String: String] {
        let target = try TagTarget(arn, in: scope)
        return try await call(target.operation("List"), in: scope) { context in
            try TagRecord.tags(of: try target.require(context), context.db)
        }
    }
}

/// A taggable resource addressed by ARN.
struct TagTarget: Sendable {
    enum Kind: Sendable { case function(String), stateMachine(String), role(String), policy(String) }
    let kind: Kind
    let arn: String

    init(_ text: String, in scope: CloudScope) throws {
        guard let arn = ARN(text) else {
            throw CloudError(.validation, "1 validation error detected: Value '\(text)' at 'resource' failed to satisfy constraint: Member must be a valid ARN")
        }
        self.arn = text
        switch arn.service {
        case "lambda":
            let name = try FunctionName(parsing: text, qualifier: nil, in: scope)
            try name.requireUnqualified(message: "Tags apply to the function: give its unqualified ARN, not '\(text)'.")
            kind = .function(name.name)
        case "states":
            let reference = try StateMachineReference(parsing: text, in: scope)
            guard reference.qualifier == nil else {
                throw CloudError(.invalidArn, "Invalid Arn: 'Resource type not valid in this context: \(text)'")
            }
            kind = .stateMachine(reference.name)
        case "iam":
            guard arn.account == scope.account, let (_, name) = arn.iamPathAndName else {
                throw CloudError(.validationError, "Invalid ARN:  Could not be parsed!")
            }
            switch arn.iamResourceType {
            case "role": kind = .role(name)
            case "policy": kind = .policy(name)
            default: throw CloudError(.validationError, "Only roles and managed policies can be tagged here, not '\(text)'.")
            }
        default:
            throw CloudError(.validation, "Resource '\(text)' is not a function, state machine, role or managed policy ARN.")
        }
    }

    /// The operation tagging this resource is, by service (`Tag`, `Untag`, `List`).
    func operation(_ action: String) -> SimOperation {
        switch kind {
        case .function: return SimOperation(.lambda, action == "List" ? "ListTags" : "\(action)Resource")
        case .stateMachine: return SimOperation(.states, action == "List" ? "ListTagsForResource" : "\(action)Resource")
        case .role: return SimOperation(.iam, action == "List" ? "ListRoleTags" : "\(action)Role")
        case .policy: return SimOperation(.iam, action == "List" ? "ListPolicyTags" : "\(action)Policy")
        }
    }

    /// Checks tags with the service's rules.
    func checkTags(_ tags: [String: String], existing: Int) throws {
        switch kind {
        case .function: try LambdaValidation.checkTags(tags, existing: existing)
        case .stateMachine: try StepFunctionsNames.checkTags(tags, existing: existing)
        case .role: try IAMRules.checkTags(tags, existing: existing, kind: "Role")
        case .policy: try IAMRules.checkTags(tags, existing: existing, kind: "Policy")
        }
    }

    /// The resource's canonical ARN (tags are kept under it), or the service's not-found error.
    func require(_ context: CallContext) throws -> String {
        switch kind {
        case .function(let name): return try FunctionRecord.require(name, context).arn(context.scope)
        case .stateMachine(let name): return try StateMachineRecord.require(name, arn: arn, context).arn(context.scope)
        case .role(let name): return try RoleRecord.require(name, context).arn(context.scope)
        case .policy: return try ManagedPolicyRecord.require(arn, context).arn
        }
    }
}
