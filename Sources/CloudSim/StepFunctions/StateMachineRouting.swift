import Cloud
import GRDB

/// Step Functions' rules for alias routing: one or two distinct versions of one state machine,
/// integer weights 0–100 summing to 100.
enum StateMachineRouting {
    /// Checks `routing` and answers the state machine's name and the routes by version number.
    static func parse(_ routing: [StateMachineRoute], in scope: CloudScope) throws -> (String, [StoredRoute]) {
        let listed = "[" + routing.map(\.stateMachineVersionArn).joined(separator: ", ") + "]"
        guard (1...2).contains(routing.count) else {
            throw CloudError(.validation, "1 validation error detected: Value '\(listed)' at 'routingConfiguration' failed to satisfy constraint: Member must have length \(routing.isEmpty ? "greater than or equal to 1" : "less than or equal to 2")")
        }
        for (index, route) in routing.enumerated() {
            if route.weight > 100 {
                throw CloudError(.validation, "1 validation error detected: Value '\(route.weight)' at 'routingConfiguration.\(index + 1).member.weight' failed to satisfy constraint: Member must have value less than or equal to 100")
            }
            if route.weight < 0 {
                throw CloudError(.validation, "1 validation error detected: Value '\(route.weight)' at 'routingConfiguration.\(index + 1).member.weight' failed to satisfy constraint: Member must have value greater than or equal to 0")
            }
        }
        var names: Set<String> = []
        var routes: [StoredRoute] = []
        for route in routing {
            guard let reference = try? StateMachineReference(parsing: route.stateMachineVersionArn, in: scope),
                  let number = reference.versionNumber else {
                throw CloudError(.validation, "Routing configuration must contain state machine version ARNs. Received: \(listed)")
            }
            names.insert(reference.name)
            routes.append(StoredRoute(version: number, weight: route.weight))
        }
        if Set(routes.map(\.version)).count != routes.count {
            throw CloudError(.validation, "Routing configuration must contain distinct state machine version ARNs. Received: \(listed)")
        }
        guard names.count == 1, let name = names.first else {
            throw CloudError(.validation, "Routing configuration must contain versions of a single state machine. Received: \(listed)")
        }
        let sum = routes.reduce(0) { $0 + $1.weight }
        if sum != 100 {
            throw CloudError(.validation, "Sum of routing configuration weights must equal 100. Received: [\(routes.map { String($0.weight) }.joined(separator: ", "))]")
        }
        return (name, routes)
    }

    /// Answers `ResourceNotFound` unless every routed version exists.
    static func requireVersions(_ routes: [StoredRoute], of machine: StateMachineRecord, _ context: CallContext) throws {
        for route in routes where try machine.version(route.version, context.db) == nil {
            throw CloudError(.stepFunctionsResourceNotFound, "Request references a resource that does not exist.",
                             resource: machine.arn(context.scope, qualifier: String(route.version)))
        }
    }

    /// Loads a state machine and one of its aliases, or answers `ResourceNotFound`.
    static func requireAlias(_ machineName: String, _ aliasName: String, arn: String,
                             _ context: CallContext) throws -> (StateMachineRecord, StateMachineAliasRecord) {
        guard let record = try StateMachineRecord.find(context.db, account: context.scope.account, region: context.scope.region, name: machineName),
              let id = record.id,
              let alias = try StateMachineAliasRecord.fetchOne(context.db, key: ["stateMachineId": id, "name": aliasName]) else {
            throw CloudError(.stepFunctionsResourceNotFound, "Request references a resource that does not exist.", resource: arn)
        }
        return (record, alias)
    }
}
