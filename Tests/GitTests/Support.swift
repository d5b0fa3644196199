import Git
import PlumbTesting

/// A fresh repository in its own temporary folder.
struct Scratch {
    let directory: TemporaryDirectory
    let fixture: GitFixture

    init() throws {
        directory = try TemporaryDirectory(prefix: "plumb-git")
        fixture = try GitFixture(path: directory.appending("repo"))
    }

    /// Opens the fixture's repository with the `Git` module.
    func open() throws -> Repository {
        try Repository.open(path: fixture.path)
    }
}

extension ObjectID {
    /// Parses a full id printed by the git CLI, failing the test otherwise.
    static func cli(_ hex: String) throws -> ObjectID {
        guard let id = ObjectID(hex: hex) else { throw CLIOutputError(text: hex) }
        return id
    }
}

/// The git CLI printed something that is not an object id.
struct CLIOutputError: Error {
    let text: String
}

extension Array where Element == UInt8 {
    /// The bytes as UTF-8 text.
    var text: String { String(decoding: self, as: UTF8.self) }
}
