import Cloud
import Foundation
import Synchronization

/// Reads of the environment a plan starts before its desired state is checked: the change
/// tokens and, when the plan will list everything anyway, the list. A command that knows the
/// target early (from the Environment manifest, before every resource is checked) starts them,
/// and `PlanSession` takes their results instead of reading again, so that reading the
/// environment overlaps checking the desired state.
public struct LivePrefetch: Sendable {
    /// The account and region read.
    public let scope: CloudScope
    private let reads: Task<Void, Error>
    private let results: Results

    /// What the reads found; the list is handed over (moved out) to the one plan that takes it,
    /// so that the plan's own changes to it copy nothing.
    private final class Results: Sendable {
        let counters = Mutex<ChangeCountersReading?>(nil)
        let list = Mutex<LiveState?>(nil)
    }

    /// Starts reading through `reader`: the change tokens when `counters` (unless the provider's
    /// watermark is still `watermark`, the one of the tokens a cache kept), then the list when `list`.
    public init(_ reader: LiveStateReader, counters: Bool, unlessAt watermark: UInt64? = nil, list: Bool) {
        scope = reader.provider.scope
        let results = Results()
        self.results = results
        reads = Task.detached {
            if counters {
                let tokens = try await reader.counters(unlessAt: watermark)
                results.counters.withLock { $0 = tokens }
            }
            if list {
                let state = try await reader.list()
                results.list.withLock { $0 = consume state }
            }
        }
    }

    /// What the read of the change tokens found, once every read has ended (nil when they were
    /// not asked for).
    var counters: ChangeCountersReading? {
        get async throws {
            try await reads.value
            return results.counters.withLock { $0 }
        }
    }

    /// Takes the list, when it was asked for and not taken yet.
    func takeList() async throws -> LiveState? {
        try await reads.value
        return results.list.withLock { $0.take() }
    }
}
