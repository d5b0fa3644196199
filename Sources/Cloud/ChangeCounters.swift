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
    /// The provider's watermark when the tokens were read: it moves whenever any token of the
    /// account and region could have moved (and on a resource's deletion), so while it stays the
    /// same every token stays the same (`ChangeCountersReading.unchanged`). Nil when the provider
    /// keeps none.
    public var watermark: UInt64?

    /// Creates the value.
    public init(functions: [String: UInt64] = [:], stateMachines: [String: UInt64] = [:],
                roles: [String: UInt64] = [:], policies: [String: UInt64] = [:], watermark: UInt64? = nil) {
        self.functions = functions
        self.stateMachines = stateMachines
        self.roles = roles
        self.policies = policies
        self.watermark = watermark
    }
}

/// What a read of the change tokens found.
public enum ChangeCountersReading: Sendable, Hashable {
    /// The tokens, with the watermark they were read at.
    case read(ChangeCounters)
    /// The watermark is still the one given: every token is what it was when it was read there.
    case unchanged(watermark: UInt64)
    /// The provider keeps no tokens.
    case unsupported
}

/// Change tokens of every resource, for providers that keep them.
public protocol ChangeCountersAPI: Sendable {
    /// Every function and state machine of the region and every role and policy of the
    /// account, with its change token (one call); nil when the provider keeps no tokens (then
    /// readers list and compare resources instead).
    func changeCounters() async throws -> ChangeCounters?

    /// As `changeCounters()`, but answers `.unchanged` without listing anything when the
    /// provider's watermark is still `watermark` (one call either way): a reader that kept the
    /// tokens it read at a watermark reads them again only after something changed.
    func changeCounters(unlessAt watermark: UInt64?) async throws -> ChangeCountersReading
}

extension ChangeCountersAPI {
    /// No tokens: the provider keeps none.
    public func changeCounters() async throws -> ChangeCounters? { nil }

    /// Every token (no watermark to compare with), or `.unsupported`.
    public func changeCounters(unlessAt watermark: UInt64?) async throws -> ChangeCountersReading {
        try await changeCounters().map(ChangeCountersReading.read) ?? .unsupported
    }
}
