@testable import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// A source that looks files up one by one answers like one that lists the whole commit.
struct LazyCommitFileSourceTests {
    @Test(arguments: ["", "deploy"])
    func everyQuestion_isAnsweredLikeTheSnapshot(root: String) throws {
        let directory = try TemporaryDirectory()
        let fixture = try GitFixture(path: directory.appending("repo"))
        let base = root.isEmpty ? "" : root + "/"
        try fixture.write(base + "manifests/function.yaml", Baseline.function)
        try fixture.write(base + "functions/hello/app.py", Baseline.handler)
        try fixture.write(base + "functions/hello/lib/util.py", "X = 1\n")
        try fixture.write(base + "functions/hello/run.sh", "#!/bin/sh\n")
        try fixture.setExecutable(base + "functions/hello/run.sh")
        try fixture.symlink(base + "functions/alias", to: "hello")
        try fixture.write("outside.txt", "not below the root\n")
        _ = try fixture.commit("content")
        let repository = try Repository.open(path: fixture.path)
        let commit = try repository.resolve("HEAD")
        let lazy = LazyCommitFileSource(repository: repository, commit: commit, root: root)
        let full = SnapshotFileSource(snapshot: try repository.snapshot(of: commit, path: root))

        #expect(try lazy.listFiles() == (try full.listFiles()))
        for folder in ["", "functions", "functions/hello", "functions/hello/lib", "functions/alias", "manifests/function.yaml", "nothing"] {
            #expect(try lazy.listFiles(under: folder) == (try full.listFiles(under: folder)), "\(folder)")
        }
        for path in ["manifests/function.yaml", "functions/hello", "functions/hello/run.sh", "functions/alias", "functions/alias/app.py",
                     "functions/hello/app.py/x", "nothing", "outside.txt"] {
            #expect(try lazy.status(of: path) == (try full.status(of: path)), "\(path)")
        }
        let file = SourceFile(path: "functions/hello/app.py", kind: .file, knownID: nil)
        #expect(try lazy.withContents(of: file) { Array($0) } == (try full.withContents(of: file) { Array($0) }))
        #expect(throws: LoadError.self) { try lazy.withContents(of: SourceFile(path: "nothing", kind: .file, knownID: nil)) { _ in 0 } }
    }
}
