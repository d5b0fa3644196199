import Foundation
import Git

// A digest file: a header (magic word, format version), the body's checksum (8 bytes) and the
// body. It is replaced whole (a temporary file renamed over it), so readers see one whole digest.

extension DesiredDigest {
    static let magic: [UInt8] = Array("PLUMBDGS".utf8)
    /// Raised whenever the encoding changes.
    static let formatVersion: UInt32 = 1

    /// The digest kept in `folder` for loads that named the environment `selector` (nil: none
    /// named, the repository's default), or nil when there is none, or it is damaged or of
    /// another version. The caller checks its key.
    public static func read(folder: String, selector: String?) -> DesiredDigest? {
        guard let bytes = DiskCache.readFile(fileName(folder: folder, selector: selector)) else { return nil }
        return bytes.withUnsafeBytes { buffer -> DesiredDigest? in
            let headerSize = magic.count + 4 + 8
            guard buffer.count >= headerSize, header.elementsEqual(buffer[0..<(magic.count + 4)]) else { return nil }
            let stored = buffer.loadUnaligned(fromByteOffset: magic.count + 4, as: UInt64.self)
            let body = UnsafeRawBufferPointer(rebasing: buffer[headerSize...])
            guard DiskCache.checksum(body) == UInt64(littleEndian: stored) else { return nil }
            var reader = ByteReader(body)
            guard let digest = try? reader.digest(), reader.isAtEnd else { return nil }
            return digest
        }
    }

    /// Writes the digest to `folder` for loads that named the environment `selector`, replacing
    /// the one there; false when it cannot be written (the digest only saves time).
    @discardableResult
    public func write(folder: String, selector: String?) -> Bool {
        var body = ByteWriter()
        body.reserveCapacity(64 * resources.count + 4096)
        body.write(self)
        var file = ByteWriter()
        file.reserveCapacity(body.bytes.count + 32)
        file.write(raw: Self.header)
        let sum = body.bytes.withUnsafeBytes { DiskCache.checksum($0) }
        withUnsafeBytes(of: sum.littleEndian) { file.write(raw: $0) }
        file.write(raw: body.bytes)
        return DiskCache.replaceFile(Self.fileName(folder: folder, selector: selector), in: folder, with: file.bytes)
    }

    static var header: [UInt8] { DiskCache.fileHeader(magic: magic, version: formatVersion) }

    /// `digest.bin`, or `digest-ENVIRONMENT.bin` with the name reduced to letters, digits, `-`
    /// and `_` and a checksum of the name (so that different names never share a file).
    static func fileName(folder: String, selector: String?) -> String {
        guard let selector else { return (folder as NSString).appendingPathComponent("digest.bin") }
        let safe = String(selector.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
        let sum = Array(selector.utf8).withUnsafeBytes { DiskCache.checksum($0) }
        return (folder as NSString).appendingPathComponent("digest-\(safe)-\(String(sum, radix: 16)).bin")
    }
}

extension ByteWriter {
    mutating func write(_ digest: DesiredDigest) {
        write(digest.key.repository)
        write(digest.key.path)
        write(digest.key.environment)
        write(digest.key.region)
        write(digest.commit.hex)
        write(digest.target.environment)
        write(digest.target.account)
        write(digest.target.region)
        write(digest.target.backupRegion)
        write(digest.environmentNames != nil)
        if let names = digest.environmentNames { write(names) { $0.write($1) } }
        write(digest.diagnostics) { $0.write($1) }
        // The resources in deployment order (the order is every deployable resource).
        write(UInt64(digest.deploymentOrder.count))
        for id in digest.deploymentOrder {
            let resource = digest.resources[id] ?? DesiredDigest.Resource(file: "", fingerprint: 0, uses: [], invoked: [])
            write(UInt64(ResourceKind.allCases.firstIndex(of: id.kind) ?? 0))
            write(id.name)
            write(resource.file)
            write(resource.fingerprint)
            write(resource.uses) { $0.write($1) }
            write(resource.invoked) { $0.write($1) }
        }
        write(digest.contextFiles) { $0.write($1) }
    }
}

extension ByteReader {
    mutating func digest() throws -> DesiredDigest {
        let key = DesiredDigest.Key(repository: try string(), path: try string(), environment: try optionalString(), region: try optionalString())
        guard let commit = ObjectID(hex: try string()) else { throw CacheFormatError(message: "malformed commit id") }
        let target = DeploymentTarget(environment: try optionalString(), account: try string(), region: try string(), backupRegion: try optionalString())
        let names = try bool() ? try array { try $0.string() } : nil
        let diagnostics = try array { try $0.diagnostic() }
        let count = try self.count()
        var order: [ResourceID] = []
        order.reserveCapacity(count)
        var resources: [ResourceID: DesiredDigest.Resource] = [:]
        resources.reserveCapacity(count)
        let kinds = ResourceKind.allCases
        for _ in 0..<count {
            let kind = try uint64()
            guard kind < UInt64(kinds.count) else { throw CacheFormatError(message: "unknown resource kind \(kind)") }
            let id = ResourceID(kinds[Int(kind)], try string())
            order.append(id)
            resources[id] = DesiredDigest.Resource(file: try string(), fingerprint: try uint64(), uses: try array { try $0.string() },
                                                   invoked: try array { try $0.string() })
        }
        guard resources.count == order.count else { throw CacheFormatError(message: "a resource is listed twice") }
        let context = try array { try $0.string() }
        return DesiredDigest(key: key, commit: commit, target: target, environmentNames: names, diagnostics: diagnostics,
                             deploymentOrder: order, resources: resources, contextFiles: context)
    }
}
