import Crypto
import Foundation

/// Verifies that a webhook came from the forge that knows the shared secret.
///
/// - GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>`.
/// - Gitea / Forgejo: `X-Gitea-Signature: <hex HMAC-SHA256 of the body>` (also sends GitHub's header).
/// - GitLab: `X-Gitlab-Token: <the secret itself>`.
///
/// Every comparison takes the same time whatever the input: HMACs through swift-crypto's
/// constant-time check, GitLab tokens by comparing their SHA-256 digests byte by byte without
/// stopping early.
public enum WebhookSignature {
    /// The outcome of checking one request against one secret.
    public enum Verdict: Sendable, Equatable {
        /// The signature (or token) matches.
        case valid
        /// A signature was sent but does not match.
        case invalid
        /// No signature header at all.
        case missing
    }

    /// Checks `body` and `headers` (names in lowercase) against `secret`.
    public static func verify(body: [UInt8], headers: [String: String], secret: [UInt8]) -> Verdict {
        let key = SymmetricKey(data: secret)
        if let header = headers["x-hub-signature-256"] {
            let prefix = "sha256="
            guard header.hasPrefix(prefix), let mac = hexBytes(String(header.dropFirst(prefix.count))) else { return .invalid }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key) ? .valid : .invalid
        }
        if let header = headers["x-gitea-signature"] ?? headers["x-gogs-signature"] {
            guard let mac = hexBytes(header) else { return .invalid }
            return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key) ? .valid : .invalid
        }
        if let token = headers["x-gitlab-token"] {
            return equalDigests(Array(token.utf8), secret) ? .valid : .invalid
        }
        return .missing
    }

    /// The `X-Hub-Signature-256` value for `body` under `secret` (for clients and tests).
    public static func githubSignature(body: [UInt8], secret: [UInt8]) -> String {
        "sha256=" + hex(Array(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))))
    }

    /// The `X-Gitea-Signature` value for `body` under `secret`.
    public static func giteaSignature(body: [UInt8], secret: [UInt8]) -> String {
        hex(Array(HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: secret))))
    }

    /// Whether `a` and `b` are equal, in time independent of where they differ and of their lengths.
    static func equalDigests(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let left = Array(SHA256.hash(data: a))
        let right = Array(SHA256.hash(data: b))
        var difference: UInt8 = 0
        for index in 0..<left.count { difference |= left[index] ^ right[index] }
        return difference == 0
    }

    /// Bytes of an even-length hex string; nil when it is not one.
    static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard !digits.isEmpty, digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Lowercase hex.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
