import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// The on-disk cache grows by appending the records a load parsed: the file is not rewritten
/// after a small commit, a torn last record is ignored, records no load uses any more are dropped
/// once they outweigh the used ones, and loaders writing at the same time lose nothing.
struct DiskCacheAppendTests {
    /// A repository of `count` functions, one file each, sharing the baseline's role and code.
    static func manyFunctions(_ count: Int, in directory: TemporaryDirectory) throws -> GitFixture {
        var content = RepositoryContent()
        for number in 0..<count { content.files["manifests/f\(number).yaml"] = function(number, memory: 256) }
        return try content.commit(in: directory)
    }

    /// A temporary folder holding a repository of `count` functions, and the repository opened.
    static func setUp(_ count: Int) throws -> (TemporaryDirectory, GitFixture, Repository) {
        let directory = try TemporaryDirectory()
        let fixture = try manyFunctions(count, in: directory)
        return (directory, fixture, try Repository.open(path: fixture.path))
    }

    static func function(_ number: Int, memory: Int) -> String {
        Baseline.function.replacingOccurrences(of: "name: hello", with: "name: f\(number)")
            .replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: \(memory)")
    }

    static func bytes(of file: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
    }

    @Test func oneFileCommit_appendsItsRecord_andLeavesTheRestOfTheFileAsItWas() throws {
        let (directory, fixture, repository) = try Self.setUp(6)
        let folder = directory.appending("cache")
        let file = folder + "/desired-state.bin"
        _ = try DesiredStateLoader(cacheFolder: folder).load(repository: repository)
        let before = try Self.bytes(of: file)

        try fixture.write("manifests/f3.yaml", Self.function(3, memory: 512))
        _ = try fixture.commit("f3 gets more memory")
        let second = DesiredStateLoader(cacheFolder: folder)
        DiskCacheTests.expectSame(try second.load(repository: repository), try DesiredStateLoader().load(repository: repository), "after the commit")
        let after = try Self.bytes(of: file)
        #expect(after.count > before.count, "the new record is added")
        #expect(Array(after.prefix(before.count)) == before, "the records already there are not rewritten")

        let third = DesiredStateLoader(cacheFolder: folder)
        DiskCacheTests.expectSame(try third.load(repository: repository), try DesiredStateLoader().load(repository: repository), "read back")
        #expect(third.cache.statistics.fromDisk == second.cache.statistics.fromDisk + 1, "the appended record is read back")
        #expect(try Self.bytes(of: file) == after, "a load that parsed nothing new writes nothing")
    }

    @Test func tornLastRecord_isIgnored_andDroppedByTheNextWrite() throws {
        let (directory, _, repository) = try Self.setUp(4)
        let folder = directory.appending("cache")
        let file = folder + "/desired-state.bin"
        let first = DesiredStateLoader(cacheFolder: folder)
        _ = try first.load(repository: repository)
        let clean = try Self.bytes(of: file)
        // What an append cut short leaves: the start of a record (its header and part of its body).
        let torn = clean + Array(clean[12..<40])
        try Data(torn).write(to: URL(fileURLWithPath: file))

        let loader = DesiredStateLoader(cacheFolder: folder)
        DiskCacheTests.expectSame(try loader.load(repository: repository), try DesiredStateLoader().load(repository: repository), "torn tail")
        let reread = DesiredStateLoader(cacheFolder: folder)
        _ = try reread.load(repository: repository)
        #expect(loader.cache.statistics.fromDisk == reread.cache.statistics.fromDisk, "every whole record before the torn one is read")
        #expect(loader.cache.statistics.fromDisk >= 4, "the functions' files come from disk")
        #expect(try Self.bytes(of: file) == clean, "the next write drops the torn record")
    }

    @Test func recordsNoLongerUsed_areDroppedOnceTheyOutweighTheUsedOnes() throws {
        let (directory, fixture, repository) = try Self.setUp(6)
        let folder = directory.appending("cache")
        let file = folder + "/desired-state.bin"
        _ = try DesiredStateLoader(cacheFolder: folder).load(repository: repository)
        let first = try Self.bytes(of: file)

        try fixture.write("manifests/f0.yaml", Self.function(0, memory: 512))
        _ = try fixture.commit("one file")
        _ = try DesiredStateLoader(cacheFolder: folder).load(repository: repository)
        #expect(try Self.bytes(of: file).count > first.count, "a few unused records are kept")

        for number in 1..<6 { try fixture.write("manifests/f\(number).yaml", Self.function(number, memory: 1024)) }
        _ = try fixture.commit("every other file")
        let loader = DesiredStateLoader(cacheFolder: folder)
        let result = try loader.load(repository: repository)
        DiskCacheTests.expectSame(result, try DesiredStateLoader().load(repository: repository), "after the rewrite")

        let freshFolder = directory.appending("fresh-cache")
        _ = try DesiredStateLoader(cacheFolder: freshFolder).load(repository: repository)
        #expect(try Self.bytes(of: file) == (try Self.bytes(of: freshFolder + "/desired-state.bin")),
                "the rewritten file holds exactly the records of the latest load, as a first load writes them")
    }

    @Test func oneLoader_readsBackTheRecordsItWrote_rewrittenAndAppended() throws {
        let directory = try TemporaryDirectory()
        // A path longer than 127 bytes: its length takes two bytes in a record.
        let longPath = "manifests/" + String(repeating: "deep-folder-", count: 11) + "/f0.yaml"
        var content = RepositoryContent()
        content.files[longPath] = Self.function(0, memory: 256)
        for number in 1..<6 { content.files["manifests/f\(number).yaml"] = Self.function(number, memory: 256) }
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let first = try fixture.revParse("HEAD")
        try fixture.write(longPath, Self.function(0, memory: 512))
        try fixture.write("manifests/iam.yaml", Baseline.iam + "# a comment, so that the load is not incremental\n")
        let second = try fixture.commit("f0 and the roles")

        let loader = DesiredStateLoader(cacheFolder: directory.appending("cache"))
        var fromDisk = loader.cache.statistics.fromDisk
        for (revision, label) in [(first, "first, written whole"), (second, "second, appended"), (first, "first again"), (second, "second again")] {
            let result = try loader.load(repository: repository, revision: revision)
            DiskCacheTests.expectSame(result, try DesiredStateLoader().load(repository: repository, revision: revision), label)
            if label.hasSuffix("again") {
                #expect(loader.cache.statistics.fromDisk == fromDisk + 1, "\(label): the version of f0 dropped from memory is read back from disk")
            }
            fromDisk = loader.cache.statistics.fromDisk
        }
        #expect(loader.cache.statistics.incrementalLoads == 0)
    }

    @Test func loadersAppendingAtTheSameTime_loseNoRecord() throws {
        let directory = try TemporaryDirectory()
        // Enough files that the records the other loaders add never outweigh those a loader uses
        // (which would make it rewrite the file, dropping records appended meanwhile).
        let fixture = try Self.manyFunctions(40, in: directory)
        let folder = directory.appending("cache")
        let base = DesiredStateLoader(cacheFolder: folder)
        _ = try base.load(repository: try Repository.open(path: fixture.path))
        let reread = DesiredStateLoader(cacheFolder: folder)
        _ = try reread.load(repository: try Repository.open(path: fixture.path))
        let everything = reread.cache.statistics.fromDisk
        // Commits that each differ from the first in one file: every loader appends one record.
        var commits: [String] = []
        for number in 0..<8 {
            try fixture.write("manifests/f\(number).yaml", Self.function(number, memory: 320 + 64 * number))
            commits.append(try fixture.commit("f\(number) changes"))
            try fixture.write("manifests/f\(number).yaml", Self.function(number, memory: 256))
            _ = try fixture.commit("f\(number) as before")
        }
        let failures = Failures()
        let revisions = commits
        DispatchQueue.concurrentPerform(iterations: revisions.count) { position in
            do {
                let repository = try Repository.open(path: fixture.path)
                _ = try DesiredStateLoader(cacheFolder: folder).load(repository: repository, revision: revisions[position])
            } catch {
                failures.record("\(error)")
            }
        }
        #expect(failures.messages.isEmpty)
        let repository = try Repository.open(path: fixture.path)
        for commit in commits {
            let loader = DesiredStateLoader(cacheFolder: folder)
            DiskCacheTests.expectSame(try loader.load(repository: repository, revision: commit),
                                      try DesiredStateLoader().load(repository: repository, revision: commit), "\(commit)")
            #expect(loader.cache.statistics.fromDisk == everything, "every cached file of \(commit) comes from disk")
        }
    }
}

/// Errors collected from several threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    func record(_ message: String) {
        lock.withLock { collected.append(message) }
    }

    var messages: [String] { lock.withLock { collected } }
}
