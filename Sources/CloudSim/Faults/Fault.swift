import Foundation

/// What an injected fault does to the calls it selects.
public enum FaultEffect: Sendable, Hashable, Codable {
    /// Invocations fail with a function error (`errorType`, `errorMessage`) with probability `rate`.
    case functionError(rate: Double, errorType: String, errorMessage: String)
    /// Invocations take `milliseconds` longer with probability `rate` (past the timeout they time out).
    case latency(milliseconds: Double, rate: Double)
    /// Invocations answer `payload` (JSON text) without running the code, with probability `rate`.
    case fixedResponse(payload: String, rate: Double)
    /// API calls fail with the AWS error `code` and `message`, with probability `rate`.
    case apiError(code: String, message: String, rate: Double)
    /// API calls are throttled (the service's throttling error), with probability `rate`.
    case throttle(rate: Double)
    /// Every Lambda, Step Functions and CloudWatch call in the region fails as unavailable.
    case regionUnavailable

    /// The stored kind name.
    var kind: String {
        switch self {
        case .functionError: return "function-error"
        case .latency: return "latency"
        case .fixedResponse: return "response"
        case .apiError: return "api-error"
        case .throttle: return "throttle"
        case .regionUnavailable: return "region-unavailable"
        }
    }

    /// The probability a selected call is hit.
    var rate: Double {
        switch self {
        case .functionError(let rate, _, _), .latency(_, let rate), .fixedResponse(_, let rate),
             .apiError(_, _, let rate), .throttle(let rate):
            return rate
        case .regionUnavailable:
            return 1
        }
    }

    /// Whether the effect applies to invocations (as opposed to API calls).
    public var isInvocationFault: Bool {
        switch self {
        case .functionError, .latency, .fixedResponse: return true
        default: return false
        }
    }
}

/// Which calls a fault selects; nil fields select everything.
public struct FaultTarget: Sendable, Hashable, Codable {
    /// Only this account.
    public var account: String?
    /// Only this region.
    public var region: String?
    /// Only invocations of this function.
    public var functionName: String?
    /// Only invocations that ran this version (`3`, `$LATEST`) or came through this alias.
    public var qualifier: String?
    /// Only invocations of code with this bundle id (git tree id).
    public var codeId: String?
    /// Only this API operation: `lambda:UpdateFunctionCode`, a whole service `lambda:*`, or `*`.
    public var operation: String?

    /// Creates a selector.
    public init(account: String? = nil, region: String? = nil, functionName: String? = nil, qualifier: String? = nil,
                codeId: String? = nil, operation: String? = nil) {
        self.account = account
        self.region = region
        self.functionName = functionName
        self.qualifier = qualifier
        self.codeId = codeId
        self.operation = operation
    }
}

/// An injected fault: environment state, never desired state.
public struct Fault: Sendable, Hashable, Codable {
    /// The fault's id, for removal.
    public var id: Int64
    /// What it does.
    public var effect: FaultEffect
    /// What it selects.
    public var target: FaultTarget
    /// How many more calls it hits before removing itself; nil for no limit.
    public var remaining: Int?
    /// When it was added (simulated time).
    public var createdAt: Date
}

extension FaultRecord {
    /// A record for a new fault.
    init(effect: FaultEffect, target: FaultTarget, remaining: Int?, createdAt: Double) {
        self.init(id: nil, kind: effect.kind, account: target.account, region: target.region, functionName: target.functionName,
                  qualifier: target.qualifier, codeId: target.codeId, operation: target.operation, rate: effect.rate,
                  latencyMs: nil, response: nil, errorCode: nil, errorMessage: nil, remaining: remaining, createdAt: createdAt)
        switch effect {
        case .functionError(_, let type, let message):
            errorCode = type
            errorMessage = message
        case .latency(let milliseconds, _):
            latencyMs = milliseconds
        case .fixedResponse(let payload, _):
            response = payload
        case .apiError(let code, let message, _):
            errorCode = code
            errorMessage = message
        case .throttle, .regionUnavailable:
            break
        }
    }

    /// The effect this record stores.
    var effect: FaultEffect {
        switch kind {
        case "function-error": return .functionError(rate: rate, errorType: errorCode ?? "InjectedFault", errorMessage: errorMessage ?? "")
        case "latency": return .latency(milliseconds: latencyMs ?? 0, rate: rate)
        case "response": return .fixedResponse(payload: response ?? "null", rate: rate)
        case "api-error": return .apiError(code: errorCode ?? "ServiceException", message: errorMessage ?? "", rate: rate)
        case "throttle": return .throttle(rate: rate)
        default: return .regionUnavailable
        }
    }

    /// The public view.
    var fault: Fault {
        Fault(id: id ?? 0, effect: effect,
              target: FaultTarget(account: account, region: region, functionName: functionName, qualifier: qualifier,
                                  codeId: codeId, operation: operation),
              remaining: remaining, createdAt: Date(timeIntervalSince1970: createdAt))
    }

    /// Whether the fault's account and region select `scope`.
    func selects(account: String, region: String) -> Bool {
        (self.account == nil || self.account == account) && (self.region == nil || self.region == region)
    }

    /// Whether the fault's operation selects `operation`.
    func selects(_ operation: SimOperation) -> Bool {
        guard let pattern = self.operation, pattern != "*" else { return true }
        if pattern.hasSuffix(":*") { return pattern.dropLast(2) == operation.service.rawValue }
        return pattern.caseInsensitiveCompare(operation.description) == .orderedSame
            || pattern.caseInsensitiveCompare(operation.name) == .orderedSame
    }
}
