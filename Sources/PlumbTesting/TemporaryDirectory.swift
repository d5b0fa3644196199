import Foundation

/// A fresh, uniquely named folder under the system temporary directory, removed with everything
/// in it when the instance is deinitialized. One per test keeps parallel tests apart.
///
/// Keep the instance alive (a `let` in the test) for as long as the folder is used.
public final class TemporaryDirectory: Sendable {
    /// The temporary folder could not be created.
    public struct CreationFailure: Error, CustomStringConvertible {
        /// What went wrong and what to check.
        public var description: String
    }

    /// The folder's absolute path (no trailing slash).
    public let path: String

    /// Creates the folder; `prefix` helps tell folders apart when a test leaves one behind.
    public init(prefix: String = "plumb-test") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let created: String? = template.withUnsafeMutableBufferPointer { buffer in
            guard let start = buffer.baseAddress, mkdtemp(start) != nil else { return nil }
            return String(cString: start)
        }
        guard let created else {
            throw CreationFailure(description: "cannot create a temporary folder in \(base): errno \(errno); check that it exists and is writable")
        }
        path = created
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/relative`.
    public func appending(_ relative: String) -> String {
        relative.isEmpty ? path : path + "/" + relative
    }

    /// The folder as a `file://` URL string.
    public var fileURL: String { "file://" + path }
}
