import ArgumentParser
import Foundation
import Git
import YAML

/// Exercises every path of the `Git` and `YAML` wrappers that owns C memory, including their
/// error paths, so that `scripts/check-memory` can run it under valgrind and require zero leaks.
@main
struct MemoryCheck: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plumb-memcheck", abstract: "Exercises the Git and YAML wrappers for scripts/check-memory (run under valgrind).")

    @Argument(help: "A repository with at least two commits, a tag and a working tree.") var repo: String
    @Argument(help: "An empty folder to clone into.") var scratch: String

    private struct Sample: Decodable {
        var name: String
        var memoryMB: Int
        var tags: [String: String]
        var base: [String: String]?
    }

    func run() throws {
        var failures = 0
        func expectFailure(_ what: String, _ body: () throws -> Void) {
            do {
                try body()
                print("memcheck: \(what) unexpectedly succeeded")
                failures += 1
            } catch {}
        }

        // Git: open, resolve, history, snapshots, blobs, changes, hashing, clone and fetch.
        let repository = try Repository.open(path: repo)
        let head = try repository.resolve("HEAD")
        let previous = try repository.resolve("HEAD~1")
        _ = try repository.commit(head)
        _ = try repository.isAncestor(previous, of: head)
        _ = try repository.firstParentLog(from: head)
        let snapshot = try repository.snapshot(of: head)
        try snapshot.forEachFile { _, _ in }
        for entry in snapshot.entries { _ = try snapshot.contents(of: entry) }
        _ = try repository.changedPaths(from: previous, to: head)
        let paths = snapshot.entries.prefix(20).map(\.path) + ["no/such/file"]
        _ = try repository.files(at: paths, of: head)
        for folder in Set(paths.map { ($0 as NSString).deletingLastPathComponent }) { _ = try? repository.folderID(at: folder, of: head) }
        let reader = BlobReader(repository, maxHandles: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for entry in snapshot.entries.prefix(20) where entry.mode != .submodule { _ = try? reader.withBlob(entry.id) { $0.count + worker } }
        }
        if let workingDirectory = repository.workingDirectory {
            _ = try DirectoryTreeHasher().treeID(ofDirectory: workingDirectory)
        }
        let clone = try Repository.clone(url: "file://" + repository.gitDirectory, to: scratch + "/clone")
        _ = try clone.fetch()
        expectFailure("resolving a missing ref") { _ = try repository.resolve("no-such-branch") }
        expectFailure("opening a missing repository") { _ = try Repository.open(path: scratch + "/missing") }
        expectFailure("reading a missing path") { _ = try snapshot.contents(of: "no/such/file") }

        // YAML: documents, aliases, JSON, decoding, and each kind of error.
        let good = """
            name: a
            memoryMB: 512
            tags: &t {team: x}
            ---
            name: b
            memoryMB: 128
            base: &u {team: y}
            tags: *u
            """
        for document in try YAMLParser.parse(good, file: "good.yaml") {
            _ = try YAMLDecoder().decode(Sample.self, from: document.root)
        }
        _ = try JSONParser.parse(Array(#"{"a": [1, 2.5, "x", true, null, {"b": "\u00e9"}]}"#.utf8), file: "a.json")
        let bad = [
            "a: [1, 2",
            "a: 1\na: 2",
            "a: *missing",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
        ]
        for text in bad {
            expectFailure("parsing bad YAML \(text.prefix(12))") {
                _ = try YAMLParser.parse(text, file: "bad.yaml", options: .init(maxAliasNodes: 10_000))
            }
        }
        expectFailure("parsing bad JSON") { _ = try JSONParser.parse(Array(#"{"a": [1,}"#.utf8), file: "bad.json") }
        expectFailure("decoding a wrong type") {
            let document = try YAMLParser.parseSingle(Array("name: a\nmemoryMB: \"512\"\ntags: {}".utf8), file: "t.yaml")
            _ = try YAMLDecoder().decode(Sample.self, from: document)
        }
        if failures > 0 { throw ExitCode(1) }
        print("memcheck: ok")
    }
}
