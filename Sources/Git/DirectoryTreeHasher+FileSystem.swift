#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CGit2

extension DirectoryTreeHasher {
    /// The raw names in folder `path`, without `.`, `..` and `.git`.
    static func names(in path: String) throws -> [[UInt8]] {
        guard let directory = opendir(path) else { throw osError("opendir", path) }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw osError("readdir", path) }
                break
            }
            let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                let length = bytes.firstIndex(of: 0) ?? bytes.count
                return Array(bytes[0..<length])
            }
            if name == [0x2e] || name == [0x2e, 0x2e] || name == Array(".git".utf8) { continue }
            names.append(name)
        }
        return names
    }

    /// `folder/name` as a path string (names are passed through as bytes).
    static func join(_ folder: String, _ name: [UInt8]) -> String {
        var bytes = Array(folder.utf8)
        if bytes.last != UInt8(ascii: "/") { bytes.append(UInt8(ascii: "/")) }
        bytes.append(contentsOf: name)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the regular file at `path` and returns its blob id.
    static func hashFile(_ path: String) throws -> ObjectID {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw osError("open", path) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw osError("fstat", path) }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let count = bytes.withUnsafeMutableBytes { raw in
                read(descriptor, raw.baseAddress! + filled, raw.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw osError("read", path)
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return try TreeEncoder.hash(bytes, type: GIT_OBJECT_BLOB, subject: "the file \(path)")
    }

    /// The target text of the symbolic link at `path`, as raw bytes.
    static func linkTarget(_ path: String) throws -> [UInt8] {
        var capacity = 256
        while true {
            var buffer = [UInt8](repeating: 0, count: capacity)
            let count = buffer.withUnsafeMutableBytes { raw in
                readlink(path, raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
            }
            if count < 0 { throw osError("readlink", path) }
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
