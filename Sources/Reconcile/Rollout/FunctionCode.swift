import Cloud
import DesiredState
import Foundation

/// A function's code as a rollout refers to it: its identity (git tree id) and where to read it.
///
/// Equal ids mean equal code; the files are read only when a create or code update is performed.
public struct FunctionCode: Sendable, Hashable, CustomStringConvertible {
    /// The git tree id of the code folder.
    public var id: String
    /// The code folder, relative to the desired-state root.
    public var path: String
    /// Reads the files from the revision the desired state was loaded from.
    let reader: CodeReader?

    /// Code read from `function`'s folder with `reader`.
    public init(function: FunctionResource, reader: CodeReader) {
        self.id = function.code.treeID
        self.path = function.code.path
        self.reader = reader
    }

    /// Code known only by identity (cannot be uploaded).
    public init(id: String, path: String) {
        self.id = id
        self.path = path
        self.reader = nil
    }

    /// `functions/x@abc1234`.
    public var description: String { "\(path)@\(id.prefix(7))" }

    /// The bundle to upload: every file of the folder.
    public func bundle() throws -> CodeBundle {
        guard let reader else {
            throw RolloutError("The code \(description) cannot be read: no desired-state revision holds it. Deploy a commit that contains it.")
        }
        let files = try reader.files(under: path)
        var bundle: [String: Cloud.CodeFile] = [:]
        for file in files {
            bundle[file.path] = Cloud.CodeFile(bytes: Data(file.bytes), isExecutable: file.executable)
        }
        return CodeBundle(id: id, files: bundle)
    }

    /// Equal by identity.
    public static func == (lhs: FunctionCode, rhs: FunctionCode) -> Bool { lhs.id == rhs.id && lhs.path == rhs.path }

    /// Hashes the identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(path)
    }
}

/// An error of a rollout itself (as opposed to a cloud API answer): what failed and what to do.
public struct RolloutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong and what to do.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
