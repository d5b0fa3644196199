import Cloud
import Foundation
import GRDB
import StatesLanguage

/// The identity policies of a state machine's execution role: its inline policies and the
/// default versions of its attached managed policies, read from the store.
struct ExecutionRolePolicies: Sendable {
    /// The role's ARN as the state machine names it.
    let roleArn: String
    /// The role's name (last segment of the ARN's path), or nil when the ARN is not a role ARN.
    let roleName: String?
    /// The documents; empty when the role does not exist (everything is implicitly denied).
    let documents: [NamedPolicyDocument]

    /// Reads the policies of `roleArn` in `account`.
    static func load(roleArn: String, account: String, _ db: Database) throws -> ExecutionRolePolicies {
        let roleName = ARN(roleArn).flatMap { arn -> String? in
            guard arn.service == "iam", arn.resource.hasPrefix("role/") else { return nil }
            return arn.resource.split(separator: "/").last.map(String.init)
        }
        guard let roleName, let role = try RoleRecord.find(db, account: account, name: roleName), let roleId = role.id else {
            return ExecutionRolePolicies(roleArn: roleArn, roleName: roleName, documents: [])
        }
        var documents: [NamedPolicyDocument] = []
        // Kept statements: every StartExecution reads these.
        for inline in try RolePolicyRecord.cachedAll(db, "SELECT * FROM rolePolicy WHERE roleId = ?", [roleId]) {
            documents.append(NamedPolicyDocument(name: inline.name, document: (try? JSONValue(parsing: inline.document)) ?? .null))
        }
        let attached = try String.fetchAll(db.cachedStatement(sql: "SELECT policyArn FROM roleAttachment WHERE roleId = ?"), arguments: [roleId])
        for policyArn in attached {
            let document = try String.fetchOne(db.cachedStatement(sql: """
                SELECT v.document FROM managedPolicy p JOIN policyVersion v ON v.policyId = p.id AND v.version = p.defaultVersion
                WHERE p.arn = ?
                """), arguments: [policyArn])
            if let document {
                documents.append(NamedPolicyDocument(name: policyArn, document: (try? JSONValue(parsing: document)) ?? .null))
            }
        }
        return ExecutionRolePolicies(roleArn: roleArn, roleName: roleName, documents: documents)
    }

    /// Nil when the role may call `lambda:InvokeFunction` on `functionArn`; otherwise the task
    /// failure Step Functions reports (`Lambda.AWSLambdaException`, AccessDeniedException cause).
    func denial(functionArn: String, account: String, requestId: String) -> TaskFailure? {
        let action = "lambda:InvokeFunction"
        let decision: PolicyDecision
        do {
            decision = try PolicyEvaluator.evaluate(action: action, resource: functionArn, policies: documents)
        } catch {
            decision = .implicitlyDenied
        }
        let principal = "arn:aws:sts::\(account):assumed-role/\(roleName ?? roleArn)/\(requestId.prefix(32))"
        guard let message = decision.denialMessage(principal: principal, action: action, resource: functionArn) else { return nil }
        return TaskFailure(error: "Lambda.AWSLambdaException",
                           cause: "\(message) (Service: AWSLambda; Status Code: 403; Error Code: AccessDeniedException; Request ID: \(requestId); Proxy: null)")
    }
}
