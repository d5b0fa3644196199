import Foundation

/// Lets one controller at a time deploy into an AWS account.
///
/// IAM is global to an account: two environments of one account (production in us-east-1 and
/// disaster-recovery in us-west-2) share their roles and policies, and two appliers creating the
/// same role at once would both fail. The daemon's controllers take the account's turn around
/// each deployment; waiting turns are served in arrival order.
public actor AccountGate {
    private var busy: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Creates a gate with every account free.
    public init() {}

    /// Runs `body` while holding `account`'s turn.
    public func withTurn<T: Sendable>(_ account: String, _ body: @Sendable () async throws -> T) async throws -> T {
        await acquire(account)
        do {
            let value = try await body()
            release(account)
            return value
        } catch {
            release(account)
            throw error
        }
    }

    private func acquire(_ account: String) async {
        guard busy.contains(account) else {
            busy.insert(account)
            return
        }
        await withCheckedContinuation { waiting[account, default: []].append($0) }
    }

    private func release(_ account: String) {
        if var queue = waiting[account], !queue.isEmpty {
            let next = queue.removeFirst()
            waiting[account] = queue
            next.resume()
        } else {
            busy.remove(account)
        }
    }
}
