import Git
import PlumbTesting
import Testing

/// Files and folders looked up by path in a commit's tree agree with a snapshot of it.
@Suite struct PathLookupTests {
    @Test func filesAndFolders_byPath_matchTheSnapshot() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("deploy/README.md", "hello\n")
        try git.write("deploy/functions/app/app.py", "def handler(e, c):\n    return 1\n")
        try git.write("deploy/functions/app/run.sh", "#!/bin/sh\n")
        try git.setExecutable("deploy/functions/app/run.sh")
        try git.symlink("deploy/functions/latest", to: "app")
        let head = try ObjectID.cli(git.commit("content"))
        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: head, path: "deploy")

        let paths = ["README.md", "functions/app/run.sh", "functions/latest", "functions/app", "nothing/here", "README.md/below"]
        let found = try repo.files(at: paths, of: head, under: "deploy")
        #expect(Set(found.keys) == ["README.md", "functions/app/run.sh", "functions/latest"], "folders and missing paths are left out")
        for (path, entry) in found { #expect(entry == snapshot.entry(at: path), "\(path)") }
        #expect(try repo.files(at: ["deploy/README.md"], of: head)["deploy/README.md"]?.id == snapshot.entry(at: "README.md")?.id)

        #expect(try repo.folderID(at: "functions/app", of: head, under: "deploy") == snapshot.treeID(of: "functions/app"))
        #expect(try repo.folderID(at: "", of: head, under: "deploy") == snapshot.treeID)
        #expect(try repo.folderID(at: "functions/missing", of: head, under: "deploy") == nil)
        #expect(throws: GitError.self) { try repo.folderID(at: "README.md", of: head, under: "deploy") }
        #expect(throws: GitError.self) { try repo.files(at: ["../escape"], of: head) }
    }
}
