import Cloud
import DesiredState
import Foundation
import Synchronization

/// Reads the live environment through any `CloudProvider`.
///
/// Reading is two-phase, because per-resource reads are what costs (AWS allows 15 Lambda
/// control-plane calls per second): `list()` makes four list calls (functions with `$LATEST`,
/// state machines with their definitions, roles with trust and tags, policies with tags);
/// `detail(_:in:)` adds per-resource details only for the resources asked for. `read()` does both
/// for everything. Throttling and other retryable errors are retried with capped exponential
/// backoff on the provider's clock (instant, but in order, on a virtual clock).
public struct LiveStateReader: Sendable {
    /// The environment read.
    public let provider: any CloudProvider
    /// How many resources are detailed at once.
    public var concurrency: Int
    /// Retries of one call on a retryable error before giving up.
    public var maxRetries: Int
    /// Calls that succeeded so far, across the reader's concurrent reads.
    let successes = SuccessCounter()

    /// Creates a reader.
    public init(provider: any CloudProvider, concurrency: Int = 4, maxRetries: Int = 12) {
        self.provider = provider
        self.concurrency = max(1, concurrency)
        self.maxRetries = maxRetries
    }

    /// Every resource listed and detailed.
    public func read() async throws -> LiveState {
        var state = try await list()
        try await detail(Set(state.resourceIDs), in: &state)
        return state
    }

    /// Every resource, listed only (no per-resource details).
    public func list() async throws -> LiveState {
        let now = try await provider.clock.now()
        var functions = try await call("ListFunctions") { try await provider.listFunctions() }
        let machines = try await call("ListStateMachines") { try await provider.listStateMachines() }
        let roles = try await call("ListRoles") { try await provider.listRoles() }
        let policies = try await call("ListPolicies") { try await provider.listPolicies() }
        var state = LiveState(scope: provider.scope, readAt: now)
        state.functions.reserveCapacity(functions.count)
        // Moved out of the list one by one (no copy of each configuration to release afterwards).
        while let configuration = functions.popLast() {
            state.functions[configuration.functionName] = LiveFunction(name: configuration.functionName, latest: configuration)
        }
        for machine in machines where machine.status == .active {
            state.stateMachines[machine.name] = LiveStateMachine(name: machine.name, machine: machine)
        }
        for role in roles { state.roles[role.roleName] = LiveRole(role: role) }
        for policy in policies { state.policies[policy.policyName] = LivePolicy(policy: policy) }
        return state
    }

    /// Adds per-resource details for `ids` to `state` (ids not listed in `state` are skipped).
    public func detail(_ ids: Set<ResourceID>, in state: inout LiveState) async throws {
        let wanted = ids.filter { state.resource($0) != nil }.sorted()
        guard !wanted.isEmpty else { return }
        let snapshot = state
        for result in try await readEach(wanted, { try await self.details(of: $0, in: snapshot) }) {
            state.insert(result)
        }
    }

    /// `read` of every id, at most `concurrency` at once; the resources found, in any order.
    func readEach(_ ids: [ResourceID], _ read: @escaping @Sendable (ResourceID) async throws -> LiveResource?) async throws -> [LiveResource] {
        try await withThrowingTaskGroup(of: LiveResource?.self) { group in
            var results: [LiveResource] = []
            var next = 0
            func add() {
                let id = ids[next]
                next += 1
                group.addTask { try await read(id) }
            }
            while next < min(concurrency, ids.count) { add() }
            while let result = try await group.next() {
                if let result { results.append(result) }
                if next < ids.count { add() }
            }
            return results
        }
    }

    /// One resource with its details, or nil when it disappeared since it was listed.
    func details(of id: ResourceID, in state: LiveState) async throws -> LiveResource? {
        do {
            switch id.kind {
            case .function:
                guard state.functions[id.name] != nil else { return nil }
                return .function(try await detailFunction(named: id.name))
            case .stateMachine:
                guard let machine = state.stateMachines[id.name] else { return nil }
                return .stateMachine(try await detailStateMachine(machine))
            case .role:
                guard let role = state.roles[id.name] else { return nil }
                return .role(try await detailRole(role))
            case .policy:
                guard let policy = state.policies[id.name] else { return nil }
                return .policy(try await detailPolicy(policy))
            case .maintenance, .environment:
                return nil
            }
        } catch let error as CloudError where error.isNotFound {
            return nil
        }
    }

    /// Runs one API call, retrying retryable errors with capped exponential backoff on the
    /// provider's clock. A throttled call whose sibling reads got through meanwhile starts its
    /// count of attempts again (the reads share the rate limit: being beaten to the refilled
    /// tokens is not the environment refusing). Not-found errors are rethrown as they are (the
    /// resource went away); others become `LiveReadError`.
    func call<T: Sendable>(_ operation: String, _ body: @Sendable () async throws -> T) async throws -> T {
        var attempt = 0
        var seen = successes.value
        while true {
            do {
                let result = try await body()
                successes.increment()
                return result
            } catch let error as CloudError where error.isRetryable && attempt < maxRetries {
                let now = successes.value
                if error.isThrottling, now != seen {
                    seen = now
                    attempt = min(attempt, 3)
                }
                let delay = min(5.0, 0.05 * pow(2.0, Double(attempt)))
                attempt += 1
                try await provider.clock.sleep(seconds: delay)
            } catch let error as CloudError {
                if error.isNotFound { throw error }
                throw LiveReadError(operation: operation, scope: provider.scope, underlying: error)
            }
        }
    }
}

/// A read of the live environment failed.
public struct LiveReadError: Error, Sendable, CustomStringConvertible {
    /// The API operation that failed.
    public var operation: String
    /// The account and region read.
    public var scope: CloudScope
    /// The provider's error.
    public var underlying: CloudError

    /// What failed, and what to do.
    public var description: String {
        let advice = underlying.isRetryable
            ? "The environment keeps refusing; retry later."
            : "Check the environment and the credentials, then retry."
        return "reading the live environment \(scope) failed at \(operation): \(underlying). \(advice)"
    }
}

/// A count shared by the concurrent reads of one reader.
final class SuccessCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// The count.
    var value: Int { count.load(ordering: .relaxed) }

    /// Adds one.
    func increment() { count.add(1, ordering: .relaxed) }
}
