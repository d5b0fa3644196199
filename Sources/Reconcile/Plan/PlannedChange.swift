import DesiredState
import StatesLanguage

/// What a planned change does to a resource.
public enum ChangeAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// The resource does not exist live and is created.
    case create
    /// The resource exists and some fields change.
    case update
    /// A managed resource no longer in desired state is deleted (prune).
    case delete
}

/// Which part of a resource a field belongs to, which tells the executor how it is changed.
public enum FieldScope: String, Sendable, Hashable, Codable {
    /// Code or configuration carried by a version: needs `$LATEST` updated and a new version
    /// released (functions), or a new revision (state machines), or a new policy version.
    case version
    /// `$LATEST` differs from what the alias routes to (functions only).
    case latest
    /// Set on the resource itself, in place: reserved concurrency, tags, IAM role settings,
    /// inline policies, attachments.
    case resource
    /// The alias: missing, pointing elsewhere, or left mid-shift with extra weight.
    case alias
    /// Fixed at creation: changing it needs the resource replaced (state machine `type`).
    case immutable
}

/// One field that differs between desired and live.
///
/// `desired` and `live` are display strings with secrets masked (never print the raw values);
/// `desiredValue` and `liveValue` are the raw values the executor sets. A nil value means the
/// field is absent on that side.
public struct FieldDiff: Sendable, Hashable {
    /// The field's path: `memoryMB`, `environment.LOG_LEVEL`, `definition.States.Deploy.Retry[0]`.
    public var path: String
    /// The desired value for display (secrets masked), nil when absent.
    public var desired: String?
    /// The live value for display (secrets masked), nil when absent.
    public var live: String?
    /// The raw desired value, nil when absent.
    public var desiredValue: JSONValue?
    /// The raw live value, nil when absent.
    public var liveValue: JSONValue?
    /// Which part of the resource the field belongs to.
    public var scope: FieldScope

    /// Creates a diff; the display strings are rendered (and masked) from the raw values.
    public init(path: String, desired: JSONValue?, live: JSONValue?, scope: FieldScope) {
        self.path = path
        self.desiredValue = desired
        self.liveValue = live
        self.scope = scope
        self.desired = desired.map { SecretMask.display(path: path, value: $0) }
        self.live = live.map { SecretMask.display(path: path, value: $0) }
    }
}

/// A desired resource of any deployable kind.
public enum DesiredResource: Sendable, Hashable {
    /// A function.
    case function(FunctionResource)
    /// A state machine.
    case stateMachine(StateMachineResource)
    /// A role.
    case role(RoleResource)
    /// A managed policy.
    case policy(PolicyResource)

    /// The resource's identity.
    public var id: ResourceID {
        switch self {
        case .function(let value): return ResourceID(.function, value.name)
        case .stateMachine(let value): return ResourceID(.stateMachine, value.name)
        case .role(let value): return ResourceID(.role, value.name)
        case .policy(let value): return ResourceID(.policy, value.name)
        }
    }
}

/// One change of a plan: a resource, what happens to it, the fields that differ, and how it rolls out.
public struct PlannedChange: Sendable, Hashable {
    /// The resource changed (kind and name).
    public var resource: ResourceID
    /// Create, update or delete.
    public var action: ChangeAction
    /// The fields that differ (for a create: every desired field; for a delete: none).
    public var diffs: [FieldDiff]
    /// The desired resource; nil for a delete.
    public var desired: DesiredResource?
    /// The live resource the change was planned against (the before image journaled for
    /// rollback); nil for a create.
    public var live: LiveResource?
    /// How the change is carried out.
    public var rollout: PlannedRollout

    /// Creates a change.
    public init(resource: ResourceID, action: ChangeAction, diffs: [FieldDiff], desired: DesiredResource?,
                live: LiveResource?, rollout: PlannedRollout) {
        self.resource = resource
        self.action = action
        self.diffs = diffs
        self.desired = desired
        self.live = live
        self.rollout = rollout
    }

    /// Whether any diff has `scope`.
    public func touches(_ scope: FieldScope) -> Bool { diffs.contains { $0.scope == scope } }
}

/// How a change is carried out by the executor.
public enum PlannedRollout: Sendable, Hashable {
    /// Set directly, no traffic shift: IAM changes, function-level settings (reserved
    /// concurrency, tags), a state machine without an alias, and deletions.
    case inPlace
    /// A function release: update `$LATEST`, publish, shift the alias by steps with health gates.
    case function(FunctionRelease)
    /// A state machine release: update, publish, shift the alias, run the smoke tests.
    case stateMachine(StateMachineRelease)
    /// Emergency shutdown: functions to reserved concurrency 0; state machines tagged and
    /// their running executions stopped.
    case emergencyShutdown

    /// A short name: `in-place`, `blue-green Canary10Percent5Minutes via live`, …
    public var summary: String {
        switch self {
        case .inPlace: return "in-place"
        case .function(let release):
            guard let alias = release.alias else { return "publish version (no alias)" }
            return release.newVersion ? "blue-green \(release.strategy) via \(alias)" : "alias \(alias) routing"
        case .stateMachine(let release):
            let smoke = release.smokeTests.isEmpty ? "" : ", \(release.smokeTests.count) smoke test\(release.smokeTests.count == 1 ? "" : "s")"
            guard let alias = release.alias else { return "update in place\(smoke)" }
            return "version \(release.strategy) via \(alias)\(smoke)"
        case .emergencyShutdown: return "emergency shutdown"
        }
    }
}

/// The release a function change uses.
public struct FunctionRelease: Sendable, Hashable {
    /// The alias that carries traffic, or nil (publish only).
    public var alias: String?
    /// Whether code or versioned configuration changed, so a new version must be published;
    /// false when only the alias (scope `alias`: missing, elsewhere, left mid-shift) or
    /// `$LATEST` (scope `latest`) needs fixing — the change's diffs say which.
    public var newVersion: Bool
    /// The strategy as written.
    public var strategy: RolloutStrategy
    /// The traffic steps the strategy takes (ending at 100%).
    public var steps: [TrafficStep]
    /// Gates checked on the new version at every step.
    public var healthGates: HealthGates?
    /// The check run before any traffic moves.
    public var preTraffic: PreTrafficHook?
    /// Versions kept besides those an alias references.
    public var keepVersions: Int
    /// A published version whose code and configuration already equal the desired ones (for
    /// example the blue version when rolling back, or the green one of an interrupted shift);
    /// the executor may route the alias to it instead of publishing.
    public var matchingVersion: String?

    /// Creates the value.
    public init(alias: String?, newVersion: Bool, strategy: RolloutStrategy, healthGates: HealthGates?,
                preTraffic: PreTrafficHook?, keepVersions: Int, matchingVersion: String? = nil) {
        self.alias = alias
        self.newVersion = newVersion
        self.strategy = strategy
        self.steps = strategy.trafficSteps
        self.healthGates = healthGates
        self.preTraffic = preTraffic
        self.keepVersions = keepVersions
        self.matchingVersion = matchingVersion
    }
}

/// The release a state machine change uses.
public struct StateMachineRelease: Sendable, Hashable {
    /// The alias that carries executions, or nil (update in place).
    public var alias: String?
    /// Whether the definition or role changed, so a new revision and version are made.
    public var newVersion: Bool
    /// The strategy over the alias.
    public var strategy: RolloutStrategy
    /// The traffic steps (ending at 100%).
    public var steps: [TrafficStep]
    /// Executions that must end as expected before promotion.
    public var smokeTests: [SmokeTest]

    /// Creates the value.
    public init(alias: String?, newVersion: Bool, strategy: RolloutStrategy, smokeTests: [SmokeTest]) {
        self.alias = alias
        self.newVersion = newVersion
        self.strategy = strategy
        self.steps = strategy.trafficSteps
        self.smokeTests = smokeTests
    }
}
