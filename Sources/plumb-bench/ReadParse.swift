import ArgumentParser
import Foundation
import Git
import YAML

/// Reads every file at a revision through `Git` and parses every `.yaml`/`.json` file through
/// `YAML` into node trees: the in-process counterpart of the C floor `git2_readall -p`.
struct ReadParse: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "read-parse")

    @Argument(help: "Repository path.") var repo: String
    @Argument(help: "Revision.") var rev: String = "HEAD"
    @Option(help: "Runs; the median is reported.") var runs: Int = 3

    func run() throws {
        var times: [Double] = []
        var files = 0, bytes = 0, nodes = 0
        for _ in 0..<max(runs, 1) {
            files = 0; bytes = 0; nodes = 0
            times.append(try milliseconds {
                let repository = try Repository.open(path: repo)
                let snapshot = try repository.snapshot(of: repository.resolve(rev))
                try snapshot.forEachFile { entry, buffer in
                    files += 1
                    bytes += buffer.count
                    if entry.path.hasSuffix(".yaml") {
                        nodes += try YAMLParser.parse(buffer: buffer, file: entry.path).count
                    } else if entry.path.hasSuffix(".json") {
                        _ = try JSONParser.parse(Array(buffer), file: entry.path)
                        nodes += 1
                    }
                }
            })
        }
        report(["bench": "read-parse", "files": files, "bytes": bytes, "documents": nodes, "ms": median(times)])
    }
}

/// Times the changed-path list between HEAD~1 and HEAD (the benchmark repository's second
/// commit changes one file).
struct ChangedPaths: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "changed-paths")

    @Argument(help: "Repository path.") var repo: String
    @Option(help: "Iterations; the median is reported.") var iterations: Int = 200

    func run() throws {
        let repository = try Repository.open(path: repo)
        let new = try repository.resolve("HEAD")
        let old = try repository.resolve("HEAD~1")
        var count = 0
        var times: [Double] = []
        for _ in 0..<max(iterations, 1) {
            times.append(try milliseconds { count = try repository.changedPaths(from: old, to: new).count })
        }
        report(["bench": "changed-paths", "changes": count, "ms": median(times)])
    }
}
