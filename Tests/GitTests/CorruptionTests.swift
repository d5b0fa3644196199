import Foundation
import Git
import PlumbTesting
import Testing

@Suite struct CorruptionTests {
    /// Overwrites the loose object `id` with `bytes` (loose objects are read-only files).
    private func overwrite(_ git: GitFixture, object id: String, with bytes: [UInt8]) throws {
        let file = git.absolute(".git/objects/\(id.prefix(2))/\(id.dropFirst(2))")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
    }

    @Test func corruptBlob_throwsCorruptWhenRead_notACrash() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("good.txt", "fine\n")
        try git.write("bad.txt", "will be damaged\n")
        try git.commit("one")
        let blob = try git.revParse("HEAD:bad.txt")
        try overwrite(git, object: blob, with: Array("this is not zlib data".utf8))
        let repo = try scratch.open()
        let snapshot = try repo.snapshot(of: repo.resolve("HEAD"))
        #expect(try snapshot.contents(of: "good.txt").text == "fine\n")
        let error = try #require(throws: GitError.self) { try snapshot.contents(of: "bad.txt") }
        #expect(error.kind == .corrupt)
        #expect(error.function == "git_blob_lookup")
        #expect(error.description.contains(blob))
        #expect(error.advice.contains("git fsck"))
    }

    @Test func corruptCommit_throwsCorruptWhenResolved() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("f", "x\n")
        let id = try git.commit("one")
        try overwrite(git, object: id, with: Array("garbage where a commit was".utf8))
        let repo = try scratch.open()
        let error = try #require(throws: GitError.self) { try repo.resolve("HEAD") }
        #expect(error.kind == .corrupt)
        #expect(error.description.contains("HEAD"))
        let direct = try #require(throws: GitError.self) { try repo.commit(ObjectID.cli(id)) }
        #expect(direct.kind == .corrupt)
        #expect(direct.function == "git_commit_lookup")
    }

    @Test func malformedCommitObject_throwsCorrupt() throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("f", "x\n")
        try git.commit("one")
        try git.write("bogus", "this is not a commit\n")
        let bogus = try git.git(["hash-object", "-t", "commit", "--literally", "-w", "bogus"])
        let repo = try scratch.open()
        let error = try #require(throws: GitError.self) { try repo.commit(ObjectID.cli(bogus)) }
        #expect(error.kind == .corrupt)
        #expect(error.description.contains(bogus))
    }

    /// Objects are not hashed again when read (see `Libgit2`): what catches damage is zlib's
    /// checksum of each object's data, so any change to the stored bytes is still an error.
    @Test(arguments: [0, 1, 2, 3])
    func damagedObjectData_failsZlibChecksum(fromEnd: Int) throws {
        let scratch = try Scratch()
        let git = scratch.fixture
        try git.write("a.txt", String(repeating: "some text that zlib compresses\n", count: 20))
        try git.commit("one")
        let a = try git.revParse("HEAD:a.txt")
        let file = git.absolute(".git/objects/\(a.prefix(2))/\(a.dropFirst(2))")
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
        // The last four bytes are the checksum, the ones before the compressed data.
        bytes[bytes.count - 1 - fromEnd * 3] ^= 0x01
        try overwrite(git, object: a, with: bytes)
        let repo = try scratch.open()
        let error = try #require(throws: GitError.self) { try repo.blob(ObjectID.cli(a)) }
        #expect(error.kind == .corrupt)
    }
}
