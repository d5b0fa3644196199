import Cloud
import DesiredState
import StatesLanguage

/// What comparing one desired resource with its live counterpart found.
public struct ResourceComparison: Sendable, Hashable {
    /// The fields that differ (empty: in sync).
    public var diffs: [FieldDiff]
    /// Whether code or versioned configuration differs, so a new version must be released.
    public var newVersion: Bool
    /// A published version whose versioned fields already equal the desired ones (functions).
    public var matchingVersion: String?

    /// Creates the value.
    public init(diffs: [FieldDiff], newVersion: Bool, matchingVersion: String? = nil) {
        self.diffs = diffs
        self.newVersion = newVersion
        self.matchingVersion = matchingVersion
    }

    /// Whether the resource is in sync.
    public var isInSync: Bool { diffs.isEmpty }
}

/// Compares a desired function with the live one.
///
/// With an alias, "live" is the version the alias routes to: its versioned fields must equal the
/// desired ones, the alias must route to that single version with no extra weight, and `$LATEST`
/// must equal it too (reported under `latest.`). Without per-function details (only the list was
/// read), `$LATEST` stands for the function and function-level fields are not compared.
public enum FunctionDiffer {
    /// The comparison; `shutdown` plans reserved concurrency 0 (emergency shutdown).
    public static func compare(_ desired: FunctionResource, _ live: LiveFunction, shutdown: Bool = false) -> ResourceComparison {
        // Most functions of a plan are in sync and only listed: equal values mean no diffs, so
        // they need no field lists (which cost far more than the comparison itself).
        if live.details == nil, FunctionFields.versionedEqual(desired, live.latest) {
            return ResourceComparison(diffs: [], newVersion: false)
        }
        let versioned = FunctionFields.desiredVersioned(desired)
        guard let details = live.details else {
            let diffs = FieldComparer.diffs(desired: versioned, live: FunctionFields.liveVersioned(live.latest))
            return ResourceComparison(diffs: diffs, newVersion: !diffs.isEmpty)
        }
        var diffs: [FieldDiff] = []
        var versionDiffs: [FieldDiff]
        if let aliasName = desired.spec.alias {
            if let alias = live.alias(named: aliasName) {
                let target = live.version(alias.functionVersion)
                if let target, alias.functionVersion != "$LATEST" {
                    versionDiffs = FieldComparer.diffs(desired: versioned, live: FunctionFields.liveVersioned(target))
                } else {
                    diffs.append(FieldDiff(path: "alias.version", desired: "a published version",
                                           live: .string(alias.functionVersion), scope: .alias))
                    versionDiffs = FieldComparer.diffs(desired: versioned, live: FunctionFields.liveVersioned(live.latest))
                }
                let weights = alias.routingConfig?.additionalVersionWeights ?? [:]
                if !weights.isEmpty {
                    diffs.append(FieldDiff(path: "alias.routing", desired: .emptyObject,
                                           live: routingValue(primary: alias.functionVersion, weights), scope: .alias))
                }
            } else {
                diffs.append(FieldDiff(path: "alias", desired: .string(aliasName), live: nil, scope: .alias))
                versionDiffs = FieldComparer.diffs(desired: versioned, live: FunctionFields.liveVersioned(live.latest))
            }
            if versionDiffs.isEmpty, live.alias(named: aliasName) != nil {
                diffs += FieldComparer.diffs(desired: versioned, live: FunctionFields.liveVersioned(live.latest),
                                             pathPrefix: "latest.", scope: .latest)
            }
        } else {
            versionDiffs = FieldComparer.diffs(desired: versioned, live: FunctionFields.liveVersioned(live.latest))
        }
        diffs = versionDiffs + diffs
        diffs += FieldComparer.diffs(desired: FunctionFields.desiredResource(desired, shutdown: shutdown),
                                     live: FunctionFields.liveResource(details))
        let matching = versionDiffs.isEmpty ? nil : matchingVersion(versioned, details)
        return ResourceComparison(diffs: diffs, newVersion: !versionDiffs.isEmpty, matchingVersion: matching)
    }

    /// The newest published version whose versioned fields equal `versioned`.
    static func matchingVersion(_ versioned: [Field], _ details: LiveFunction.Details) -> String? {
        details.versions.reversed().first { FieldComparer.equal(desired: versioned, live: FunctionFields.liveVersioned($0)) }?
            .version.description
    }

    /// `{"3": 0.9, "4": 0.1}`: each version's share of an alias's traffic.
    static func routingValue(primary: String, _ weights: [String: Double]) -> JSONValue {
        var object = JSONObject()
        let extra = weights.values.reduce(0, +)
        object[primary] = .double(((1 - extra) * 1_000_000).rounded() / 1_000_000)
        for key in weights.keys.sorted() { object[key] = .double(weights[key] ?? 0) }
        return .object(object)
    }
}
