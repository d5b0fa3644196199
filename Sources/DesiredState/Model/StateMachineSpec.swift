import StatesLanguage

/// The `spec` of a `StateMachine` manifest: a Step Functions state machine.
public struct StateMachineSpec: Sendable, Hashable {
    /// STANDARD or EXPRESS (default STANDARD); cannot change after creation.
    public var type: StateMachineType
    /// The ASL JSON file, relative to the desired-state root.
    public var definition: String
    /// Values for `${Name}` placeholders in the definition: a reference (`function:NAME[:QUALIFIER]`,
    /// `stateMachine:NAME[:QUALIFIER]`, `role:NAME`, `policy:NAME`) or a literal string.
    public var substitutions: [String: String]
    /// The execution role: the name of a `Role` manifest.
    public var role: String
    /// The alias that carries executions (e.g. `live`), or nil to update in place.
    public var alias: String?
    /// How a new version takes over the alias, and the smoke tests it must pass.
    public var rollout: StateMachineRollout
    /// Resources to release before this one.
    public var dependsOn: [String]
    /// Tags, by key.
    public var tags: [String: String]
    /// A description of the state machine's versions (up to 256 characters).
    public var description: String

    /// Creates a spec; unspecified fields take their documented defaults.
    public init(type: StateMachineType = .standard, definition: String, substitutions: [String: String] = [:],
                role: String, alias: String? = nil, rollout: StateMachineRollout = StateMachineRollout(),
                dependsOn: [String] = [], tags: [String: String] = [:], description: String = "") {
        self.type = type
        self.definition = definition
        self.substitutions = substitutions
        self.role = role
        self.alias = alias
        self.rollout = rollout
        self.dependsOn = dependsOn
        self.tags = tags
        self.description = description
    }
}

/// The type of a state machine.
public enum StateMachineType: String, Sendable, Hashable, CaseIterable {
    /// Exactly-once, long-running workflows with retrievable history.
    case standard = "STANDARD"
    /// Short (≤ 5 minutes), high-volume, at-least-once workflows.
    case express = "EXPRESS"
}

/// How a new state machine version takes over its alias.
public struct StateMachineRollout: Sendable, Hashable {
    /// The traffic-shifting strategy over the alias, default all at once.
    public var strategy: RolloutStrategy
    /// Executions started on the new version before it is promoted; each must end as expected.
    public var smokeTests: [SmokeTest]

    /// Creates a rollout.
    public init(strategy: RolloutStrategy = .allAtOnce, smokeTests: [SmokeTest] = []) {
        self.strategy = strategy
        self.smokeTests = smokeTests
    }
}

/// One smoke-test execution of a new state machine version.
public struct SmokeTest: Sendable, Hashable {
    /// The execution input (from `input`, or read from `inputFile`).
    public var input: JSONValue
    /// The file the input was read from, relative to the desired-state root, or nil when inline.
    public var inputFile: String?
    /// The status the execution must end in (default SUCCEEDED).
    public var expect: ExpectedStatus
    /// How long the execution may take, in seconds (1–3600, default 60).
    public var timeoutSeconds: Int

    /// Creates a smoke test.
    public init(input: JSONValue = .emptyObject, inputFile: String? = nil, expect: ExpectedStatus = .succeeded, timeoutSeconds: Int = 60) {
        self.input = input
        self.inputFile = inputFile
        self.expect = expect
        self.timeoutSeconds = timeoutSeconds
    }
}

/// The final status a smoke-test execution must end in, as Step Functions reports it.
public enum ExpectedStatus: String, Sendable, Hashable, CaseIterable {
    /// Ended in a Succeed state or an End.
    case succeeded = "SUCCEEDED"
    /// Ended in a Fail state or an uncaught error.
    case failed = "FAILED"
    /// Ran longer than its TimeoutSeconds.
    case timedOut = "TIMED_OUT"
    /// Was stopped.
    case aborted = "ABORTED"
}
