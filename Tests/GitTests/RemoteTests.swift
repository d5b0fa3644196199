import Foundation
import Git
import PlumbTesting
import Testing

@Suite struct RemoteTests {
    /// An upstream repository with one commit, pushed to a bare "server" repository.
    private struct Upstream {
        let directory: TemporaryDirectory
        let work: GitFixture
        let server: GitFixture
        let first: ObjectID

        init() throws {
            directory = try TemporaryDirectory(prefix: "plumb-remote")
            server = try GitFixture(path: directory.appending("served/app.git"), bare: true)
            work = try GitFixture(path: directory.appending("work"))
            try work.write("deploy/fn.yaml", "memory: 128\n")
            first = try ObjectID.cli(work.commit("first"))
            try work.addRemote(url: server.path)
            try work.push("origin", "main")
        }
    }

    @Test func clone_fromLocalPathAndFileURL_readsTheSameCommit() throws {
        let upstream = try Upstream()
        let byPath = try Repository.clone(url: upstream.server.path, to: upstream.directory.appending("c1"))
        #expect(try byPath.resolve("origin/main") == upstream.first)
        #expect(try byPath.resolve("HEAD") == upstream.first)
        #expect(!byPath.isBare)
        #expect(FileManager.default.fileExists(atPath: upstream.directory.appending("c1/deploy/fn.yaml")))

        let byURL = try Repository.clone(url: "file://" + upstream.server.path, to: upstream.directory.appending("c2"), bare: true)
        #expect(byURL.isBare)
        #expect(try byURL.resolve("origin/main") == upstream.first)
        let snapshot = try byURL.snapshot(of: byURL.resolve("origin/main"))
        #expect(try snapshot.contents(of: "deploy/fn.yaml").text == "memory: 128\n")
    }

    @Test func fetch_overGitDaemon_seesNewCommits() throws {
        let upstream = try Upstream()
        let daemon = try GitDaemon(serving: upstream.directory.appending("served"))
        defer { daemon.stop() }
        let url = daemon.url("app.git")
        let clone = try Repository.clone(url: url, to: upstream.directory.appending("mirror"), bare: true)
        #expect(try clone.resolve("origin/main") == upstream.first)

        try upstream.work.write("deploy/fn.yaml", "memory: 256\n")
        let second = try ObjectID.cli(upstream.work.commit("second"))
        try upstream.work.push("origin", "main")
        let stats = try clone.fetch(remote: "origin")
        #expect(stats.receivedObjects > 0)
        #expect(try clone.resolve("origin/main") == second)
        #expect(try clone.changedPaths(from: upstream.first, to: second).map(\.description) == ["M deploy/fn.yaml"])
        #expect(try clone.isAncestor(upstream.first, of: second))
    }

    @Test func fetch_byURLWithRefspec_updatesTheNamedRef() throws {
        let upstream = try Upstream()
        let daemon = try GitDaemon(serving: upstream.directory.appending("served"))
        defer { daemon.stop() }
        let local = try GitFixture(path: upstream.directory.appending("local"), bare: true)
        let repo = try Repository.open(path: local.path)
        try repo.fetch(url: daemon.url("app.git"), refspecs: ["+refs/heads/main:refs/remotes/upstream/main"])
        #expect(try repo.resolve("upstream/main") == upstream.first)
    }

    @Test func fetch_afterForcePush_detectsRewrittenHistory() throws {
        let upstream = try Upstream()
        try upstream.work.write("deploy/fn.yaml", "memory: 512\n")
        let deployed = try ObjectID.cli(upstream.work.commit("deployed"))
        try upstream.work.push("origin", "main")
        let daemon = try GitDaemon(serving: upstream.directory.appending("served"))
        defer { daemon.stop() }
        let mirror = try Repository.clone(url: daemon.url("app.git"), to: upstream.directory.appending("mirror"), bare: true)
        #expect(try mirror.resolve("origin/main") == deployed)

        try upstream.work.resetHard(to: upstream.first.hex)
        try upstream.work.write("deploy/fn.yaml", "memory: 1024\n")
        let rewritten = try ObjectID.cli(upstream.work.commit("rewritten"))
        try upstream.work.push("origin", "main", force: true)

        try mirror.fetch()
        let head = try mirror.resolve("origin/main")
        #expect(head == rewritten)
        #expect(try !mirror.isAncestor(deployed, of: head), "the deployed commit left the branch's history")
        #expect(try mirror.isAncestor(upstream.first, of: head))
        #expect(try mirror.commit(deployed).summary == "deployed", "the old commit is still readable locally")
    }

    @Test func fetch_prunesDeletedRemoteBranches() throws {
        let upstream = try Upstream()
        try upstream.work.branch("temporary")
        try upstream.work.push("origin", "temporary")
        let mirror = try Repository.clone(url: upstream.server.path, to: upstream.directory.appending("mirror"), bare: true)
        #expect(try mirror.resolve("origin/temporary") == upstream.first)
        try upstream.work.git(["push", "-q", "origin", "--delete", "temporary"])
        try mirror.fetch()
        let error = try #require(throws: GitError.self) { try mirror.resolve("origin/temporary") }
        #expect(error.kind == .notFound)
    }

    @Test func clone_fromUnreachableDaemonPort_throwsNetworkError() throws {
        let directory = try TemporaryDirectory()
        let port = try GitDaemon.freeLoopbackPort()
        let error = try #require(throws: GitError.self) {
            try Repository.clone(url: "git://127.0.0.1:\(port)/nothing.git", to: directory.appending("c"))
        }
        #expect(error.kind == .network)
        #expect(error.function == "git_clone")
        #expect(error.description.contains("127.0.0.1:\(port)"))
    }

    @Test func clone_ofMissingRepositoryOnDaemon_throwsAndNamesTheURL() throws {
        let upstream = try Upstream()
        let daemon = try GitDaemon(serving: upstream.directory.appending("served"))
        defer { daemon.stop() }
        let error = try #require(throws: GitError.self) {
            try Repository.clone(url: daemon.url("missing.git"), to: upstream.directory.appending("c"))
        }
        #expect(error.description.contains("missing.git"))
    }

    @Test func fetch_unknownRemote_throwsNotFoundWithAdvice() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("f", "1\n")
        try scratch.fixture.commit("one")
        let error = try #require(throws: GitError.self) { try scratch.open().fetch(remote: "upstream") }
        #expect(error.kind == .notFound)
        #expect(error.advice.contains("git remote add upstream"))
    }

    @Test func gitDaemon_stop_freesThePort() throws {
        let directory = try TemporaryDirectory()
        let daemon = try GitDaemon(serving: directory.path)
        let port = daemon.port
        daemon.stop()
        let error = try #require(throws: GitError.self) {
            try Repository.clone(url: "git://127.0.0.1:\(port)/x.git", to: directory.appending("c"))
        }
        #expect(error.kind == .network)
    }

    @Test func clone_overHTTPSAndSSH_toClosedPorts_failsAsNetworkErrors() throws {
        // Shows the system libgit2 has both transports: a missing one fails as "unsupported URL protocol".
        let directory = try TemporaryDirectory()
        let port = try GitDaemon.freeLoopbackPort()
        for url in ["https://127.0.0.1:\(port)/repo.git", "ssh://git@127.0.0.1:\(port)/repo.git"] {
            let error = try #require(throws: GitError.self) {
                try Repository.clone(url: url, to: directory.appending("c-\(url.prefix(3))"))
            }
            #expect(error.kind == .network, "\(url): \(error)")
            #expect(!error.description.contains("unsupported URL protocol"))
        }
    }
}
