import Foundation
import Git
import PlumbTesting
import Testing

@Suite struct DirectoryTreeHasherTests {
    @Test func treeID_ofWorkingFolder_equalsCommittedTreeID() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("code/app.py", "def handler(event, context):\n    return {}\n")
        try git.write("code/run.sh", "#!/bin/sh\n")
        try git.setExecutable("code/run.sh")
        try git.symlink("code/link", to: "../elsewhere/not-there")
        try git.write("code/lib/util.py", "X = 1\n")
        try git.write("code/lib/nested/deeper/z.txt", "z\n")
        try git.write("code/a.b", "dot sorts before slash\n")
        try git.write("code/a/inner", "folder a sorts after a.b\n")
        try git.write("code/a-", "dash\n")
        try git.write("code/empty-file", "")
        try git.write("code/bin.dat", bytes: [0, 255, 0, 1])
        try git.makeFolder("code/empty/also-empty")
        try git.commit("code")

        let hashed = try DirectoryTreeHasher().treeID(ofDirectory: git.absolute("code"))
        #expect(hashed == (try ObjectID.cli(git.revParse("HEAD:code"))))
        let lib = try DirectoryTreeHasher().treeID(ofDirectory: git.absolute("code/lib/"))
        #expect(lib == (try ObjectID.cli(git.revParse("HEAD:code/lib"))))
    }

    @Test func treeID_changesWithExecutableBitAndSymlinkTarget() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("f/run", "x\n")
        try git.symlink("f/link", to: "run")
        let hasher = DirectoryTreeHasher()
        let before = try hasher.treeID(ofDirectory: git.absolute("f"))
        try git.setExecutable("f/run")
        let executable = try hasher.treeID(ofDirectory: git.absolute("f"))
        #expect(executable != before)
        try git.commit("exec")
        #expect(executable == (try ObjectID.cli(git.revParse("HEAD:f"))))
        try git.delete("f/link")
        try git.symlink("f/link", to: "elsewhere")
        let relinked = try hasher.treeID(ofDirectory: git.absolute("f"))
        #expect(relinked != executable)
        try git.commit("relink")
        #expect(relinked == (try ObjectID.cli(git.revParse("HEAD:f"))))
    }

    @Test func treeID_ofWholeWorkingTree_skipsDotGitAndMatchesHeadTree() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("one", "1\n")
        try git.write("two/three", "3\n")
        try git.commit("c")
        let hashed = try DirectoryTreeHasher().treeID(ofDirectory: git.path)
        #expect(hashed == (try ObjectID.cli(git.revParse("HEAD^{tree}"))))
    }

    @Test func treeID_ofFolderWithOnlyEmptyFolders_isTheEmptyTree() throws {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: directory.appending("a/b/c"), withIntermediateDirectories: true)
        #expect(try DirectoryTreeHasher().treeID(ofDirectory: directory.path) == ObjectID.emptyTree)
    }

    @Test func blobID_equalsGitHashObject() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("f", "some content\n")
        let expected = try scratch.fixture.git(["hash-object", "f"])
        #expect(try DirectoryTreeHasher.blobID(of: Array("some content\n".utf8)) == ObjectID.cli(expected))
    }

    @Test func treeID_ofMissingFolder_throwsFileSystemErrorNamingIt() throws {
        let directory = try TemporaryDirectory()
        let error = try #require(throws: GitError.self) {
            try DirectoryTreeHasher().treeID(ofDirectory: directory.appending("absent"))
        }
        #expect(error.kind == .fileSystem)
        #expect(error.function == "open")
        #expect(error.description.contains("absent"))
    }
}
