import Foundation
import Testing
@testable import Controller

@Suite struct WebhookTests {
    let secret = Array("It's a Secret to Everybody".utf8)
    let body = Array("Hello, World!".utf8)

    @Test func githubSignature_matchesTheForgesDocumentedExample() {
        // The example of GitHub's webhook documentation ("Validating webhook deliveries").
        #expect(WebhookSignature.githubSignature(body: body, secret: secret)
                == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")
    }

    @Test func verify_acceptsRightSignaturesOfEachForge() {
        let github = WebhookSignature.githubSignature(body: body, secret: secret)
        #expect(WebhookSignature.verify(body: body, headers: ["x-hub-signature-256": github], secret: secret) == .valid)
        #expect(WebhookSignature.verify(body: body, headers: ["x-hub-signature-256": github.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256=")], secret: secret) == .valid)
        let gitea = WebhookSignature.giteaSignature(body: body, secret: secret)
        #expect(WebhookSignature.verify(body: body, headers: ["x-gitea-signature": gitea], secret: secret) == .valid)
        #expect(WebhookSignature.verify(body: body, headers: ["x-gitlab-token": "It's a Secret to Everybody"], secret: secret) == .valid)
    }

    @Test func verify_refusesWrongAndMissingSignatures() {
        let other = WebhookSignature.githubSignature(body: body, secret: Array("another".utf8))
        #expect(WebhookSignature.verify(body: body, headers: ["x-hub-signature-256": other], secret: secret) == .invalid)
        let tampered = Array("Hello, World?".utf8)
        let github = WebhookSignature.githubSignature(body: body, secret: secret)
        #expect(WebhookSignature.verify(body: tampered, headers: ["x-hub-signature-256": github], secret: secret) == .invalid)
        #expect(WebhookSignature.verify(body: body, headers: ["x-hub-signature-256": "sha1=abc"], secret: secret) == .invalid)
        #expect(WebhookSignature.verify(body: body, headers: ["x-hub-signature-256": "sha256=zz"], secret: secret) == .invalid)
        #expect(WebhookSignature.verify(body: body, headers: ["x-gitea-signature": String(github.dropFirst(7).dropLast())], secret: secret) == .invalid)
        #expect(WebhookSignature.verify(body: body, headers: ["x-gitlab-token": "It's a Secret"], secret: secret) == .invalid)
        #expect(WebhookSignature.verify(body: body, headers: ["content-type": "application/json"], secret: secret) == .missing)
    }

    @Test func pushEvent_fromGitHub_namesRepositoryBranchAndCommit() throws {
        let payload = """
            {"ref": "refs/heads/main", "before": "0000", "after": "4b2e7f0",
             "repository": {"full_name": "platform/deploy", "clone_url": "https://github.com/Platform/deploy.git",
                            "ssh_url": "git@github.com:Platform/deploy.git", "html_url": "https://github.com/Platform/deploy"}}
            """
        let event = try PushEvent.parse(Array(payload.utf8))
        #expect(event.branch == "main")
        #expect(event.after == "4b2e7f0")
        #expect(event.matches(SourceSpec(url: "git@github.com:platform/deploy", branch: "main")))
        #expect(event.matches(SourceSpec(url: "ssh://git@github.com:22/platform/deploy.git", branch: "main")))
        #expect(!event.matches(SourceSpec(url: "https://github.com/platform/deploy.git", branch: "release")))
        #expect(!event.matches(SourceSpec(url: "https://github.com/platform/other.git", branch: "main")))
    }

    @Test func pushEvent_fromGitLab_readsTheProjectAddresses() throws {
        let payload = """
            {"object_kind": "push", "ref": "refs/heads/main", "after": "da1560886d4f094c3e6c9ef40349f7d38b5d27d7",
             "project": {"git_http_url": "https://gitlab.example.com/platform/deploy.git", "git_ssh_url": "git@gitlab.example.com:platform/deploy.git"},
             "repository": {"url": "git@gitlab.example.com:platform/deploy.git"}}
            """
        let event = try PushEvent.parse(Array(payload.utf8))
        #expect(event.matches(SourceSpec(url: "https://gitlab.example.com/platform/deploy", branch: "main")))
        #expect(event.after == "da1560886d4f094c3e6c9ef40349f7d38b5d27d7")
    }

    @Test func pushEvent_forATag_hasNoBranch() throws {
        let event = try PushEvent.parse(Array(#"{"ref": "refs/tags/v1", "repository": {"clone_url": "https://h/o/r.git"}}"#.utf8))
        #expect(event.branch == nil)
        #expect(!event.matches(SourceSpec(url: "https://h/o/r.git", branch: "v1")))
    }

    @Test(arguments: ["{not json", "[1, 2]", ""])
    func pushEvent_fromMalformedBody_isRefused(body: String) {
        #expect(throws: PushEvent.Malformed.self) { try PushEvent.parse(Array(body.utf8)) }
    }

    @Test func repositoryURL_normalizesEveryForm() {
        #expect(RepositoryURL.normalize("https://GitHub.com/o/r.git/") == "github.com/o/r")
        #expect(RepositoryURL.normalize("git://127.0.0.1:9418/app.git") == "127.0.0.1/app")
        #expect(RepositoryURL.normalize("git@host:o/r") == "host/o/r")
        #expect(RepositoryURL.normalize("file:///srv/git/app.git") == "/srv/git/app")
        #expect(RepositoryURL.normalize("/srv/git/app.git/") == "/srv/git/app")
        #expect(RepositoryURL.isRemote("git@host:o/r"))
        #expect(!RepositoryURL.isRemote("../repo"))
    }
}
