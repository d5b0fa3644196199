#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGit2

extension DirectoryTreeHasher {
    /// The raw names in `directory`, each with a terminating NUL, without `.`, `..` and `.git`.
    static func names(in directory: OpaquePointer, path: String) throws -> [[CChar]] {
        var names: [[CChar]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw osError("readdir", path) }
                break
            }
            let name: [CChar] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: CChar.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return Array(bytes[0..<length]) + [0]
            }
            if name == [0x2e, 0] || name == [0x2e, 0x2e, 0] || name == [0x2e, 0x67, 0x69, 0x74, 0] { continue }
            names.append(name)
        }
        return names
    }

    /// `folder/name` for messages (`name` ends with NUL; invalid UTF-8 is shown replaced).
    static func join(_ folder: String, _ name: [CChar]) -> String {
        let text = String(decoding: name.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return folder.hasSuffix("/") ? folder + text : folder + "/" + text
    }

    /// Reads the regular file `name` (NUL-terminated) in the folder open as `folder` and returns its blob id.
    static func hashFile(in folder: Int32, _ name: [CChar], path: String) throws -> ObjectID {
        let descriptor = openat(folder, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw osError("openat", path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw osError("fstat", path) }
        // Sized from fstat, grown if the file grows while it is read.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let count = bytes.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(descriptor, base + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw osError("read", path)
            }
            if count == 0 { break }
            filled += count
        }
        return try bytes.withUnsafeBytes { raw in
            try TreeEncoder.hash(UnsafeRawBufferPointer(rebasing: raw[0..<filled]), type: GIT_OBJECT_BLOB, subject: "the file \(path)")
        }
    }

    /// The target text of the symbolic link `name` (NUL-terminated) in the folder open as `folder`.
    static func linkTarget(in folder: Int32, _ name: [CChar], path: String) throws -> [UInt8] {
        var capacity = 256
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return -1 }
                return readlinkat(folder, name, base.assumingMemoryBound(to: CChar.self), raw.count)
            }
            if count < 0 { throw osError("readlinkat", path) }
            if count < capacity { return Array(buffer[0..<count]) }
            capacity *= 4
        }
    }

    /// A `.fileSystem` error for the failed system call `function` on `path`, from `errno`.
    static func osError(_ function: String, _ path: String) -> GitError {
        let code = errno
        let reason = String(cString: strerror(code))
        return GitError(code: -1, errorClass: Int32(GIT_ERROR_OS.rawValue), function: function,
                        message: "cannot read \(path): \(reason) (errno \(code))",
                        advice: "check that the path exists and is readable", kind: .fileSystem)
    }
}
