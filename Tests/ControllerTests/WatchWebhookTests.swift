import Controller
import Foundation
import PlumbTesting
import Spawn
import Testing

/// Webhooks and metrics of a real `plumb watch` process.
@Suite(.serialized) struct WatchWebhookTests {
    static let secret = "webhook-test-secret"

    func payload(url: String, after: String, ref: String = "refs/heads/main") -> [UInt8] {
        Array("""
            {"ref": "\(ref)", "after": "\(after)", "repository": {"full_name": "app", "clone_url": "\(url)"}}
            """.utf8)
    }

    @Test func webhook_withRightWrongAndMissingSignatures_triggersOnlyWhenVerified() async throws {
        let setup = try WatchPollingTests.Setup(interval: "1h", secretVariable: "PLUMB_TEST_WEBHOOK_SECRET")
        try setup.repo.writeState(message: "hello")
        let first = try setup.repo.commitAndPush("first")
        let daemon = try setup.start(environment: ["PLUMB_TEST_WEBHOOK_SECRET": Self.secret])
        let ready = try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first && $0.activity == .idle }
        try setup.repo.writeState(message: "hello from a webhook")
        let second = try setup.repo.commitAndPush("second")
        let body = payload(url: setup.repo.url, after: second)

        let missing = try daemon.request("POST", "/hooks/git", headers: ["Content-Type": "application/json"], body: body)
        #expect(missing.status == 401)
        #expect(missing.text.contains("no signature"))
        let wrong = try daemon.request("POST", "/hooks/git", headers: [
            "X-Hub-Signature-256": WebhookSignature.githubSignature(body: body, secret: Array("not the secret".utf8))], body: body)
        #expect(wrong.status == 401)
        #expect(wrong.text.contains("does not match"))
        let wrongToken = try daemon.request("POST", "/hooks/git", headers: ["X-Gitlab-Token": "guess"], body: body)
        #expect(wrongToken.status == 401)
        let tooLarge = try daemon.request("POST", "/hooks/git", body: [UInt8](repeating: 0x20, count: (1 << 20) + 1))
        #expect(tooLarge.status == 413)
        let junk = Array("{\"ref\": ".utf8)
        let malformed = try daemon.request("POST", "/hooks/git", headers: [
            "X-Hub-Signature-256": WebhookSignature.githubSignature(body: junk, secret: Array(Self.secret.utf8))], body: junk)
        #expect(malformed.status == 400)
        #expect(try daemon.controller().passes == ready.passes)
        #expect(try daemon.controller().lastGoodCommit == first)

        let right = try daemon.request("POST", "/hooks/git", headers: [
            "X-GitHub-Event": "push", "X-Hub-Signature-256": WebhookSignature.githubSignature(body: body, secret: Array(Self.secret.utf8))], body: body)
        #expect(right.status == 202)
        #expect(right.text.contains(#""triggered":["test"]"#))
        try daemon.waitFor("the webhook's commit deployed") { $0.lastGoodCommit == second }

        try setup.repo.writeState(message: "hello from gitea")
        let third = try setup.repo.commitAndPush("third")
        let giteaBody = payload(url: setup.repo.url, after: third)
        let gitea = try daemon.request("POST", "/hooks/git", headers: [
            "X-Gitea-Event": "push", "X-Gitea-Signature": WebhookSignature.giteaSignature(body: giteaBody, secret: Array(Self.secret.utf8))], body: giteaBody)
        #expect(gitea.status == 202)
        try daemon.waitFor("the gitea webhook's commit deployed") { $0.lastGoodCommit == third }

        try setup.repo.writeState(message: "hello from gitlab")
        let fourth = try setup.repo.commitAndPush("fourth")
        let gitlabBody = Array("""
            {"object_kind": "push", "ref": "refs/heads/main", "after": "\(fourth)", "project": {"git_http_url": "\(setup.repo.url)"}}
            """.utf8)
        let gitlab = try daemon.request("POST", "/hooks/git", headers: ["X-Gitlab-Event": "Push Hook", "X-Gitlab-Token": Self.secret], body: gitlabBody)
        #expect(gitlab.status == 202)
        try daemon.waitFor("the gitlab webhook's commit deployed") { $0.lastGoodCommit == fourth }

        let otherBranch = payload(url: setup.repo.url, after: fourth, ref: "refs/heads/feature")
        let ignored = try daemon.request("POST", "/hooks/git", headers: [
            "X-Hub-Signature-256": WebhookSignature.githubSignature(body: otherBranch, secret: Array(Self.secret.utf8))], body: otherBranch)
        #expect(ignored.status == 202)
        #expect(ignored.text.contains(#""triggered":[]"#))
        let metrics = try daemon.request("GET", "/metrics").text
        #expect(metrics.contains(#"plumb_webhook_requests_total{status="401"} 3"#))
        #expect(try daemon.terminate() == 0)
    }

    @Test func endpoints_healthReadinessStatusAndMetrics_answerAndMetricsPassPromtool() async throws {
        let promtool = try AlertRulesTests.promtool()
        let setup = try WatchPollingTests.Setup(interval: "1h")
        try setup.repo.writeState(message: "hello")
        let first = try setup.repo.commitAndPush("first")
        let daemon = try setup.start()
        #expect(try daemon.request("GET", "/healthz").text == "ok\n")
        try daemon.waitFor("the first commit deployed") { $0.lastGoodCommit == first }
        let ready = try daemon.request("GET", "/readyz")
        #expect(ready.status == 200)
        let status = try daemon.status()
        #expect(status.pid == daemon.child.pid)
        #expect(status.controllers.first?.source.url == setup.repo.url)
        #expect(try await DaemonClient.status(stateDirectory: setup.state)?.controllers.first?.lastGoodCommit == first)

        let metrics = try daemon.request("GET", "/metrics")
        #expect(metrics.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        for name in [MetricName.deployments, MetricName.deploymentDuration + "_bucket", MetricName.rollbacks, MetricName.drifted, MetricName.held,
                     MetricName.lastSync, MetricName.fetchDuration + "_count", MetricName.fetchErrors, MetricName.reconcileErrors,
                     MetricName.invocations, MetricName.functionErrors] {
            #expect(metrics.text.contains(name), "missing \(name)")
        }
        #expect(metrics.text.contains(#"plumb_deployments_total{controller="test",environment="test",outcome="succeeded"} 1"#))
        let file = setup.directory.appending("metrics.txt")
        try metrics.text.write(toFile: file, atomically: true, encoding: .utf8)
        let check = try Spawn.run("/bin/sh", ["-c", "'\(promtool)' check metrics < '\(file)'"], timeout: 60)
        #expect(check.status == 0, "promtool check metrics: \(check.stdoutText)\(check.stderrText)")
        #expect(try daemon.terminate() == 0)
        #expect(try await DaemonClient.status(stateDirectory: setup.state) == nil)
    }
}
