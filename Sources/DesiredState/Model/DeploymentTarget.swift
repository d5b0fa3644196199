import Cloud

/// Where a desired state is deployed: the environment, its account and region, and the ARNs of
/// resources there.
public struct DeploymentTarget: Sendable, Hashable {
    /// The environment's name, or nil when none was selected (placeholder account and region).
    public var environment: String?
    /// The 12-digit account id.
    public var account: String
    /// The region, e.g. `us-east-1`.
    public var region: String
    /// The region to fail over to, or nil.
    public var backupRegion: String?

    /// Creates a target.
    public init(environment: String?, account: String, region: String, backupRegion: String? = nil) {
        self.environment = environment
        self.account = account
        self.region = region
        self.backupRegion = backupRegion
    }

    /// The target an Environment manifest named `environment` declares.
    init(environment: String, spec: EnvironmentSpec) {
        self.init(environment: environment, account: spec.account, region: spec.region, backupRegion: spec.backupRegion)
    }

    /// The target used when no environment is selected: account 000000000000 in us-east-1.
    public static let placeholder = DeploymentTarget(environment: nil, account: "000000000000", region: "us-east-1")

    /// The ARN partition of the region: `aws`, `aws-cn` or `aws-us-gov`.
    public var partition: String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }

    /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`.
    public func functionARN(_ name: String, qualifier: String? = nil) -> String {
        ARN.text(partition: partition, service: "lambda", region: region, account: account, resource: "function:", name: name, qualifier: qualifier)
    }

    /// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME[:QUALIFIER]`.
    public func stateMachineARN(_ name: String, qualifier: String? = nil) -> String {
        ARN.text(partition: partition, service: "states", region: region, account: account, resource: "stateMachine:", name: name,
                 qualifier: qualifier)
    }

    /// `arn:aws:iam::ACCOUNT:role/NAME`.
    public func roleARN(_ name: String) -> String {
        ARN.text(partition: partition, service: "iam", region: "", account: account, resource: "role/", name: name)
    }

    /// `arn:aws:iam::ACCOUNT:policy/NAME`.
    public func policyARN(_ name: String) -> String {
        ARN.text(partition: partition, service: "iam", region: "", account: account, resource: "policy/", name: name)
    }

    /// The ARN of a resource of kind `kind` (functions and state machines optionally qualified).
    public func arn(_ kind: ResourceKind, _ name: String, qualifier: String? = nil) -> String? {
        switch kind {
        case .function: return functionARN(name, qualifier: qualifier)
        case .stateMachine: return stateMachineARN(name, qualifier: qualifier)
        case .role: return roleARN(name)
        case .policy: return policyARN(name)
        case .maintenance, .environment: return nil
        }
    }

    /// The same target in another region (for failover to the backup region).
    public func inRegion(_ region: String) -> DeploymentTarget {
        var copy = self
        copy.region = region
        return copy
    }
}
