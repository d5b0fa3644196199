import Cloud
import DesiredState
import Foundation
import StatesLanguage

/// Where a function release is headed: the settings, code and function-level settings to reach.
public struct FunctionTarget: Sendable, Hashable {
    /// The function's name.
    public var name: String
    /// Runtime, handler, role, memory, timeout, environment, description.
    public var settings: FunctionSettings
    /// The code.
    public var code: FunctionCode
    /// Reserved concurrency, nil for none.
    public var reservedConcurrency: Int?
    /// The tags the function carries (including `plumb:managed`).
    public var tags: [String: String]
    /// The alias that carries traffic, nil to release by publishing versions only.
    public var alias: String?
    /// Published versions kept besides those an alias references.
    public var keepVersions: Int

    /// Creates the value.
    public init(name: String, settings: FunctionSettings, code: FunctionCode, reservedConcurrency: Int?,
                tags: [String: String], alias: String?, keepVersions: Int) {
        self.name = name
        self.settings = settings
        self.code = code
        self.reservedConcurrency = reservedConcurrency
        self.tags = tags
        self.alias = alias
        self.keepVersions = keepVersions
    }

    /// The target a desired function describes; its code is read with `reader`.
    public init(_ function: FunctionResource, reader: CodeReader) {
        let spec = function.spec
        self.init(name: function.name,
                  settings: FunctionSettings(runtime: spec.runtime, handler: spec.handler, role: function.roleARN,
                                             memoryMB: spec.memoryMB, timeoutSeconds: spec.timeoutSeconds,
                                             environment: spec.environment, description: spec.description),
                  code: FunctionCode(function: function, reader: reader),
                  reservedConcurrency: spec.reservedConcurrency,
                  tags: spec.tags.merging([ManagedTag.key: ManagedTag.value]) { _, managed in managed },
                  alias: spec.alias, keepVersions: spec.keepVersions)
    }

    /// Whether a live configuration (`$LATEST` or a version) carries this target's settings and code.
    public func matches(_ configuration: FunctionConfiguration) -> Bool {
        configuration.codeId == code.id && settings.matches(configuration)
    }
}

/// How traffic moves to a new function version: steps, gates, the pre-traffic check.
public struct ReleasePolicy: Sendable, Hashable {
    /// Traffic steps, ending at 100%.
    public var steps: [TrafficStep]
    /// Gates judged at every step, nil for none.
    public var gates: HealthGates?
    /// The check before any traffic moves, nil for none.
    public var preTraffic: PreTrafficHook?
    /// The event sent through the alias to give gates invocations to judge.
    public var trafficPayload: Data
    /// Whether versions beyond `keepVersions` are removed after promotion.
    public var collectVersions: Bool

    /// Creates the value.
    public init(steps: [TrafficStep], gates: HealthGates?, preTraffic: PreTrafficHook?, trafficPayload: Data, collectVersions: Bool) {
        self.steps = steps.isEmpty ? [TrafficStep(weight: 100, pauseSeconds: 0)] : steps
        self.gates = gates
        self.preTraffic = preTraffic
        self.trafficPayload = trafficPayload
        self.collectVersions = collectVersions
    }

    /// The policy of a planned release: its strategy's steps, gates and pre-traffic check; the
    /// gate traffic sends the gates' `trafficPayload`, else replays the pre-traffic event when the
    /// check invokes the function itself, else `{}`.
    public init(_ release: FunctionRelease, function: String) {
        let payload: JSONValue = release.healthGates?.trafficPayload
            ?? release.preTraffic.flatMap { $0.invoke == function ? $0.payload : nil } ?? .emptyObject
        self.init(steps: release.steps, gates: release.healthGates, preTraffic: release.preTraffic,
                  trafficPayload: Data(payload.serialized().utf8), collectVersions: true)
    }

    /// Straight to 100% without checks: how a rollback puts a function back.
    public static let immediate = ReleasePolicy(steps: [TrafficStep(weight: 100, pauseSeconds: 0)], gates: nil, preTraffic: nil,
                                                trafficPayload: Data("{}".utf8), collectVersions: false)
}

/// Tag changes that bring `live` to `desired`: keys to set and keys to remove (AWS-reserved `aws:` keys are left alone).
enum TagDelta {
    static func between(live: [String: String], desired: [String: String]) -> (set: [String: String], remove: [String]) {
        let set = desired.filter { live[$0.key] != $0.value }
        let remove = live.keys.filter { desired[$0] == nil && !$0.hasPrefix("aws:") }.sorted()
        return (set, remove)
    }
}
