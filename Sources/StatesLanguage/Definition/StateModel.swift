import Foundation

/// The states of one scope (the state machine, a Parallel branch or a Map item processor),
/// with transitions resolved to indices.
final class StateGraph: Sendable {
    let states: [StateNode]
    let startIndex: Int

    init(states: [StateNode], startIndex: Int) {
        self.states = states
        self.startIndex = startIndex
    }
}

/// Where a state goes when it completes.
enum Transition: Sendable {
    case next(Int)
    case end
}

/// `InputPath` / `OutputPath`: absent means `$`, `null` means `{}`.
enum DataPath: Sendable {
    case whole
    case empty
    case path(JSONPath)
}

/// `ResultPath`: absent means `$` (replace the input), `null` means discard the result.
enum ResultPlacement: Sendable {
    case replace
    case discard
    case path(ReferencePath)
}

/// One compiled state.
struct StateNode: Sendable {
    let name: String
    let kind: StateKind
    let inputPath: DataPath
    let outputPath: DataPath
    let parameters: PayloadTemplate?
    let resultSelector: PayloadTemplate?
    let resultPath: ResultPlacement
    let transition: Transition
    let retriers: [Retrier]
    let catchers: [Catcher]
}

enum StateKind: Sendable {
    case pass(result: JSONValue?)
    case task(TaskSpec)
    case choice(rules: [ChoiceRule], defaultIndex: Int?)
    case wait(WaitSpec)
    case succeed
    case fail(FailSpec)
    case parallel(branches: [StateGraph])
    case map(MapSpec)
}

/// An integer given literally or read from the input by a path (`TimeoutSeconds`/`TimeoutSecondsPath`…).
enum IntegerSource: Sendable {
    case literal(Int)
    case path(JSONPath)
}

struct TaskSpec: Sendable {
    enum Target: Sendable {
        case lambdaFunction
        case lambdaInvoke
        case service(resourceType: String, action: String)
    }

    let resource: String
    let target: Target
    let timeout: IntegerSource?
    let heartbeat: IntegerSource?
}

enum WaitSpec: Sendable {
    case seconds(Int)
    case secondsPath(JSONPath)
    case timestamp(Date, String)
    case timestampPath(JSONPath)
}

/// `Error`/`ErrorPath` and `Cause`/`CausePath` of a Fail state.
enum FailField: Sendable {
    case literal(String)
    case path(JSONPath)
    case call(IntrinsicCall)
}

struct FailSpec: Sendable {
    let error: FailField?
    let cause: FailField?
}

struct MapSpec: Sendable {
    let itemsPath: JSONPath?
    let itemSelector: PayloadTemplate?
    let processor: StateGraph
    let maxConcurrency: IntegerSource?
    let toleratedFailureCount: IntegerSource?
    let toleratedFailurePercentage: IntegerSource?
    let batchMaxItems: Int?
    let batchInput: PayloadTemplate?
}

struct Retrier: Sendable {
    enum Jitter: Sendable {
        case none
        case full
    }

    let errorEquals: [String]
    let intervalSeconds: Double
    let maxAttempts: Int
    let backoffRate: Double
    let maxDelaySeconds: Double?
    let jitter: Jitter
}

struct Catcher: Sendable {
    let errorEquals: [String]
    let resultPath: ResultPlacement
    let next: Int
}

extension [String] {
    /// Whether an `ErrorEquals` list matches `error`.
    func matches(_ error: StatesError) -> Bool {
        if error.isTerminal { return false }
        for name in self {
            if name == error.error || name == StatesErrorName.all { return true }
            if name == StatesErrorName.taskFailed && error.error != StatesErrorName.timeout { return true }
        }
        return false
    }
}
