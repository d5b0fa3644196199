import Crypto

/// Message digests for `States.Hash` (MD5, SHA-1, SHA-256, SHA-384, SHA-512), computed with
/// swift-crypto. These hash data values for workflows; they are not used for security.
enum Digest {
    /// Lowercase hex digest of `bytes` with the algorithm named as `States.Hash` names it, or nil
    /// for an unknown name.
    static func hex(_ algorithm: String, _ bytes: [UInt8]) -> String? {
        switch algorithm {
        case "MD5": return hex(Insecure.MD5.hash(data: bytes))
        case "SHA-1": return hex(Insecure.SHA1.hash(data: bytes))
        case "SHA-256": return hex(SHA256.hash(data: bytes))
        case "SHA-384": return hex(SHA384.hash(data: bytes))
        case "SHA-512": return hex(SHA512.hash(data: bytes))
        default: return nil
        }
    }

    /// The digest's bytes as lowercase hex digits.
    private static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(128)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
