import Foundation

/// Facts about one execution that do not change while it runs (the `Execution` and
/// `StateMachine` parts of the context object `$$`).
public struct ExecutionIdentity: Sendable {
    /// The execution ARN (`$$.Execution.Id`).
    public var executionARN: String
    /// The execution name (`$$.Execution.Name`).
    public var name: String
    /// The state machine ARN (`$$.StateMachine.Id`); for a version or alias start, the one used.
    public var stateMachineARN: String
    /// The state machine name (`$$.StateMachine.Name`).
    public var stateMachineName: String
    /// The execution role (`$$.Execution.RoleArn`).
    public var roleARN: String
    /// When the execution started (`$$.Execution.StartTime`).
    public var startTime: Date
    /// The execution input (`$$.Execution.Input`).
    public var input: JSONValue
    /// How many times the execution was redriven (`$$.Execution.RedriveCount`).
    public var redriveCount: Int
    /// The version that runs, when started through a version or an alias.
    public var stateMachineVersionARN: String?
    /// The alias the execution was started through, if any.
    public var stateMachineAliasARN: String?

    /// Identity of an execution.
    public init(
        executionARN: String, name: String, stateMachineARN: String, stateMachineName: String,
        roleARN: String, startTime: Date, input: JSONValue, redriveCount: Int = 0,
        stateMachineVersionARN: String? = nil, stateMachineAliasARN: String? = nil
    ) {
        self.executionARN = executionARN
        self.name = name
        self.stateMachineARN = stateMachineARN
        self.stateMachineName = stateMachineName
        self.roleARN = roleARN
        self.startTime = startTime
        self.input = input
        self.redriveCount = redriveCount
        self.stateMachineVersionARN = stateMachineVersionARN
        self.stateMachineAliasARN = stateMachineAliasARN
    }
}

/// The context object `$$` as seen by one state; built as JSON only when a path reads it.
struct ContextObject: Sendable {
    let execution: ExecutionIdentity
    var stateName: String
    var enteredTime: Date
    var retryCount: Int
    var mapItem: (index: Int, value: JSONValue)?

    /// The whole context object.
    func json() -> JSONValue {
        var root = JSONObject()
        for section in ["Execution", "State", "StateMachine", "Map"] {
            if let value = self.section(section) { root[section] = value }
        }
        return .object(root)
    }

    /// One top-level section (`Execution`, `State`, `StateMachine`, `Map`), built on its own so
    /// that reading `$$.Map.Item.Value` does not format timestamps.
    func section(_ name: String) -> JSONValue? {
        switch name {
        case "Execution": return executionSection()
        case "State":
            return [
                "EnteredTime": .string(Timestamp.format(enteredTime)),
                "Name": .string(stateName),
                "RetryCount": .int(Int64(retryCount)),
            ]
        case "StateMachine":
            return ["Id": .string(execution.stateMachineARN), "Name": .string(execution.stateMachineName)]
        case "Map":
            guard let mapItem else { return nil }
            return ["Item": ["Index": .int(Int64(mapItem.index)), "Value": mapItem.value]]
        default:
            return nil
        }
    }

    func executionSection() -> JSONValue {
        var executionPart: JSONObject = [
            "Id": .string(execution.executionARN),
            "Input": execution.input,
            "StartTime": .string(Timestamp.format(execution.startTime)),
            "Name": .string(execution.name),
            "RoleArn": .string(execution.roleARN),
        ]
        executionPart["RedriveCount"] = .int(Int64(execution.redriveCount))
        return .object(executionPart)
    }

    /// The part of the context object `path` can reach: only the section its first step names.
    func document(for path: JSONPath) -> JSONValue {
        guard case .property(let name)? = path.segments.first else { return json() }
        guard let value = section(name) else { return .emptyObject }
        return [name: value]
    }
}

/// What paths and intrinsic functions are evaluated against: the state data (`$`), the context
/// object (`$$`), and the execution's randomness.
struct EvaluationScope: Sendable {
    var input: JSONValue
    var context: ContextObject
    var random: RandomSource

    /// Evaluates `path` against the input or the context object; throws `JSONPathNotFound`.
    func resolve(_ path: JSONPath) throws -> JSONValue {
        switch path.root {
        case .input: return try path.evaluate(in: input)
        case .context: return try path.evaluate(in: context.document(for: path))
        }
    }

    func with(input: JSONValue) -> EvaluationScope {
        var copy = self
        copy.input = input
        return copy
    }
}
