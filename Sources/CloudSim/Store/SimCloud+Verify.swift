import Cloud
import Foundation
import GRDB

extension SimCloud {
    /// Checks the store: SQLite's integrity and foreign keys, and the simulator's own invariants
    /// (version counters, alias targets, routing weights, default policy versions, tags of
    /// existing resources). Answers the problems found; empty means healthy.
    public func verify() async throws -> [String] {
        try await store.pool.read { db in
            var problems: [String] = []
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            if integrity != ["ok"] { problems += integrity.map { "integrity: \($0)" } }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                problems.append("foreign key: table \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? -1) refers to a missing \(row[2] as String? ?? "?")")
            }
            let checks: [(String, String)] = [
                ("function whose version counter is below a published version",
                 "SELECT f.name FROM function f JOIN functionVersion v ON v.functionId = f.id GROUP BY f.id HAVING MAX(v.version) > f.lastVersion"),
                ("function alias routing to a missing version",
                 """
                 SELECT a.name FROM functionAlias a WHERE (a.functionVersion != '$LATEST' AND NOT EXISTS (SELECT 1 FROM functionVersion v WHERE v.functionId = a.functionId AND v.version = CAST(a.functionVersion AS INTEGER)))
                 OR (a.additionalVersion IS NOT NULL AND NOT EXISTS (SELECT 1 FROM functionVersion v WHERE v.functionId = a.functionId AND v.version = a.additionalVersion))
                 """),
                ("function alias with a weight outside 0-1",
                 "SELECT name FROM functionAlias WHERE additionalWeight IS NOT NULL AND (additionalWeight < 0 OR additionalWeight > 1)"),
                ("state machine whose version counter is below a published version",
                 "SELECT s.name FROM stateMachine s JOIN stateMachineVersion v ON v.stateMachineId = s.id GROUP BY s.id HAVING MAX(v.version) > s.lastVersion"),
                ("managed policy without its default version",
                 "SELECT p.arn FROM managedPolicy p WHERE NOT EXISTS (SELECT 1 FROM policyVersion v WHERE v.policyId = p.id AND v.version = p.defaultVersion)"),
                ("managed policy with more than 5 versions",
                 "SELECT p.arn FROM managedPolicy p JOIN policyVersion v ON v.policyId = p.id GROUP BY p.id HAVING COUNT(*) > 5"),
                ("function or version whose code bundle is not recorded",
                 "SELECT codeId FROM function WHERE codeId NOT IN (SELECT id FROM codeBundle) UNION SELECT codeId FROM functionVersion WHERE codeId NOT IN (SELECT id FROM codeBundle)"),
            ]
            for (what, sql) in checks {
                for name in try String.fetchAll(db, sql: sql) { problems.append("\(what): \(name)") }
            }
            for alias in try StateMachineAliasRecord.fetchAll(db) {
                let sum = alias.routing.reduce(0) { $0 + $1.weight }
                let versions = try Int.fetchAll(db, sql: "SELECT version FROM stateMachineVersion WHERE stateMachineId = ?", arguments: [alias.stateMachineId])
                if sum != 100 || alias.routing.contains(where: { !versions.contains($0.version) }) {
                    problems.append("state machine alias with bad routing: \(alias.name)")
                }
            }
            problems += try orphanTags(db)
            return problems
        }
    }

    private func orphanTags(_ db: Database) throws -> [String] {
        var owners = Set<String>()
        for function in try FunctionRecord.fetchAll(db) {
            owners.insert(ARN.lambdaFunction(function.name, in: try CloudScope(account: function.account, region: function.region)).description)
        }
        for machine in try StateMachineRecord.fetchAll(db) {
            owners.insert(ARN.stateMachine(machine.name, in: try CloudScope(account: machine.account, region: machine.region)).description)
        }
        for role in try RoleRecord.fetchAll(db) {
            owners.insert(ARN.role(role.name, path: role.path, in: try CloudScope(account: role.account, region: SimCloud.defaultRegion)).description)
        }
        owners.formUnion(try String.fetchAll(db, sql: "SELECT arn FROM managedPolicy"))
        return try String.fetchAll(db, sql: "SELECT DISTINCT arn FROM tag").filter { !owners.contains($0) }.map { "tags of a missing resource: \($0)" }
    }
}
