import Cloud
import DesiredState
import Foundation

/// Where a state machine release is headed.
public struct StateMachineTarget: Sendable, Hashable {
    /// The state machine's name.
    public var name: String
    /// The unqualified ARN.
    public var arn: String
    /// The definition JSON text, every placeholder replaced.
    public var definition: String
    /// The execution role ARN.
    public var roleArn: String
    /// STANDARD or EXPRESS.
    public var type: Cloud.StateMachineType
    /// Tags (including `plumb:managed`).
    public var tags: [String: String]
    /// The alias that carries executions, nil to update in place.
    public var alias: String?
    /// The description of published versions.
    public var versionDescription: String

    /// Creates the value.
    public init(name: String, arn: String, definition: String, roleArn: String, type: Cloud.StateMachineType,
                tags: [String: String], alias: String?, versionDescription: String) {
        self.name = name
        self.arn = arn
        self.definition = definition
        self.roleArn = roleArn
        self.type = type
        self.tags = tags
        self.alias = alias
        self.versionDescription = versionDescription
    }

    /// The target a desired state machine describes.
    public init(_ machine: StateMachineResource) {
        self.init(name: machine.name, arn: machine.arn, definition: machine.definition.serialized(),
                  roleArn: machine.roleARN, type: Cloud.StateMachineType(rawValue: machine.spec.type.rawValue) ?? .standard,
                  tags: machine.spec.tags.merging([ManagedTag.key: ManagedTag.value]) { _, managed in managed },
                  alias: machine.spec.alias, versionDescription: machine.spec.description)
    }

    /// The alias's ARN, nil without an alias.
    public var aliasArn: String? { alias.map { "\(arn):\($0)" } }
}

/// One smoke-test execution, ready to start.
public struct SmokeExecution: Sendable, Hashable {
    /// The input JSON text.
    public var input: String
    /// The status it must end in (`SUCCEEDED`, `FAILED`, …).
    public var expect: String
    /// How long it may take, in seconds.
    public var timeoutSeconds: Int

    /// Creates the value.
    public init(input: String, expect: String, timeoutSeconds: Int) {
        self.input = input
        self.expect = expect
        self.timeoutSeconds = timeoutSeconds
    }

    /// The smoke test a manifest describes.
    public init(_ test: SmokeTest) {
        self.init(input: test.input.serialized(), expect: test.expect.rawValue, timeoutSeconds: test.timeoutSeconds)
    }
}

/// How a new state machine version takes over: alias steps and smoke tests.
public struct StateMachinePolicy: Sendable, Hashable {
    /// Alias steps (whole percents), ending at 100%.
    public var steps: [TrafficStep]
    /// Executions run on the new version before any traffic moves.
    public var smokeTests: [SmokeExecution]

    /// Creates the value.
    public init(steps: [TrafficStep], smokeTests: [SmokeExecution]) {
        self.steps = steps.isEmpty ? [TrafficStep(weight: 100, pauseSeconds: 0)] : steps
        self.smokeTests = smokeTests
    }

    /// Straight to 100% without smoke tests: how a rollback puts a state machine back.
    public static let immediate = StateMachinePolicy(steps: [], smokeTests: [])
}
