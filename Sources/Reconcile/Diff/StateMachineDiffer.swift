import Cloud
import Foundation
import DesiredState
import StatesLanguage

/// Compares a desired state machine with the live one.
///
/// The definition is compared as JSON (key order and number spelling never matter) and
/// reported per leaf (`definition.States.Deploy.Retry[0].MaxAttempts`). With an alias, "live" is
/// the version the alias routes to (one version at weight 100 when converged); the current
/// definition must equal it too (reported under `current.`). Step Functions' defaults (logging
/// `OFF`, tracing off) stand in for what a manifest cannot set.
public enum StateMachineDiffer {
    /// The comparison; `shutdown` plans the emergency-shutdown tag.
    public static func compare(_ desired: StateMachineResource, _ live: LiveStateMachine, shutdown: Bool = false) -> ResourceComparison {
        // A listed machine whose fields all equal the desired ones has no diff: no field lists.
        if live.details == nil, listedEqual(desired, live.machine) {
            return ResourceComparison(diffs: [], newVersion: false)
        }
        let versioned = desiredVersioned(desired)
        var diffs: [FieldDiff] = []
        var versionDiffs: [FieldDiff]
        let current = liveVersioned(live.machine)
        if let details = live.details, let aliasName = desired.spec.alias {
            if let alias = live.alias(named: aliasName) {
                let routes = alias.routingConfiguration
                let primary = routes.max { $0.weight < $1.weight }
                if let primary, let target = details.routedVersions[primary.stateMachineVersionArn] {
                    versionDiffs = FieldComparer.diffs(desired: versioned, live: liveVersioned(target))
                } else {
                    diffs.append(FieldDiff(path: "alias.version", desired: "a published version", live: nil, scope: .alias))
                    versionDiffs = FieldComparer.diffs(desired: versioned, live: current)
                }
                if routes.count > 1 {
                    var object = JSONObject()
                    for route in routes { object[route.stateMachineVersionArn] = .int(Int64(route.weight)) }
                    diffs.append(FieldDiff(path: "alias.routing", desired: .emptyObject, live: .object(object), scope: .alias))
                }
                if versionDiffs.isEmpty {
                    diffs += FieldComparer.diffs(desired: versioned, live: current, pathPrefix: "current.", scope: .latest)
                }
            } else {
                diffs.append(FieldDiff(path: "alias", desired: .string(aliasName), live: nil, scope: .alias))
                versionDiffs = FieldComparer.diffs(desired: versioned, live: current)
            }
        } else {
            versionDiffs = FieldComparer.diffs(desired: versioned, live: current)
        }
        diffs = versionDiffs + diffs
        diffs += FieldComparer.diffs(desired: desiredSettings(desired), live: liveSettings(live.machine))
        if let details = live.details {
            diffs += FieldComparer.diffs(desired: Field.map("tags", desiredTags(desired, shutdown: shutdown), .resource),
                                         live: Field.map("tags", ResourceTags.comparable(details.tags), .resource))
        }
        return ResourceComparison(diffs: diffs, newVersion: !versionDiffs.isEmpty)
    }

    /// Whether the versioned fields and settings of `machine` equal the desired ones: true
    /// exactly when comparing them field by field finds no diff (the definition is parsed last,
    /// only when everything else is equal).
    static func listedEqual(_ desired: StateMachineResource, _ machine: StateMachine) -> Bool {
        machine.roleArn == desired.roleARN && machine.type.rawValue == desired.spec.type.rawValue
            && machine.loggingConfiguration.level == LoggingConfiguration().level && !machine.tracingEnabled
            && definitionEqual(machine.definition, desired.definition)
    }

    /// Whether the live definition text means the desired definition: the text plumb deploys
    /// (the compact serialization) is recognized without parsing it.
    static func definitionEqual(_ text: String, _ definition: JSONValue) -> Bool {
        var text = text
        let written = definition.serializedBytes()
        let same = text.withUTF8 { text in
            written.withUnsafeBufferPointer { written in
                guard text.count == written.count else { return false }
                guard let left = text.baseAddress, let right = written.baseAddress else { return true }
                return memcmp(left, right, text.count) == 0
            }
        }
        if same { return true }
        return parseDefinition(text) == definition
    }

    /// The desired tags: the spec's, `plumb:managed`, and the shutdown mark in emergency shutdown.
    static func desiredTags(_ desired: StateMachineResource, shutdown: Bool) -> [String: String] {
        var tags = ResourceTags.desired(desired.spec.tags)
        if shutdown { tags[ManagedTag.shutdownKey] = "true" }
        return tags
    }

    /// Definition and role: what each version carries.
    static func desiredVersioned(_ desired: StateMachineResource) -> [Field] {
        [Field("definition", desired.definition, .version, .document), Field("role", .string(desired.roleARN), .version)]
    }

    /// Definition and role of a live state machine or version.
    static func liveVersioned(_ machine: StateMachine) -> [Field] {
        [Field("definition", parseDefinition(machine.definition), .version, .document), Field("role", .string(machine.roleArn), .version)]
    }

    /// Type (fixed at creation), logging and tracing.
    static func desiredSettings(_ desired: StateMachineResource) -> [Field] {
        [
            Field("type", .string(desired.spec.type.rawValue), .immutable),
            Field("logging.level", .string(LoggingConfiguration().level), .resource),
            Field("tracingEnabled", .bool(false), .resource),
        ]
    }

    /// The live type, logging level and tracing.
    static func liveSettings(_ machine: StateMachine) -> [Field] {
        [
            Field("type", .string(machine.type.rawValue), .immutable),
            Field("logging.level", .string(machine.loggingConfiguration.level), .resource),
            Field("tracingEnabled", .bool(machine.tracingEnabled), .resource),
        ]
    }

    /// The definition as JSON; a text that is not JSON is compared as a string.
    static func parseDefinition(_ text: String) -> JSONValue {
        (try? JSONValue(parsing: text)) ?? .string(text)
    }
}
