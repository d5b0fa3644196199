import CloudSim
import Controller
import Foundation
import PlumbTesting
import Reconcile
import Testing

/// A controller with `prune: false`: resources removed from git stay in the environment.
@Suite(.serialized) struct WatchPruneTests {
    static let spare = """
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: spare}
        spec:
          runtime: python3.11
          handler: app.handler
          code: functions/greeter
          role: greeter-role
        """

    @Test func watch_withPruneOff_keepsAFunctionRemovedFromGitAndReportsIt() async throws {
        let setup = try WatchPollingTests.Setup(prune: false)
        try setup.repo.writeState(message: "hello")
        try setup.repo.work.write("manifests/spare.yaml", Self.spare)
        let first = try setup.repo.commitAndPush("with a spare function")
        let daemon = try setup.start()
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first }
        try setup.repo.work.delete("manifests/spare.yaml")
        let second = try setup.repo.commitAndPush("without the spare function")
        let deployed = try daemon.waitFor("the second commit deployed") { $0.lastGoodCommit == second }
        #expect(deployed.lastAttempt?.message.contains("kept 1 managed resource") == true, "\(String(describing: deployed.lastAttempt))")
        #expect(deployed.lastAttempt?.message.contains("Function/spare") == true)
        // Later passes neither delete it nor count it as drift.
        let later = try daemon.waitFor("two more passes") { $0.passes >= deployed.passes + 2 }
        #expect(later.driftCount == 0)
        #expect(later.lastError == nil)
        let cloud = try SimCloud(stateDirectory: setup.state)
        let spare = try await cloud.provider().getFunction("spare", qualifier: nil)
        #expect(spare.configuration.functionName == "spare")
        await cloud.shutdown()
        #expect(try await setup.attempts().allSatisfy { $0.outcome == .succeeded })
        #expect(try daemon.terminate() == 0)
    }
}
