import Foundation
import Testing
@testable import Controller

@Suite struct ScheduleTests {
    let schedule = PassSchedule(interval: 60, jitter: 0.1, retry: RetrySpec(initialBackoff: 5, maxBackoff: 300, factor: 2))

    @Test func pollDelay_staysWithinTheJitterBand() {
        #expect(schedule.pollDelay(random: 0) == 54)
        #expect(schedule.pollDelay(random: 0.5) == 60)
        #expect(schedule.pollDelay(random: 1) == 66)
        #expect(schedule.pollDelay(random: 7) == 66)
    }

    @Test func backoffDelay_growsExponentiallyUpToTheCap() {
        let delays = (1...10).map { schedule.backoffDelay(failures: $0, random: 0) }
        #expect(delays == [5, 10, 20, 40, 80, 160, 300, 300, 300, 300])
        #expect(schedule.backoffDelay(failures: 10, random: 1) == 225)
        #expect(schedule.backoffDelay(failures: 1, random: 1) == 5)
        #expect(schedule.backoffDelay(failures: 10_000, random: 0) == 300)
    }

    @Test func wakeup_withoutSignal_waitsForTheClock() async {
        let clock = ManualClock()
        let wakeup = Wakeup()
        async let reason = wakeup.wait(for: .seconds(30), clock: clock, seen: wakeup.generation)
        await clock.waitForSleepers(1)
        clock.advance(by: .seconds(29))
        #expect(clock.sleeperCount == 1)
        clock.advance(by: .seconds(1))
        #expect(await reason == .timeout)
    }

    @Test func wakeup_signalledDuringTheWait_returnsAtOnce() async {
        let clock = ManualClock()
        let wakeup = Wakeup()
        async let reason = wakeup.wait(for: .seconds(3600), clock: clock, seen: wakeup.generation)
        await clock.waitForSleepers(1)
        wakeup.signal()
        #expect(await reason == .signal)
    }

    @Test func wakeup_signalledBeforeTheWait_isNotLost() async {
        let clock = ManualClock()
        let wakeup = Wakeup()
        let seen = wakeup.generation
        wakeup.signal()
        #expect(await wakeup.wait(for: .seconds(3600), clock: clock, seen: seen) == .signal)
        #expect(clock.sleeperCount == 0)
    }

    @Test func wakeup_closed_endsEveryWait() async {
        let clock = ManualClock()
        let wakeup = Wakeup()
        async let first = wakeup.wait(for: .seconds(3600), clock: clock, seen: wakeup.generation)
        await clock.waitForSleepers(1)
        wakeup.close()
        #expect(await first == .closed)
        #expect(await wakeup.wait(for: .seconds(3600), clock: clock, seen: wakeup.generation) == .closed)
    }

    @Test func interrupt_raisedWhileArmed_endsTheWaitWithTheReason() async throws {
        let interrupt = RolloutInterrupt()
        interrupt.arm(true)
        let clock = ManualClock()
        let waited = Task { try await interrupt.interruptible { try await clock.sleep(for: .seconds(300)) } }
        await clock.waitForSleepers(1)
        interrupt.raise(.superseded(by: "abcdef1234"))
        let result = await waited.result
        #expect(throws: RolloutInterrupted.self) { try result.get() }
        if case .failure(let error) = result {
            #expect((error as? RolloutInterrupted)?.reason == .superseded(by: "abcdef1234"))
            #expect(RolloutInterrupted.isInterruption("\(error)"))
        }
    }

    @Test func interrupt_raisedWhileDisarmed_letsTheWaitFinish() async throws {
        let interrupt = RolloutInterrupt()
        let clock = ManualClock()
        async let waited: Void = interrupt.interruptible { try await clock.sleep(for: .seconds(300)) }
        await clock.waitForSleepers(1)
        interrupt.raise(.shutdown)
        clock.advance(by: .seconds(300))
        try await waited
        interrupt.arm(true)
        #expect(throws: RolloutInterrupted.self) { try interrupt.check() }
    }
}
