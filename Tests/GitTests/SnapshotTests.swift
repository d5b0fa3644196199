import Git
import PlumbTesting
import Testing

@Suite struct SnapshotTests {
    @Test func snapshot_listsFilesModesAndContents_withoutCheckout() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("README.md", "hello\n")
        try git.write("functions/deployer/app.py", "def handler(e, c):\n    return 1\n")
        try git.write("functions/deployer/run.sh", "#!/bin/sh\necho hi\n")
        try git.setExecutable("functions/deployer/run.sh")
        try git.symlink("functions/latest", to: "deployer")
        try git.write("a/b/c/d/deep.yaml", "kind: Deep\n")
        let binary: [UInt8] = [0, 1, 2, 255, 254, 0, 10, 13]
        try git.write("bin/data.bin", bytes: binary)
        let head = try git.commit("content")

        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: ObjectID.cli(head))
        #expect(snapshot.entries.map(\.path) == [
            "README.md", "a/b/c/d/deep.yaml", "bin/data.bin",
            "functions/deployer/app.py", "functions/deployer/run.sh", "functions/latest",
        ])
        #expect(snapshot.entry(at: "README.md")?.mode == .file)
        #expect(snapshot.entry(at: "functions/deployer/run.sh")?.mode == .executable)
        #expect(snapshot.entry(at: "functions/latest")?.mode == .symlink)
        #expect(try snapshot.contents(of: "functions/latest").text == "deployer", "a symlink reads as its target text")
        #expect(try snapshot.contents(of: "bin/data.bin") == binary)
        #expect(try snapshot.contents(of: "a/b/c/d/deep.yaml").text == "kind: Deep\n")
        let blobID = try #require(snapshot.entry(at: "README.md")?.id)
        #expect(blobID == (try ObjectID.cli(git.revParse("HEAD:README.md"))))
        #expect(try snapshot.blob(blobID).text == "hello\n")
        #expect(snapshot.treeID == (try ObjectID.cli(git.revParse("HEAD^{tree}"))))
    }

    @Test func snapshot_treeIDOfEveryFolder_matchesGitRevParse() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("x/y/z/file", "1\n")
        try git.write("x/y/other", "2\n")
        try git.write("x/top", "3\n")
        try git.write("w.txt", "4\n")
        try git.commit("tree")
        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: repo.resolve("HEAD"))
        #expect(Set(snapshot.folders.keys) == ["x", "x/y", "x/y/z"])
        let spellings = [("x", "x"), ("x/y", "x/y"), ("x/y/z", "x/y/z"), ("x/y/", "x/y"), ("./x", "x")]
        for (folder, canonical) in spellings {
            let expected = try ObjectID.cli(git.revParse("HEAD:\(canonical)"))
            #expect(snapshot.treeID(of: folder) == expected, "folder \(folder)")
        }
        #expect(snapshot.treeID(of: "") == snapshot.treeID)
        #expect(snapshot.treeID(of: "missing") == nil)
        #expect(snapshot.treeID(of: "w.txt") == nil, "a file has no tree id")
    }

    @Test func snapshot_ofSubPath_hasPathsRelativeToIt() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("deploy/prod/fn.yaml", "a\n")
        try git.write("deploy/prod/code/app.py", "b\n")
        try git.write("deploy/dev/fn.yaml", "c\n")
        try git.write("other.txt", "d\n")
        try git.commit("layout")
        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: repo.resolve("main"), path: "/deploy/prod/")
        #expect(snapshot.root == "deploy/prod")
        #expect(snapshot.entries.map(\.path) == ["code/app.py", "fn.yaml"])
        #expect(try snapshot.contents(of: "fn.yaml").text == "a\n")
        #expect(snapshot.treeID == (try ObjectID.cli(git.revParse("HEAD:deploy/prod"))))
        #expect(snapshot.treeID(of: "code") == (try ObjectID.cli(git.revParse("HEAD:deploy/prod/code"))))
    }

    @Test func snapshot_ofMissingOrFilePath_throwsClearly() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("deploy/fn.yaml", "a\n")
        try scratch.fixture.commit("one")
        let repo = try scratch.open()
        let head = try repo.resolve("HEAD")
        let missing = try #require(throws: GitError.self) { try repo.snapshot(of: head, path: "nope") }
        #expect(missing.kind == .notFound)
        #expect(missing.description.contains("'nope'"))
        let file = try #require(throws: GitError.self) { try repo.snapshot(of: head, path: "deploy/fn.yaml") }
        #expect(file.kind == .invalidInput)
        let escape = try #require(throws: GitError.self) { try repo.snapshot(of: head, path: "../x") }
        #expect(escape.kind == .invalidInput)
    }

    @Test func contents_ofFolderOrMissingFile_throwsNotFound() throws {
        let scratch = try Scratch()
        try scratch.fixture.write("deploy/fn.yaml", "a\n")
        try scratch.fixture.commit("one")
        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: repo.resolve("HEAD"))
        let folder = try #require(throws: GitError.self) { try snapshot.contents(of: "deploy") }
        #expect(folder.kind == .notFound)
        #expect(folder.description.contains("a folder"))
        let missing = try #require(throws: GitError.self) { try snapshot.contents(of: "deploy/other.yaml") }
        #expect(missing.kind == .notFound)
    }

    @Test func forEachFile_visitsMatchingFilesWithTheirBytes() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("m/a.yaml", "a: 1\n")
        try git.write("m/b.json", "{}\n")
        try git.write("m/c.py", "print(1)\n")
        try git.write("empty.yaml", "")
        try git.commit("files")
        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: repo.resolve("HEAD"))
        var seen: [String: String] = [:]
        try snapshot.forEachFile(matching: { $0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".json") }) { entry, bytes in
            seen[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        #expect(seen == ["empty.yaml": "", "m/a.yaml": "a: 1\n", "m/b.json": "{}\n"])
    }

    @Test func snapshot_submoduleEntry_isListedButNotReadable() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("app.yaml", "a\n")
        let pinned = try git.commit("one")
        // A gitlink entry, as `git submodule add` records it, pinned to some commit id.
        try git.git(["update-index", "--add", "--cacheinfo", "160000,\(pinned),vendor/lib"])
        try git.git(["commit", "-q", "-m", "add submodule"])
        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: repo.resolve("HEAD"))
        let entry = try #require(snapshot.entry(at: "vendor/lib"))
        #expect(entry.mode == .submodule)
        #expect(entry.id == (try ObjectID.cli(pinned)))
        let error = try #require(throws: GitError.self) { try snapshot.contents(of: "vendor/lib") }
        #expect(error.description.contains("submodule"))
        var visited: [String] = []
        try snapshot.forEachFile { entry, _ in visited.append(entry.path) }
        #expect(visited == ["app.yaml"])
    }
}
