/// An AWS service the simulator answers for.
public enum SimService: String, Sendable, Codable, Hashable, CaseIterable {
    /// AWS Lambda.
    case lambda
    /// AWS Step Functions.
    case states
    /// AWS Identity and Access Management.
    case iam
    /// Amazon CloudWatch (metrics).
    case cloudwatch
}

/// One API operation, written `service:Name` (`lambda:UpdateFunctionCode`, `states:CreateStateMachine`).
public struct SimOperation: Hashable, Sendable, CustomStringConvertible {
    /// The service.
    public var service: SimService
    /// The operation's AWS name.
    public var name: String

    /// Creates an operation.
    public init(_ service: SimService, _ name: String) {
        self.service = service
        self.name = name
    }

    /// `service:Name`.
    public var description: String { "\(service.rawValue):\(name)" }

    /// Whether the operation only reads (for rate-limit buckets and inspection).
    var isRead: Bool {
        ["Get", "List", "Describe"].contains { name.hasPrefix($0) }
    }
}
