import Controller
import Foundation
import PlumbTesting
import Spawn
import Testing

/// The example controllers of controllers/ on the example desired state of desired-state/.
@Suite(.serialized) struct ExampleControllersTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test func exampleControllers_productionAndDisasterRecoveryInOneAccount_bothConverge() throws {
        let directory = try TemporaryDirectory(prefix: "plumb-watch-example")
        let repo = try GitFixture(path: directory.appending("repo"))
        let copy = try Spawn.run("/bin/cp", ["-R", Self.root + "/desired-state", repo.path + "/desired-state"], timeout: 60)
        try #require(copy.status == 0, "cp: \(copy.stderrText)")
        let commit = try repo.commit("the example system")
        let folder = directory.appending("controllers")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["production", "disaster-recovery"] {
            let text = try String(contentsOfFile: "\(Self.root)/controllers/\(name).yaml", encoding: .utf8)
                .replacingOccurrences(of: "url: ..\n", with: "url: ../repo\n")
                .replacingOccurrences(of: "stateDirectory: ../.plumb\n", with: "stateDirectory: ../state\n")
            try text.write(toFile: "\(folder)/\(name).yaml", atomically: true, encoding: .utf8)
        }
        let daemon = try WatchProcess(controllerFile: folder, stateDirectory: directory.appending("state"), logPath: directory.appending("watch.log"),
                                      environment: ["PLUMB_WEBHOOK_SECRET": "example-secret"])
        let deadline = Date().addingTimeInterval(180)
        var status = try daemon.status()
        while Date() < deadline, !status.controllers.allSatisfy({ $0.lastGoodCommit == commit || !$0.failedCommits.isEmpty }) {
            usleep(200_000)
            status = try daemon.status()
        }
        #expect(status.controllers.map(\.name) == ["disaster-recovery", "production"])
        for controller in status.controllers {
            #expect(controller.lastGoodCommit == commit, "\(controller.name): \(String(describing: controller.lastError))")
            #expect(controller.failedCommits.isEmpty)
        }
        #expect(status.controllers.first { $0.name == "production" }?.region == "us-east-1")
        #expect(status.controllers.first { $0.name == "disaster-recovery" }?.region == "us-west-2")
        #expect(try daemon.terminate() == 0)
    }
}
