import Foundation
import PlumbTesting
import Spawn
import Testing

/// `plumb plan` after a commit loads only what the commit changed (from the digest the previous
/// plan left), and says exactly what a plan that reads everything says.
struct PlanEndToEndTests {
    static let timed = ["PLUMB_TIMINGS": "1"]

    @Test func planAfterACommit_loadsOnlyTheChange_andSaysWhatAWholePlanSays() throws {
        var repo = MiniRepo()
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        let first = try workspace.expect(0, ["plan"], environment: Self.timed)
        #expect(first.stderrText.contains("timing desired load"), "no digest yet: the whole commit is loaded")

        repo.helloMemory = 256
        let head = try workspace.commit("more memory", repo.files)
        let quick = try workspace.expect(2, ["plan"], environment: Self.timed)
        #expect(quick.stderrText.contains("timing desired changes since"), "\(quick.stderrText)")
        #expect(!quick.stderrText.contains("timing desired load"))
        #expect(quick.stdoutText.contains("memoryMB: 128 → 256"), "\(quick.stdoutText)")
        #expect(quick.stdoutText == (try workspace.expect(2, ["plan", "--full"])).stdoutText)
        for format in ["json", "markdown"] {
            let fromDigest = try workspace.expect(2, ["plan", "--output", format])
            #expect(fromDigest.stdoutText == (try workspace.expect(2, ["plan", "--full", "--output", format])).stdoutText, "\(format)")
        }
        let again = try workspace.expect(2, ["plan"], environment: Self.timed)
        #expect(again.stderrText.contains("timing desired changes since \(head.prefix(7))"), "the next plan starts from this commit's digest")

        // An out-of-band change to a resource the commit did not touch: the digest path cannot
        // vouch for it, so the whole commit is loaded and the change shows.
        try workspace.editSimulatedCloud(["UPDATE function SET reservedConcurrency = 1 WHERE name = 'greeter'"], importBack: true)
        let drifted = try workspace.expect(2, ["plan"], environment: Self.timed)
        #expect(drifted.stdoutText.contains("reservedConcurrency: 1 → 5"), "\(drifted.stdoutText)")
        #expect(drifted.stderrText.contains("timing desired load"))
        #expect(drifted.stdoutText == (try workspace.expect(2, ["plan", "--full"])).stdoutText)

        try workspace.expect(0, ["apply", "--self-heal"])
        let converged = try workspace.expect(0, ["plan"], environment: Self.timed)
        #expect(converged.stdoutText.contains("No changes"))
        #expect(converged.stderrText.contains("timing desired changes since"))
    }

    /// The executable's allocator is mimalloc (linked ahead of the C library, so it serves
    /// every allocation); a command that loads a commit has it ask for huge pages where the
    /// system has them, unless `PLUMB_LARGE_PAGES=0`; the plan is the same either way.
    @Test func mimallocServesThePlan_withHugePagesUnlessSwitchedOff() throws {
        let workspace = try Workspace(MiniRepo().files)
        let mode = (try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8)) ?? ""
        let asked = try workspace.expect(2, ["plan", "--full"], environment: Self.timed)
        let expected = mode.contains("[madvise]") || mode.contains("[always]")
            ? "huge pages asked for (the allocator's memory is marked for transparent huge pages)"
            : "huge pages not asked for (transparent huge pages are off here)"
        #expect(asked.stderrText.contains("timing allocator: mimalloc 2."), "\(asked.stderrText)")
        #expect(asked.stderrText.contains(expected), "\(asked.stderrText)")

        let off = try workspace.expect(2, ["plan", "--full"], environment: Self.timed.merging(["PLUMB_LARGE_PAGES": "0"]) { $1 })
        #expect(off.stderrText.contains("timing allocator: mimalloc 2."), "\(off.stderrText)")
        #expect(off.stderrText.contains("huge pages off (PLUMB_LARGE_PAGES=0)"), "\(off.stderrText)")
        #expect(asked.stdoutText == off.stdoutText)
        #expect(asked.stdoutText.contains("create Function/hello"), "\(asked.stdoutText)")
    }

    @Test func aCommitTheDigestPathDoesNotHandle_isPlannedWhole() throws {
        var repo = MiniRepo()
        repo.spare = true
        let workspace = try Workspace(repo.files)
        try workspace.expect(0, ["apply"])
        try workspace.expect(0, ["plan"])
        repo.spare = false
        repo.extraStatements = [#"{"Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*"}"#]
        try workspace.commit("drop spare, widen the policy", repo.files)
        let planned = try workspace.expect(2, ["plan"], environment: Self.timed)
        #expect(planned.stderrText.contains("timing desired load"))
        #expect(planned.stdoutText.contains("delete Function/spare"), "\(planned.stdoutText)")
        #expect(planned.stdoutText == (try workspace.expect(2, ["plan", "--full"])).stdoutText)

        // A manifest error is reported the same way, whichever path the plan would take.
        repo.helloMemory = 64
        try workspace.commit("too little memory", repo.files)
        let refused = try workspace.expect(1, ["plan"])
        #expect(refused.stderrText.contains("memoryMB"), "\(refused.stderrText)")
    }

    /// The environment is read while the desired state is checked; an Environment manifest the
    /// environment cannot be opened for is still refused by the check, with its diagnostic.
    @Test func anEnvironmentWithAnInvalidAccount_isRefusedByTheCheck() throws {
        var repo = MiniRepo()
        repo.environment = ["account: \"12345\"", "region: us-east-1"]
        let workspace = try Workspace(repo.files)
        let refused = try workspace.expect(1, ["plan"])
        #expect(refused.stderrText.contains("manifests/environment.yaml:"), "\(refused.stderrText)")
        #expect(refused.stderrText.contains("spec.account"), "\(refused.stderrText)")
        #expect(refused.stderrText.contains("nothing in the environment was changed"), "\(refused.stderrText)")
        #expect(!FileManager.default.fileExists(atPath: workspace.state + "/sim/cloud.sqlite"), "no environment is made for refused desired state")

        // With the environment in place, the same refusal.
        repo.environment = ["account: \"000000000000\"", "region: us-east-1"]
        try workspace.commit("valid account", repo.files)
        try workspace.expect(0, ["apply"])
        repo.environment = ["account: \"12345\"", "region: us-east-1"]
        try workspace.commit("invalid account again", repo.files)
        let again = try workspace.expect(1, ["plan"])
        #expect(again.stderrText.contains("spec.account"), "\(again.stderrText)")
    }
}
