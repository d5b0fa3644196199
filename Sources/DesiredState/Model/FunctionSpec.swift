import StatesLanguage

/// The `spec` of a `Function` manifest: a Lambda function, its code folder and how it is released.
public struct FunctionSpec: Sendable, Hashable {
    /// The Lambda runtime, e.g. `python3.11`.
    public var runtime: String
    /// The handler entry point, e.g. `app.handler`.
    public var handler: String
    /// The code folder, relative to the desired-state root (normalized, no `./`, no trailing `/`).
    public var code: String
    /// Memory in MB (128–10240), default 128.
    public var memoryMB: Int
    /// Timeout in seconds (1–900), default 3.
    public var timeoutSeconds: Int
    /// Environment variables, by name.
    public var environment: [String: String]
    /// Reserved concurrency (≥ 0; 0 throttles the function), or nil for none.
    public var reservedConcurrency: Int?
    /// The execution role: the name of a `Role` manifest.
    public var role: String
    /// The alias that carries traffic (e.g. `live`), or nil to release by publishing versions only.
    public var alias: String?
    /// How many published versions to keep besides those an alias references (1–100), default 3.
    public var keepVersions: Int
    /// How a new version takes over the alias.
    public var rollout: FunctionRollout
    /// Resources to release before this one (names of functions or state machines).
    public var dependsOn: [String]
    /// Tags, by key.
    public var tags: [String: String]
    /// The function's description (up to 256 characters).
    public var description: String

    /// Creates a spec; unspecified fields take their documented defaults.
    public init(runtime: String, handler: String, code: String, memoryMB: Int = 128, timeoutSeconds: Int = 3,
                environment: [String: String] = [:], reservedConcurrency: Int? = nil, role: String,
                alias: String? = nil, keepVersions: Int = 3, rollout: FunctionRollout = FunctionRollout(),
                dependsOn: [String] = [], tags: [String: String] = [:], description: String = "") {
        self.runtime = runtime
        self.handler = handler
        self.code = code
        self.memoryMB = memoryMB
        self.timeoutSeconds = timeoutSeconds
        self.environment = environment
        self.reservedConcurrency = reservedConcurrency
        self.role = role
        self.alias = alias
        self.keepVersions = keepVersions
        self.rollout = rollout
        self.dependsOn = dependsOn
        self.tags = tags
        self.description = description
    }
}

/// How a new function version takes over its alias.
public struct FunctionRollout: Sendable, Hashable {
    /// The traffic-shifting strategy, default all at once.
    public var strategy: RolloutStrategy
    /// Limits checked on the new version's invocations at every traffic step, or nil for none.
    public var healthGates: HealthGates?
    /// A function invoked before any traffic moves; it must succeed, or nil for none.
    public var preTraffic: PreTrafficHook?

    /// Creates a rollout.
    public init(strategy: RolloutStrategy = .allAtOnce, healthGates: HealthGates? = nil, preTraffic: PreTrafficHook? = nil) {
        self.strategy = strategy
        self.healthGates = healthGates
        self.preTraffic = preTraffic
    }
}

/// Limits on a new version's invocations; a step that breaks one rolls the release back.
public struct HealthGates: Sendable, Hashable {
    /// The highest acceptable share of failed invocations (0–1), or nil for no limit.
    public var maxErrorRate: Double?
    /// The highest acceptable 99th-percentile duration in milliseconds, or nil for no limit.
    public var maxP99LatencyMs: Int?
    /// How many invocations of the new version a step needs before the gates are judged (default 0).
    public var minInvocations: Int
    /// The event sent through the alias at each step so the gates have invocations to judge, or
    /// nil for the pre-traffic event (when the check invokes the function itself) or else `{}`.
    public var trafficPayload: JSONValue?

    /// Creates gates.
    public init(maxErrorRate: Double? = nil, maxP99LatencyMs: Int? = nil, minInvocations: Int = 0, trafficPayload: JSONValue? = nil) {
        self.maxErrorRate = maxErrorRate
        self.maxP99LatencyMs = maxP99LatencyMs
        self.minInvocations = minInvocations
        self.trafficPayload = trafficPayload
    }
}

/// A check run before any traffic reaches a new function version.
public struct PreTrafficHook: Sendable, Hashable {
    /// The function to invoke. When it names the function being released, the new version itself is invoked.
    public var invoke: String
    /// The event passed to it (default `{}`).
    public var payload: JSONValue

    /// Creates a hook.
    public init(invoke: String, payload: JSONValue = .emptyObject) {
        self.invoke = invoke
        self.payload = payload
    }
}
