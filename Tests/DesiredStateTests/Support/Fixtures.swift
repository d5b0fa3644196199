import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// Files that make a test repository: text files, raw bytes and symbolic links.
struct RepositoryContent {
    var files: [String: String] = Baseline.files
    var binary: [String: [UInt8]] = [:]
    var symlinks: [String: String] = [:]

    /// The baseline with `text` replaced by `replacement` in the file at `path` (which must contain it).
    func replacing(_ path: String, _ text: String, with replacement: String) -> RepositoryContent {
        var copy = self
        guard let content = copy.files[path], content.contains(text) else {
            Issue.record("\(path) does not contain \(text)")
            return copy
        }
        copy.files[path] = content.replacingOccurrences(of: text, with: replacement)
        return copy
    }

    /// The content with the file at `path` set to `text`.
    func with(_ path: String, _ text: String) -> RepositoryContent {
        var copy = self
        copy.files[path] = text
        return copy
    }

    /// The content without the file at `path`.
    func without(_ path: String) -> RepositoryContent {
        var copy = self
        copy.files[path] = nil
        return copy
    }

    /// Writes everything into a new git repository (branch main) and commits it.
    func commit(in directory: TemporaryDirectory, folder: String = "repo") throws -> GitFixture {
        let fixture = try GitFixture(path: directory.appending(folder))
        for (path, text) in files { try fixture.write(path, text) }
        for (path, bytes) in binary { try fixture.write(path, bytes: bytes) }
        for (path, target) in symlinks { try fixture.symlink(path, to: target) }
        _ = try fixture.commit("desired state")
        return fixture
    }
}

/// Loads the repository at HEAD and, for the same content, from its working tree, and checks both agree.
func loadBoth(_ fixture: GitFixture, environment: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> LoadResult {
    let loader = DesiredStateLoader()
    let committed = try loader.load(repository: try Repository.open(path: fixture.path), environment: environment)
    let onDisk = try DesiredStateLoader().load(directory: fixture.path, environment: environment)
    #expect(committed.diagnostics == onDisk.diagnostics, "a commit and its working tree must give the same diagnostics", sourceLocation: sourceLocation)
    #expect(committed.state.functions == onDisk.state.functions, sourceLocation: sourceLocation)
    #expect(committed.state.stateMachines == onDisk.state.stateMachines, sourceLocation: sourceLocation)
    return committed
}

/// The path of the repository's top folder (for the example and the docs).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    return url.path
}()

/// Copies the example `desired-state/` into `directory` and commits it.
func commitExample(in directory: TemporaryDirectory) throws -> GitFixture {
    let fixture = try GitFixture(path: directory.appending("example"))
    let source = URL(fileURLWithPath: repositoryRoot + "/desired-state").resolvingSymlinksInPath().path
    let enumerator = FileManager.default.enumerator(atPath: source)
    while let relative = enumerator?.nextObject() as? String {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: source + "/" + relative, isDirectory: &isFolder)
        if isFolder.boolValue || relative.contains("__pycache__") { continue }
        try fixture.write(relative, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: source + "/" + relative))))
    }
    _ = try fixture.commit("example desired state")
    return fixture
}
