import Foundation

/// Message digests for `States.Hash` (MD5 per RFC 1321; SHA-1, SHA-256, SHA-384, SHA-512 per
/// FIPS 180-4). These hash data values for workflows; they are not used for security.
enum Digest {
    /// Lowercase hex digest of `bytes` with the algorithm named as `States.Hash` names it, or nil
    /// for an unknown name.
    static func hex(_ algorithm: String, _ bytes: [UInt8]) -> String? {
        let digest: [UInt8]
        switch algorithm {
        case "MD5": digest = md5(bytes)
        case "SHA-1": digest = sha1(bytes)
        case "SHA-256": digest = sha256(bytes)
        case "SHA-384": digest = Array(sha512(bytes, initial: sha384Initial).prefix(48))
        case "SHA-512": digest = sha512(bytes, initial: sha512Initial)
        default: return nil
        }
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(digest.count * 2)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Pads to a multiple of `block` bytes with 0x80, zeros and the bit length (`lengthBytes` long).
    static func pad(_ bytes: [UInt8], block: Int, lengthBytes: Int, bigEndian: Bool) -> [UInt8] {
        var message = bytes
        let bitLength = UInt64(bytes.count) &* 8
        message.append(0x80)
        while message.count % block != block - lengthBytes { message.append(0) }
        var lengthField = [UInt8](repeating: 0, count: lengthBytes)
        for index in 0..<8 {
            let byte = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(index)))
            if bigEndian { lengthField[lengthBytes - 1 - index] = byte } else { lengthField[index] = byte }
        }
        return message + lengthField
    }

    static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { (x << n) | (x >> (32 - n)) }
    static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
    static func rotr64(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }

    static func bigEndianWords32(_ block: ArraySlice<UInt8>) -> [UInt32] {
        stride(from: block.startIndex, to: block.endIndex, by: 4).map { i in
            UInt32(block[i]) << 24 | UInt32(block[i + 1]) << 16 | UInt32(block[i + 2]) << 8 | UInt32(block[i + 3])
        }
    }

    static func bytes32(_ words: [UInt32], bigEndian: Bool) -> [UInt8] {
        words.flatMap { word in
            let parts = [UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8), UInt8(truncatingIfNeeded: word)]
            return bigEndian ? parts : parts.reversed()
        }
    }

    static let md5Shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]
    static let md5Constants: [UInt32] = (0..<64).map { i in
        UInt32(truncatingIfNeeded: Int64((abs(sin(Double(i + 1))) * 4294967296.0).rounded(.down)))
    }

    static func md5(_ bytes: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
        let message = pad(bytes, block: 64, lengthBytes: 8, bigEndian: false)
        for blockStart in stride(from: 0, to: message.count, by: 64) {
            let words = (0..<16).map { j -> UInt32 in
                let i = blockStart + j * 4
                return UInt32(message[i]) | UInt32(message[i + 1]) << 8 | UInt32(message[i + 2]) << 16 | UInt32(message[i + 3]) << 24
            }
            var (a, b, c, d) = (state[0], state[1], state[2], state[3])
            for i in 0..<64 {
                var f: UInt32
                let g: Int
                switch i {
                case 0..<16: f = (b & c) | (~b & d); g = i
                case 16..<32: f = (d & b) | (~d & c); g = (5 * i + 1) % 16
                case 32..<48: f = b ^ c ^ d; g = (3 * i + 5) % 16
                default: f = c ^ (b | ~d); g = (7 * i) % 16
                }
                f = f &+ a &+ md5Constants[i] &+ words[g]
                a = d
                d = c
                c = b
                b = b &+ rotl(f, md5Shifts[(i / 16) * 4 + i % 4])
            }
            state[0] = state[0] &+ a
            state[1] = state[1] &+ b
            state[2] = state[2] &+ c
            state[3] = state[3] &+ d
        }
        return bytes32(state, bigEndian: false)
    }

    static func sha1(_ bytes: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0]
        let message = pad(bytes, block: 64, lengthBytes: 8, bigEndian: true)
        for blockStart in stride(from: 0, to: message.count, by: 64) {
            var w = bigEndianWords32(message[blockStart..<blockStart + 64])
            for t in 16..<80 { w.append(rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1)) }
            var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
            for t in 0..<80 {
                let (f, k): (UInt32, UInt32)
                switch t {
                case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A827999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9EBA1)
                case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1BBCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62C1D6)
                }
                let temp = rotl(a, 5) &+ f &+ e &+ k &+ w[t]
                e = d
                d = c
                c = rotl(b, 30)
                b = a
                a = temp
            }
            state[0] = state[0] &+ a
            state[1] = state[1] &+ b
            state[2] = state[2] &+ c
            state[3] = state[3] &+ d
            state[4] = state[4] &+ e
        }
        return bytes32(state, bigEndian: true)
    }
}
