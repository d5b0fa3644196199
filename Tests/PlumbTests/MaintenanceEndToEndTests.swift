import Foundation
import PlumbTesting
import Spawn
import Testing

/// Maintenance end to end: emergency shutdown and its revert, freeze windows on the
/// environment's clock, blocked resources.
struct MaintenanceEndToEndTests {
    @Test func emergencyShutdown_throttlesEverythingAndRevertingRestores() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        repo.maintenance = ["mode: emergency-shutdown"]
        try workspace.commit("emergency shutdown", repo.files)
        let shutdown = try workspace.expect(0, ["apply"])
        #expect(shutdown.stdoutText.contains("emergency shutdown"))
        #expect(try workspace.reservedConcurrency("hello") == 0)
        #expect(try workspace.reservedConcurrency("greeter") == 0)
        let invoke = try workspace.plumb(["sim", "invoke", "hello:live", "--payload", "{}"])
        #expect(invoke.status != 0, "a shut-down function still answered: \(invoke.stdoutText)")
        #expect(try workspace.tags(arnSuffix: "stateMachine:flow")["plumb:emergency-shutdown"] == "true")

        try workspace.repo.git(["revert", "--no-edit", "HEAD"])
        try workspace.expect(0, ["apply"])
        #expect(try workspace.reservedConcurrency("hello") == nil)
        #expect(try workspace.reservedConcurrency("greeter") == 5)
        #expect(try workspace.tags(arnSuffix: "stateMachine:flow")["plumb:emergency-shutdown"] == nil)
        try workspace.expect(0, ["drift"])
    }

    @Test func freezeWindow_holdsChangesWhileOpenAndAppliesThemAfter() throws {
        var repo = MiniRepo()
        repo.maintenance = ["mode: normal", "freezeWindows: [{days: [sunday], start: \"02:00\", end: \"04:00\", timezone: UTC, reason: weekly window}]"]
        let workspace = try Workspace(repo.files)
        // Move the simulated clock to the next Sunday, 02:30 UTC.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let now = try workspace.clockNow()
        let sunday = try #require(calendar.nextDate(after: now, matching: DateComponents(hour: 2, minute: 30, weekday: 1), matchingPolicy: .nextTime))
        try workspace.expect(0, ["sim", "clock", "set", ISO8601DateFormatter().string(from: sunday)])

        let held = try workspace.expect(0, ["apply"])
        #expect(held.stdoutText.contains("held"))
        #expect(held.stdoutText.contains("weekly window"))
        #expect(try workspace.function("hello") == nil)
        #expect(try workspace.history().last?.outcome == "held")
        #expect(try workspace.expect(0, ["status"]).stdoutText.contains("held"))

        try workspace.expect(0, ["sim", "clock", "set", ISO8601DateFormatter().string(from: sunday.addingTimeInterval(2 * 3600))])
        let applied = try workspace.expect(0, ["apply"])
        #expect(applied.stdoutText.contains("Applied"))
        #expect(try workspace.liveVersion("hello") == "1")
        try workspace.expect(0, ["drift"])
    }

    @Test func blockedResource_isHeldWhileOthersDeploy() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        #expect(try workspace.liveVersion("hello") == "1")

        repo.maintenance = ["blocked: [hello]"]
        repo.helloMemory = 256
        repo.greeting = "blocked elsewhere"
        try workspace.commit("change both, hello blocked", repo.files)
        let partial = try workspace.expect(0, ["apply"])
        #expect(partial.stdoutText.contains("Function/hello: update held"))
        #expect(try workspace.liveVersion("greeter") == "2")
        #expect(try workspace.liveVersion("hello") == "1")
        let drift = try workspace.drift()
        #expect(drift.stdoutText.contains("hello"))
        #expect(drift.stdoutText.contains("held"))
    }
}
