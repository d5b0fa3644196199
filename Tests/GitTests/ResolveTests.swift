import Git
import PlumbTesting
import Testing

@Suite struct ResolveTests {
    @Test func resolve_branchesTagsAndRelativeSpecs_matchTheGitCLI() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("a.txt", "one\n")
        let first = try git.commit("first")
        try git.write("a.txt", "two\n")
        let second = try git.commit("second")
        try git.tag("v1", at: first, message: "release one")
        try git.tag("light", at: second)
        try git.checkout("feature", create: true)
        try git.write("b.txt", "feature\n")
        let feature = try git.commit("feature work")
        try git.checkout("main")

        let repo = try scratch.open()
        #expect(try repo.resolve("main") == ObjectID.cli(second))
        #expect(try repo.resolve("HEAD") == ObjectID.cli(second))
        #expect(try repo.resolve("HEAD~1") == ObjectID.cli(first))
        #expect(try repo.resolve("main^") == ObjectID.cli(first))
        #expect(try repo.resolve("feature") == ObjectID.cli(feature))
        #expect(try repo.resolve("refs/heads/feature") == ObjectID.cli(feature))
        #expect(try repo.resolve("v1") == ObjectID.cli(first), "an annotated tag peels to its commit")
        #expect(try repo.resolve("light") == ObjectID.cli(second))
        #expect(try repo.resolve(first) == ObjectID.cli(first))
        #expect(try repo.resolve(String(first.prefix(8))) == ObjectID.cli(first))
    }

    @Test func resolve_remoteTrackingBranch_afterCLIFetch() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("f", "x\n")
        let head = try scratch.fixture.commit("one")
        let clone = try GitFixture.clone(scratch.fixture.path, to: scratch.directory.appending("clone"))
        let repo = try Repository.open(path: clone.path)
        #expect(try repo.resolve("origin/main") == ObjectID.cli(head))
        #expect(try repo.resolve("refs/remotes/origin/main") == ObjectID.cli(head))
    }

    @Test func resolve_missingName_throwsNotFoundNamingTheSpec() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("f", "x\n")
        try scratch.fixture.commit("one")
        let repo = try scratch.open()
        let error = try #require(throws: GitError.self) { try repo.resolve("no-such-branch") }
        #expect(error.kind == .notFound)
        #expect(error.function == "git_revparse_single")
        #expect(error.description.contains("no-such-branch"))
        let tooFar = try #require(throws: GitError.self) { try repo.resolve("HEAD~5") }
        #expect(tooFar.kind == .notFound)
    }

    @Test func resolve_inEmptyRepository_throwsEmptyRepository() throws {
        let scratch = try Scratch()
        let repo = try scratch.open()
        #expect(repo.isEmpty)
        for spec in ["HEAD", "main", "HEAD~1"] {
            let error = try #require(throws: GitError.self) { try repo.resolve(spec) }
            #expect(error.kind == .emptyRepository, "spec \(spec)")
            #expect(error.description.contains("no commits"))
        }
    }

    @Test func resolve_treeSpec_throwsNotACommit() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("dir/f", "x\n")
        try scratch.fixture.commit("one")
        let repo = try scratch.open()
        let error = try #require(throws: GitError.self) { try repo.resolve("HEAD:dir") }
        #expect(error.kind == .notACommit)
    }

    @Test func resolve_ambiguousShortID_throwsAmbiguous() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        // 1,500 blobs: two of them almost surely share their first four hex digits (birthday bound).
        var paths: [String] = []
        for index in 0..<1500 {
            try git.write("blobs/\(index)", "\(index)\n")
            paths.append("blobs/\(index)")
        }
        let ids = try git.git(["hash-object", "-w"] + paths).split(separator: "\n").map(String.init)
        var seen: Set<String> = []
        var clash: String?
        for id in ids where clash == nil {
            let prefix = String(id.prefix(4))
            if seen.contains(prefix) { clash = prefix }
            seen.insert(prefix)
        }
        let prefix = try #require(clash)
        try git.write("f", "x\n")
        try git.commit("one")
        let repo = try scratch.open()
        let error = try #require(throws: GitError.self) { try repo.resolve(prefix) }
        #expect(error.kind == .ambiguous)
        #expect(error.advice.contains("more characters"))
    }

    @Test func open_missingFolder_throwsWithPathAndAdvice() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: GitError.self) { try Repository.open(path: directory.appending("nothing")) }
        #expect(error.kind == .notFound)
        #expect(error.description.contains(directory.appending("nothing")))
    }
}
