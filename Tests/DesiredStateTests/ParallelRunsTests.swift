@testable import DesiredState
import Synchronization
import Testing

/// Work handed out in runs: every item runs exactly once, whatever the split.
struct ParallelRunsTests {
    @Test(arguments: [(0, 4, 1), (1, 4, 16), (7, 1, 3), (100, 2, 1), (1_000, 2, 16), (1_001, 3, 64), (5, 8, 2)])
    func everyItemRunsOnce(count: Int, workers: Int, run: Int) {
        let seen = Mutex<[Int]>(Array(repeating: 0, count: count))
        ParallelRuns.run(count: count, workers: workers, run: run) { item in
            seen.withLock { $0[item] += 1 }
        }
        #expect(seen.withLock { $0 } == Array(repeating: 1, count: count))
    }
}
