import Git
import PlumbTesting
import Testing

@Suite struct ChangedPathsTests {
    /// A repository with a base commit holding a few nested files.
    private func base() throws -> (Scratch, Repository, ObjectID) {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("functions/a/app.py", "a\n")
        try git.write("functions/a/fn.yaml", "name: a\n")
        try git.write("functions/b/fn.yaml", "name: b\n")
        try git.write("iam/role.yaml", "role\n")
        try git.write("tool.sh", "#!/bin/sh\n")
        try git.write("README.md", "docs\n")
        let first = try git.commit("base")
        return (scratch, try scratch.open(), try ObjectID.cli(first))
    }

    @Test func changedPaths_editAddDelete_areListedInPathOrderWithBlobIDs() throws {
        let (scratch, repo, first) = try base()
        let git = scratch.fixture
        try git.write("functions/a/fn.yaml", "name: a\nmemory: 512\n")
        try git.write("functions/c/fn.yaml", "name: c\n")
        try git.delete("iam/role.yaml")
        let second = try ObjectID.cli(git.commit("edit"))
        let changes = try repo.changedPaths(from: first, to: second)
        #expect(changes.map(\.description) == ["M functions/a/fn.yaml", "A functions/c/fn.yaml", "D iam/role.yaml"])
        let modified = try #require(changes.first)
        #expect(modified.oldID == (try ObjectID.cli(git.revParse("HEAD~1:functions/a/fn.yaml"))))
        #expect(modified.newID == (try ObjectID.cli(git.revParse("HEAD:functions/a/fn.yaml"))))
        #expect(changes[1].oldID == nil && changes[1].newMode == .file)
        #expect(changes[2].newID == nil && changes[2].oldMode == .file)
    }

    @Test func changedPaths_matchGitDiffNameStatus() throws {
        let (scratch, repo, first) = try base()
        let git = scratch.fixture
        try git.rename("functions/b/fn.yaml", to: "functions/b2/fn.yaml")
        try git.write("functions/a/app.py", "changed\n")
        try git.write("deep/x/y/z.txt", "new\n")
        try git.delete("README.md")
        let second = try git.commit("mix")
        let changes = try repo.changedPaths(from: first, to: ObjectID.cli(second))
        let cli = try git.git(["diff", "--no-renames", "--name-status", first.hex, second])
            .split(separator: "\n").map { $0.replacingOccurrences(of: "\t", with: " ") }
        #expect(changes.map(\.description) == cli)
        #expect(changes.contains(Change(kind: .deleted, path: "functions/b/fn.yaml",
                                        oldID: try ObjectID.cli(git.revParse("\(first.hex):functions/b/fn.yaml")),
                                        newID: nil, oldMode: .file, newMode: nil)))
    }

    @Test func changedPaths_modeAndTypeChanges() throws {
        let (scratch, repo, first) = try base()
        let git = scratch.fixture
        try git.setExecutable("tool.sh")
        try git.delete("README.md")
        try git.symlink("README.md", to: "docs/index.md")
        let second = try ObjectID.cli(git.commit("modes"))
        let changes = try repo.changedPaths(from: first, to: second)
        #expect(changes.map(\.description) == ["T README.md", "M tool.sh"])
        #expect(changes.last?.oldMode == .file && changes.last?.newMode == .executable)
        #expect(changes.last?.oldID == changes.last?.newID, "only the mode changed")
        #expect(changes.first?.newMode == .symlink)
    }

    @Test func changedPaths_fileReplacedByFolder_isDeletePlusAdds() throws {
        let (scratch, repo, first) = try base()
        let git = scratch.fixture
        try git.delete("tool.sh")
        try git.write("tool.sh/inner.txt", "now a folder\n")
        let second = try ObjectID.cli(git.commit("file to folder"))
        let changes = try repo.changedPaths(from: first, to: second)
        #expect(Set(changes.map(\.description)) == ["D tool.sh", "A tool.sh/inner.txt"])
        let back = try repo.changedPaths(from: second, to: first)
        #expect(Set(back.map(\.description)) == ["A tool.sh", "D tool.sh/inner.txt"])
    }

    @Test func changedPaths_underFolder_areRelativeToIt() throws {
        let (scratch, repo, first) = try base()
        let git = scratch.fixture
        try git.write("functions/b/fn.yaml", "name: b\nmemory: 1\n")
        try git.write("iam/other.yaml", "x\n")
        let second = try ObjectID.cli(git.commit("two areas"))
        #expect(try repo.changedPaths(from: first, to: second, under: "functions").map(\.description) == ["M b/fn.yaml"])
        #expect(try repo.changedPaths(from: first, to: second, under: "iam/").map(\.description) == ["A other.yaml"])
        #expect(try repo.changedPaths(from: first, to: second, under: "missing").isEmpty)
    }

    @Test func changedPaths_underFolderCreatedLater_listsAllItsFilesAsAdded() throws {
        let (scratch, repo, first) = try base()
        let git = scratch.fixture
        try git.write("envs/prod/env.yaml", "p\n")
        try git.write("envs/dev/env.yaml", "d\n")
        let second = try ObjectID.cli(git.commit("envs"))
        #expect(try repo.changedPaths(from: first, to: second, under: "envs").map(\.description)
                == ["A dev/env.yaml", "A prod/env.yaml"])
    }

    @Test func changedPaths_sameCommitOrUnchangedTree_isEmpty() throws {
        let (scratch, repo, first) = try base()
        let empty = try ObjectID.cli(scratch.fixture.commit("nothing", allowEmpty: true))
        #expect(try repo.changedPaths(from: first, to: first).isEmpty)
        #expect(try repo.changedPaths(from: first, to: empty).isEmpty)
    }

    @Test func changedPaths_missingCommit_throwsNotFound() throws {
        let (scratch, repo, first) = try base()
        defer { withExtendedLifetime(scratch) {} }
        let absent = try ObjectID.cli(String(repeating: "ab", count: 20))
        let error = try #require(throws: GitError.self) { try repo.changedPaths(from: first, to: absent) }
        #expect(error.kind == .notFound)
        #expect(error.description.contains(absent.hex))
    }
}
