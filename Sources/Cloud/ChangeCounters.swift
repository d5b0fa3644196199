/// A token per resource that changes whenever anything about the resource changes: its
/// configuration or definition, code, versions, aliases, reserved concurrency, inline or attached
/// policies, policy versions, tags. Equal tokens mean the resource was not touched in between.
///
/// Like a Kubernetes `resourceVersion` or an AWS Config change record: a reader that kept what it
/// found at some token need not read the resource again while the token stays the same.
public struct ChangeCounters: Sendable, Hashable {
    /// Functions of the region, by name.
    public var functions: [String: UInt64]
    /// State machines of the region, by name.
    public var stateMachines: [String: UInt64]
    /// Roles of the account, by name.
    public var roles: [String: UInt64]
    /// Customer managed policies of the account, by name.
    public var policies: [String: UInt64]

    /// Creates the value.
    public init(functions: [String: UInt64] = [:], stateMachines: [String: UInt64] = [:],
                roles: [String: UInt64] = [:], policies: [String: UInt64] = [:]) {
        self.functions = functions
        self.stateMachines = stateMachines
        self.roles = roles
        self.policies = policies
    }
}

/// Change tokens of every resource, for providers that keep them.
public protocol ChangeCountersAPI: Sendable {
    /// Every function and state machine of the region and every role and policy of the
    /// account, with its change token (one call); nil when the provider keeps no tokens (then
    /// readers list and compare resources instead).
    func changeCounters() async throws -> ChangeCounters?
}

extension ChangeCountersAPI {
    /// No tokens: the provider keeps none.
    public func changeCounters() async throws -> ChangeCounters? { nil }
}
