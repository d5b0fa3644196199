import Cloud
import Crypto
import Foundation

/// What the store knows about a bundle once it is on disk.
struct PreparedBundle: Sendable, Hashable {
    /// The bundle id (git tree id).
    var id: String
    /// Base64 SHA-256 over the bundle's canonical encoding (Lambda's `CodeSha256`).
    var sha256: String
    /// Total bytes of all files.
    var size: Int
    /// Number of files.
    var fileCount: Int
}

/// Code bundles on disk, one folder per bundle id under `<state>/sim/code/`.
///
/// A bundle is written once: when its folder exists the files are not written again. Folders
/// appear atomically (written aside, then renamed), so a reader never sees half a bundle.
struct CodeStore: Sendable {
    /// The folder holding one sub-folder per bundle, as an absolute path: function workers run
    /// with their code folder as working directory and on `sys.path`, so it must not be relative.
    let root: String

    /// Code bundles under `root` (made absolute against the current directory).
    init(root: String) {
        self.root = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
    }

    /// Lambda's unzipped size limit.
    static let maximumUnzippedSize = 262_144_000

    /// The folder of bundle `id`.
    func directory(for id: String) -> String { "\(root)/\(id)" }

    /// Checks the bundle, computes its hash and writes it unless a bundle of that id is stored.
    func prepare(_ bundle: CodeBundle) throws -> PreparedBundle {
        try CodeStore.validate(bundle)
        let prepared = CodeStore.describe(bundle)
        let target = directory(for: bundle.id)
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: target) { return prepared }
        try fileManager.createDirectory(atPath: root, withIntermediateDirectories: true)
        let staging = "\(root)/.staging-\(bundle.id)-\(UUID().uuidString)"
        defer { try? fileManager.removeItem(atPath: staging) }
        for path in bundle.sortedPaths {
            guard let file = bundle.files[path] else { continue }
            let destination = "\(staging)/\(path)"
            let parent = (destination as NSString).deletingLastPathComponent
            let written = (try? fileManager.createDirectory(atPath: parent, withIntermediateDirectories: true)) != nil
                && fileManager.createFile(atPath: destination, contents: file.bytes,
                                          attributes: [.posixPermissions: file.isExecutable ? 0o755 : 0o644])
            guard written else {
                throw CloudError(.invalidParameterValue,
                    "Could not write code file '\(path)' of bundle \(bundle.id) under \(root): a path is both a file and a folder, or the state folder is not writable.")
            }
        }
        if !fileManager.fileExists(atPath: staging) {
            try fileManager.createDirectory(atPath: staging, withIntermediateDirectories: true)
        }
        if rename(staging, target) != 0 && !fileManager.fileExists(atPath: target) {
            throw CloudError(.serviceException, "Could not store code bundle \(bundle.id) at \(target) (errno \(errno)); check the state folder is writable.")
        }
        return prepared
    }

    /// The hash, size and file count of a bundle, without touching the disk.
    static func describe(_ bundle: CodeBundle) -> PreparedBundle {
        var hasher = SHA256()
        for path in bundle.sortedPaths {
            guard let file = bundle.files[path] else { continue }
            hasher.update(data: Array(path.utf8))
            hasher.update(data: [UInt8(0)])
            hasher.update(data: Array((file.isExecutable ? "100755" : "100644").utf8))
            hasher.update(data: [UInt8(0)])
            let count = UInt64(file.bytes.count)
            hasher.update(data: (0..<8).map { UInt8(truncatingIfNeeded: count >> UInt64(56 - 8 * $0)) })
            hasher.update(data: file.bytes)
        }
        let digest = Data(hasher.finalize()).base64EncodedString()
        return PreparedBundle(id: bundle.id, sha256: digest, size: bundle.unzippedSize, fileCount: bundle.files.count)
    }

    /// Rejects what Lambda would not unpack: no files, unsafe paths, bad ids, too many bytes.
    static func validate(_ bundle: CodeBundle) throws {
        let idCharacters = bundle.id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" || $0 == ".") }
        guard !bundle.id.isEmpty, bundle.id.count <= 128, idCharacters, !bundle.id.hasPrefix(".") else {
            throw CloudError(.invalidParameterValue,
                "Code bundle id '\(bundle.id)' is not valid: use the code folder's git tree id (letters, digits, '-', '_', '.').")
        }
        guard !bundle.files.isEmpty else {
            throw CloudError(.invalidParameterValue,
                "Could not unzip uploaded file. Please check your file, then try to upload again. (Code bundle \(bundle.id) has no files.)")
        }
        for path in bundle.files.keys {
            let segments = path.split(separator: "/", omittingEmptySubsequences: false)
            let unsafe = path.hasPrefix("/") || path.contains("\0")
                || segments.contains { $0.isEmpty || $0 == "." || $0 == ".." }
            if unsafe {
                throw CloudError(.invalidParameterValue,
                    "Could not unzip uploaded file. Please check your file, then try to upload again. (Path '\(path)' in code bundle \(bundle.id) is not a relative path inside the bundle.)")
            }
        }
        if bundle.unzippedSize >= maximumUnzippedSize {
            throw CloudError(.invalidParameterValue, "Unzipped size must be smaller than \(maximumUnzippedSize) bytes")
        }
    }
}
