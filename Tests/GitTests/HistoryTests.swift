import Git
import PlumbTesting
import Testing

@Suite struct HistoryTests {
    @Test func commit_carriesAuthorCommitterTimeOffsetAndMessage() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("f", "1\n")
        let id = try git.commit("Add f\n\nLonger body\nwith lines.", date: "2024-03-04T05:06:07+02:30")
        let commit = try scratch.open().commit(ObjectID.cli(id))
        #expect(commit.id.hex == id)
        #expect(commit.parents.isEmpty)
        #expect(commit.summary == "Add f")
        #expect(commit.message == "Add f\n\nLonger body\nwith lines.\n")
        #expect(commit.author.name == "Plumb Tester")
        #expect(commit.author.email == "tester@plumb.invalid")
        #expect(commit.committer.secondsSince1970 == 1_709_519_767)
        #expect(commit.committer.utcOffsetMinutes == 150)
        #expect(commit.committer.utcOffsetText == "+0230")
        #expect(commit.treeID == (try ObjectID.cli(git.revParse("HEAD^{tree}"))))
    }

    @Test func commit_ofMerge_hasTwoParentsInOrder() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("base", "b\n")
        try git.commit("base")
        try git.checkout("topic", create: true)
        try git.write("topic.txt", "t\n")
        let topic = try git.commit("topic")
        try git.checkout("main")
        try git.write("main.txt", "m\n")
        let main = try git.commit("main work")
        let merge = try git.merge("topic")
        let repo = try scratch.open()
        let commit = try repo.commit(ObjectID.cli(merge))
        #expect(commit.parents == [try ObjectID.cli(main), try ObjectID.cli(topic)])
        let log = try repo.firstParentLog(from: ObjectID.cli(merge))
        #expect(log.map(\.summary) == ["Merge topic", "main work", "base"])
        #expect(try repo.firstParentLog(from: ObjectID.cli(merge), limit: 2).count == 2)
        let snapshot = try repo.snapshot(of: commit.id)
        #expect(snapshot.entries.map(\.path) == ["base", "main.txt", "topic.txt"])
    }

    @Test func isAncestor_followsHistory() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("f", "1\n")
        let one = try ObjectID.cli(git.commit("one"))
        try git.write("f", "2\n")
        let two = try ObjectID.cli(git.commit("two"))
        try git.checkout("side", create: true)
        try git.resetHard(to: one.hex)
        try git.write("g", "x\n")
        let side = try ObjectID.cli(git.commit("side"))
        let repo = try scratch.open()
        #expect(try repo.isAncestor(one, of: two))
        #expect(try repo.isAncestor(two, of: two))
        #expect(try !repo.isAncestor(two, of: one))
        #expect(try !repo.isAncestor(two, of: side))
        #expect(try repo.isAncestor(one, of: side))
    }

    @Test func commit_missing_throwsNotFoundWithID() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("f", "1\n")
        try scratch.fixture.commit("one")
        let absent = try ObjectID.cli("0123456789abcdef0123456789abcdef01234567")
        let error = try #require(throws: GitError.self) { try scratch.open().commit(absent) }
        #expect(error.kind == .notFound)
        #expect(error.function == "git_commit_lookup")
        #expect(error.description.contains(absent.hex))
    }
}
