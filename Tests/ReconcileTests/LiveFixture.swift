import Cloud
import Foundation
import Reconcile
import StatesLanguage

/// Reads the compact live fixtures (`<case>-live.json`) into a `LiveState`.
///
/// Only what a case cares about is written; the rest takes the values a fresh resource has in
/// the simulated cloud. Format (every key optional unless said):
/// ```
/// {"functions": {"NAME": {"latest": CONFIG, "versions": {"1": CONFIG}, "aliases": [{"name", "version", "routing": {"2": 0.1}}],
///                         "reservedConcurrency": 5, "tags": {}}},          // no versions/aliases/tags keys: list-level only
///  "stateMachines": {"NAME": {"definition": JSON or "definitionText": TEXT, "role", "type", "versions": {"1": {"definition", "role"}},
///                             "aliases": [{"name", "routing": [{"version": "1", "weight": 100}]}], "tags": {}}},
///  "roles": {"NAME": {"trust": JSON, "description", "maxSessionDuration", "inline": {"n": JSON}, "attached": [ARN], "tags": {}}},
///  "policies": {"NAME": {"document": JSON, "tags": {}}}}
/// CONFIG: {"runtime", "handler", "codeId", "memoryMB", "timeoutSeconds", "role", "description", "environment", "architectures"}
/// ```
/// `{{code}}` in the text is replaced by `codeId` before parsing.
enum LiveFixture {
    static let scope: CloudScope = {
        do { return try CloudScope(account: "000000000000", region: "us-east-1") } catch { fatalError("bad fixture scope: \(error)") }
    }()
    static let epoch = Date(timeIntervalSince1970: 1_800_000_000)

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func parse(_ text: String, codeId: String = "") throws -> LiveState {
        let json = try JSONValue(parsing: text.replacingOccurrences(of: "{{code}}", with: codeId))
        var state = LiveState(scope: scope, readAt: epoch)
        for (name, value) in json["functions"]?.objectValue ?? JSONObject() { state.functions[name] = try function(name, value) }
        for (name, value) in json["stateMachines"]?.objectValue ?? JSONObject() { state.stateMachines[name] = try stateMachine(name, value) }
        for (name, value) in json["roles"]?.objectValue ?? JSONObject() { state.roles[name] = role(name, value) }
        for (name, value) in json["policies"]?.objectValue ?? JSONObject() { state.policies[name] = policy(name, value) }
        return state
    }

    static func strings(_ value: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for (key, member) in value?.objectValue ?? JSONObject() { result[key] = member.stringValue ?? member.serialized() }
        return result
    }

    static func configuration(_ name: String, _ value: JSONValue?, version: FunctionVersion, revision: String) -> FunctionConfiguration {
        let value = value ?? .emptyObject
        let suffix = version == .latest ? "" : ":\(version)"
        return FunctionConfiguration(
            functionName: name, functionArn: "arn:aws:lambda:us-east-1:000000000000:function:\(name)\(suffix)",
            runtime: value["runtime"]?.stringValue ?? "python3.11", role: value["role"]?.stringValue ?? "",
            handler: value["handler"]?.stringValue ?? "app.handler", codeSize: 100, codeSha256: "sha",
            codeId: value["codeId"]?.stringValue, description: value["description"]?.stringValue ?? "",
            timeout: Int(value["timeoutSeconds"]?.integerValue ?? 3), memorySize: Int(value["memoryMB"]?.integerValue ?? 128),
            lastModified: epoch, version: version, environment: strings(value["environment"]),
            architectures: value["architectures"]?.arrayValue?.compactMap(\.stringValue) ?? ["x86_64"],
            ephemeralStorageSize: Int(value["ephemeralStorageMB"]?.integerValue ?? 512),
            revisionId: value["revisionId"]?.stringValue ?? revision, state: .active, lastUpdateStatus: .successful)
    }

    static func function(_ name: String, _ value: JSONValue) throws -> LiveFunction {
        var function = LiveFunction(name: name, latest: configuration(name, value["latest"], version: .latest, revision: "latest-\(name)"))
        guard value["aliases"] != nil || value["versions"] != nil || value["tags"] != nil else { return function }
        var versions: [FunctionConfiguration] = []
        for (number, config) in value["versions"]?.objectValue ?? JSONObject() {
            guard let parsed = FunctionVersion(number) else { throw Failure(description: "bad version \(number) of \(name)") }
            versions.append(configuration(name, config, version: parsed, revision: "v\(number)-\(name)"))
        }
        let aliases: [FunctionAlias] = (value["aliases"]?.arrayValue ?? []).map { alias in
            var weights: [String: Double] = [:]
            for (key, weight) in alias["routing"]?.objectValue ?? JSONObject() { weights[key] = weight.doubleValue ?? 0 }
            let aliasName = alias["name"]?.stringValue ?? "live"
            return FunctionAlias(aliasArn: "arn:aws:lambda:us-east-1:000000000000:function:\(name):\(aliasName)", name: aliasName,
                                 functionVersion: alias["version"]?.stringValue ?? "1", description: "",
                                 routingConfig: weights.isEmpty ? nil : AliasRouting(additionalVersionWeights: weights), revisionId: "a")
        }
        function.details = LiveFunction.Details(aliases: aliases, versions: versions.sorted { $0.version < $1.version },
                                                reservedConcurrency: value["reservedConcurrency"]?.integerValue.map { Int($0) },
                                                tags: strings(value["tags"]))
        return function
    }

    static func machine(_ name: String, _ value: JSONValue, arn: String) -> StateMachine {
        let definition = value["definitionText"]?.stringValue ?? (value["definition"] ?? .emptyObject).serialized()
        return StateMachine(stateMachineArn: arn, name: name, status: .active, definition: definition,
                            roleArn: value["role"]?.stringValue ?? "", type: StateMachineType(rawValue: value["type"]?.stringValue ?? "STANDARD") ?? .standard,
                            creationDate: epoch, loggingConfiguration: LoggingConfiguration(level: value["loggingLevel"]?.stringValue ?? "OFF"),
                            tracingEnabled: value["tracingEnabled"]?.boolValue ?? false, revisionId: value["revisionId"]?.stringValue, description: nil)
    }

    static func stateMachine(_ name: String, _ value: JSONValue) throws -> LiveStateMachine {
        let arn = "arn:aws:states:us-east-1:000000000000:stateMachine:\(name)"
        var result = LiveStateMachine(name: name, machine: machine(name, value, arn: arn))
        guard value["aliases"] != nil || value["versions"] != nil || value["tags"] != nil else { return result }
        var routed: [String: StateMachine] = [:]
        var versions: [StateMachineVersion] = []
        for (number, version) in value["versions"]?.objectValue ?? JSONObject() {
            routed["\(arn):\(number)"] = machine(name, version, arn: "\(arn):\(number)")
            versions.append(StateMachineVersion(stateMachineVersionArn: "\(arn):\(number)", creationDate: epoch))
        }
        let aliases: [StateMachineAlias] = (value["aliases"]?.arrayValue ?? []).map { alias in
            let aliasName = alias["name"]?.stringValue ?? "live"
            let routes = (alias["routing"]?.arrayValue ?? []).map {
                StateMachineRoute(stateMachineVersionArn: "\(arn):\($0["version"]?.stringValue ?? "1")", weight: Int($0["weight"]?.integerValue ?? 100))
            }
            return StateMachineAlias(stateMachineAliasArn: "\(arn):\(aliasName)", name: aliasName, description: "",
                                     routingConfiguration: routes, creationDate: epoch, updateDate: nil)
        }
        result.details = LiveStateMachine.Details(versions: versions, routedVersions: routed, aliases: aliases, tags: strings(value["tags"]))
        return result
    }

    static func role(_ name: String, _ value: JSONValue) -> LiveRole {
        let role = Role(roleName: name, roleId: "AROA\(name)", arn: "arn:aws:iam::000000000000:role/\(name)", path: "/",
                        assumeRolePolicyDocument: value["trustText"]?.stringValue ?? (value["trust"] ?? .emptyObject).serialized(),
                        description: value["description"]?.stringValue ?? "",
                        maxSessionDuration: Int(value["maxSessionDuration"]?.integerValue ?? 3600), createDate: epoch, tags: strings(value["tags"]))
        var result = LiveRole(role: role)
        if value["inline"] != nil || value["attached"] != nil {
            var inline: [String: String] = [:]
            for (policyName, document) in value["inline"]?.objectValue ?? JSONObject() { inline[policyName] = document.serialized() }
            result.inlinePolicies = inline
            result.attachedPolicies = (value["attached"]?.arrayValue ?? []).compactMap(\.stringValue).map {
                AttachedPolicy(policyName: String($0.split(separator: "/").last ?? ""), policyArn: $0)
            }
        }
        return result
    }

    static func policy(_ name: String, _ value: JSONValue) -> LivePolicy {
        let policy = ManagedPolicy(policyName: name, policyId: "ANPA\(name)", arn: "arn:aws:iam::000000000000:policy/\(name)", path: "/",
                                   defaultVersionId: "v1", attachmentCount: 0, description: "", createDate: epoch, updateDate: epoch,
                                   tags: strings(value["tags"]))
        let document = value["documentText"]?.stringValue ?? value["document"]?.serialized()
        return LivePolicy(policy: policy, versions: document.map { [PolicyVersion(versionId: "v1", document: $0, isDefaultVersion: true, createDate: epoch)] })
    }
}
