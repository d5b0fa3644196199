import Foundation
import PlumbTesting
import Spawn
import Testing

/// Regions and API faults end to end: automatic and manual failover, throttling.
struct RegionEndToEndTests {
    static func repo() -> MiniRepo {
        var repo = MiniRepo()
        repo.environment = ["account: \"000000000000\"", "region: us-east-1", "backupRegion: us-west-2"]
        return repo
    }

    @Test func withoutEnv_theOnlyEnvironmentIsUsed_andSeveralMustBeChosen() throws {
        var repo = MiniRepo()
        repo.environment = ["account: \"123456789012\"", "region: eu-west-1"]
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        try workspace.expect(0, ["sim", "function", "greeter", "--account", "123456789012", "--region", "eu-west-1"])
        #expect(try workspace.function("greeter") == nil, "deployed to the environment's account and region, not the default ones")
        let plan = try workspace.expect(0, ["plan", "--output", "json"])
        #expect(plan.stdoutText.contains("123456789012") && plan.stdoutText.contains("eu-west-1"), "plan: \(plan.stdoutText.prefix(600))")

        var files = repo.files
        files["manifests/staging.yaml"] = "apiVersion: plumb.dev/v1\nkind: Environment\nmetadata: {name: staging}\nspec: {account: \"123456789012\", region: eu-central-1}\n"
        try workspace.commit("a second environment", files)
        let refused = try workspace.expect(1, ["plan"])
        #expect(refused.stderrText.contains("the repository declares 2 environments (prod, staging); choose one with --env"), "\(refused.stderrText)")
        try workspace.expect(0, ["plan", "--env", "prod"])
        try workspace.expect(2, ["plan", "--env", "staging"])
    }

    @Test func apply_whenPrimaryRegionIsDown_failsOverToTheBackupRegion() throws {
        var repo = Self.repo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        #expect(try workspace.liveVersion("hello") == "1")
        try workspace.expect(0, ["sim", "region", "down", "us-east-1"])

        repo.greeting = "from the backup region"
        try workspace.commit("change during the outage", repo.files)
        let failover = try workspace.expect(0, ["apply"])
        #expect(failover.stdoutText.contains("failing over to the backup region us-west-2"))
        #expect(try workspace.liveVersion("greeter", region: "us-west-2") == "1")
        let status = try workspace.expect(0, ["status"])
        #expect(status.stdoutText.contains("Region: us-west-2 (failed over from us-east-1)"))

        // Once the primary answers again, fail back by hand.
        try workspace.expect(0, ["sim", "region", "up", "us-east-1"])
        let back = try workspace.expect(0, ["failover", "--to", "us-east-1"])
        #expect(back.stdoutText.contains("us-east-1 is now the active region"))
        #expect(try workspace.liveVersion("greeter") == "2")
        try workspace.expect(0, ["drift"])
    }

    @Test func afterFailover_planDriftAndStatusFollowTheActiveRegion() throws {
        var repo = Self.repo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        let moved = try workspace.expect(0, ["failover", "--to", "us-west-2"])
        #expect(moved.stdoutText.contains("us-west-2 is now the active region"))
        // A commit applied after the failover goes to us-west-2; us-east-1 keeps the old greeting.
        repo.greeting = "from the active region"
        try workspace.commit("change after the failover", repo.files)
        try workspace.expect(0, ["apply"])
        #expect(try workspace.liveVersion("greeter", region: "us-west-2") == "2")
        #expect(try workspace.liveVersion("greeter") == "1")
        let plan = try workspace.expect(0, ["plan", "--output", "json"])
        #expect(plan.stdoutText.contains("us-west-2"), "plan: \(plan.stdoutText.prefix(600))")
        try workspace.expect(0, ["plan", "--full"])
        let drift = try workspace.expect(0, ["drift"])
        #expect(drift.stdoutText.contains("us-west-2"), "drift: \(drift.stdoutText)")
        let status = try workspace.expect(0, ["status"])
        #expect(status.stdoutText.contains("Region: us-west-2 (failed over from us-east-1)"))
        #expect(status.stdoutText.contains("Pending changes: 0"))
    }

    @Test func apply_withTwentyPercentOfCallsThrottled_converges() throws {
        var repo = Self.repo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["sim", "fault", "add", "throttle", "--rate", "0.2"])
        try workspace.expect(0, ["apply"])
        repo.helloBody = "return {\"throttled\": \"but fine\"}"
        repo.greeting = "still here"
        repo.flowComment = "changed under throttling"
        try workspace.commit("change under throttling", repo.files)
        try workspace.expect(0, ["apply"])
        try workspace.expect(0, ["sim", "fault", "remove", "--all"])
        try workspace.expect(0, ["drift"])
        #expect(try workspace.history().map(\.outcome) == ["succeeded", "succeeded"])
    }
}
