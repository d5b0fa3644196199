import DesiredState
import Foundation

/// A rollout of one resource: a value-type state machine. Each call to `next` takes the outcome
/// of the action asked for last (nil on the first call) and answers what to do now; the
/// executor performs (and journals) the actions and never decides anything itself.
public protocol Rollout: Sendable {
    /// The resource rolled out.
    var resource: ResourceID { get }
    /// The next step, given the outcome of the previous action.
    mutating func next(after outcome: ActionOutcome?) -> RolloutStep
}

/// What a rollout asks for next.
public enum RolloutStep: Sendable, Hashable {
    /// Perform this action and call `next` with its outcome.
    case perform(CloudAction)
    /// Show this progress and call `next(after: nil)`.
    case report(RolloutEvent)
    /// The resource is where the rollout wanted it.
    case finished
    /// The rollout cannot go on: the deployment must be rolled back.
    case failed(RolloutFailure)
}

/// Progress a rollout reports between actions.
public enum RolloutEvent: Sendable, Hashable, Codable {
    /// The alias now sends `percent` of traffic to `version`.
    case traffic(alias: String, version: String, percent: Double)
    /// A health gate was judged.
    case gate(GateReport)
    /// A pre-traffic check ended.
    case preTraffic(target: String, passed: Bool, detail: String)
    /// A smoke-test execution ended.
    case smokeTest(index: Int, status: String, expected: String, passed: Bool)
    /// Anything else worth a line.
    case note(String)
}

/// Why a rollout stopped.
public struct RolloutFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of check or call failed.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A health gate was broken.
        case healthGate = "health-gate"
        /// The pre-traffic invocation failed.
        case preTraffic = "pre-traffic"
        /// A smoke-test execution ended otherwise than expected.
        case smokeTest = "smoke-test"
        /// The provider rejected the definition.
        case validation
        /// The change cannot be made (an immutable field, a missing piece).
        case unsupported
    }

    /// The kind.
    public var kind: Kind
    /// The resource.
    public var resource: ResourceID
    /// What happened, naming the resource and the field or check.
    public var message: String

    /// Creates the value.
    public init(_ kind: Kind, _ resource: ResourceID, _ message: String) {
        self.kind = kind
        self.resource = resource
        self.message = message
    }

    /// `Function/x: message`.
    public var description: String { "\(resource): \(message)" }
}
