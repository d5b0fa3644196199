import Cloud
@testable import CloudSim
import Foundation
import Synchronization
import Testing

/// Sleepers that start at the same moment are lined up with `holding` (nothing wakes until all
/// have registered); each records its label as soon as it wakes. Concurrent sleeps count from
/// the time they were called: three sleeps of 10, 5 and 7 seconds end at +10, not +22.
@Suite("Simulated clock: sleepers in order")
struct ClockOrderTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func virtualClock_wakesSleepersInOrderOfWakeTime_notInOrderOfCalls() async throws {
        try await SimFixture.with(settings: SimSettings(rateLimitsEnabled: false, clockStart: Self.start)) { sim in
            let clock = sim.cloud.clock
            let woken = WakeLog()
            try await withThrowingTaskGroup(of: Void.self) { group in
                await clock.virtualSleepers.holding {
                    for (label, seconds) in [("ten", 10.0), ("five", 5.0), ("seven", 7.0)] {
                        group.addTask {
                            try await clock.sleep(seconds: seconds)
                            woken.append(label)
                        }
                    }
                    for _ in 0..<100_000 where clock.virtualSleepers.pending < 3 { await Task.yield() }
                    #expect(clock.virtualSleepers.pending == 3)
                }
                try await group.waitForAll()
            }
            #expect(woken.entries == ["five", "seven", "ten"])
            #expect(try await clock.now() == Self.start.addingTimeInterval(10))
        }
    }

    @Test func virtualClock_sleepUntil_ordersDeadlines_andAPassedOneReturnsAtOnce() async throws {
        try await SimFixture.with(settings: SimSettings(rateLimitsEnabled: false, clockStart: Self.start)) { sim in
            let clock = sim.cloud.clock
            let woken = WakeLog()
            try await withThrowingTaskGroup(of: Void.self) { group in
                await clock.virtualSleepers.holding {
                    for (label, offset) in [("late", 600.0), ("early", 60.0)] {
                        group.addTask {
                            try await clock.sleep(until: Self.start.addingTimeInterval(offset))
                            woken.append(label)
                        }
                    }
                    for _ in 0..<100_000 where clock.virtualSleepers.pending < 2 { await Task.yield() }
                    #expect(clock.virtualSleepers.pending == 2)
                }
                try await group.waitForAll()
            }
            #expect(woken.entries == ["early", "late"])
            try await clock.sleep(until: Self.start.addingTimeInterval(30))
            #expect(try await clock.now() == Self.start.addingTimeInterval(600))
        }
    }
}

/// Labels in the order they were appended, from any task.
final class WakeLog: Sendable {
    private let lock = Mutex<[String]>([])

    func append(_ label: String) { lock.withLock { $0.append(label) } }
    var entries: [String] { lock.withLock { $0 } }
}
