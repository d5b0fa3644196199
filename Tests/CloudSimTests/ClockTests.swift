import Cloud
import CloudSim
import Foundation
import Testing

@Suite("Simulated clock")
struct ClockTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test func virtualClock_standsStill_untilASleepAdvancesItAtOnce() async throws {
        try await SimFixture.with(settings: SimSettings(rateLimitsEnabled: false, clockStart: Self.start)) { sim in
            #expect(try await sim.cloud.clock.now() == Self.start)
            #expect(try await sim.cloud.clock.now() == Self.start)
            try await sim.cloud.clock.sleep(seconds: 300)
            #expect(try await sim.cloud.clock.now() == Self.start.addingTimeInterval(300))
            try await sim.cloud.clock.sleep(until: Self.start.addingTimeInterval(100))
            #expect(try await sim.cloud.clock.now() == Self.start.addingTimeInterval(300))
            try await sim.cloud.clock.sleep(until: Self.start.addingTimeInterval(600))
            #expect(try await sim.cloud.clock.now() == Self.start.addingTimeInterval(600))
            let created = try await sim.makeFunction("fn")
            #expect(created.lastModified == Self.start.addingTimeInterval(600))
        }
    }

    @Test func clock_neverMovesBackwards_andARealClockCannotBeSet() async throws {
        try await SimFixture.with(settings: SimSettings(rateLimitsEnabled: false, clockStart: Self.start)) { sim in
            await #expect(throws: SimError.self) { try await sim.cloud.clock.set(to: Self.start.addingTimeInterval(-1)) }
            await #expect(throws: SimError.self) { try await sim.cloud.clock.advance(by: -5) }
            try await sim.cloud.clock.set(to: Self.start.addingTimeInterval(60))
            #expect(try await sim.cloud.clock.now() == Self.start.addingTimeInterval(60))
            try await sim.cloud.clock.setMode(.real)
            let state = try await sim.cloud.clock.state()
            #expect(state.mode == .real)
            #expect(abs(state.now.timeIntervalSinceNow) < 60)
            await #expect(throws: SimError.self) { try await sim.cloud.clock.advance(by: 5) }
        }
    }

    @Test func scaledClock_keepsTheTimeWhenSwitched_andAdvancesOnRequest() async throws {
        try await SimFixture.with(settings: SimSettings(rateLimitsEnabled: false, clockStart: Self.start)) { sim in
            try await sim.cloud.clock.setMode(.scaled, scale: 60)
            let state = try await sim.cloud.clock.state()
            #expect(state.mode == .scaled && state.scale == 60)
            #expect(state.now >= Self.start)
            let moved = try await sim.cloud.clock.advance(by: 3600)
            #expect(moved >= Self.start.addingTimeInterval(3600))
            try await sim.cloud.clock.setMode(.virtual)
            let frozen = try await sim.cloud.clock.now()
            #expect(frozen >= moved)
            #expect(try await sim.cloud.clock.now() == frozen)
        }
    }

    @Test func twoOpenings_ofOneStore_agreeOnTheTime() async throws {
        try await SimFixture.with(settings: SimSettings(rateLimitsEnabled: false, clockStart: Self.start)) { sim in
            let other = try SimCloud(stateDirectory: sim.folder.path)
            try await sim.cloud.clock.advance(by: 90)
            #expect(try await other.clock.now() == Self.start.addingTimeInterval(90))
            try await other.clock.sleep(seconds: 10)
            #expect(try await sim.cloud.clock.now() == Self.start.addingTimeInterval(100))
            await other.shutdown()
        }
    }
}
