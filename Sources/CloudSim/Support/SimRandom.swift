/// Deterministic random numbers: draw `index` of the SplitMix64 sequence started at `seed`.
///
/// Draws are addressed by index, so a store that counts its draws gives the same numbers in the
/// same order whichever process makes the calls.
enum SimRandom {
    /// The `index`-th 64-bit value of the sequence for `seed`.
    static func value(seed: UInt64, index: UInt64) -> UInt64 {
        var z = seed &+ (index &+ 1) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double in [0, 1) from a 64-bit value.
    static func unit(_ value: UInt64) -> Double {
        Double(value >> 11) * 0x1.0p-53
    }

    /// A UUID-formatted id from two 64-bit values (version 4 layout).
    static func uuid(_ high: UInt64, _ low: UInt64) -> String {
        let hex = { (value: UInt64, digits: Int) -> String in
            let text = String(value, radix: 16)
            return String(repeating: "0", count: max(0, digits - text.count)) + text
        }
        let a = high >> 32
        let b = (high >> 16) & 0xffff
        let c = (high & 0x0fff) | 0x4000
        let d = ((low >> 48) & 0x3fff) | 0x8000
        let e = low & 0xffff_ffff_ffff
        return "\(hex(a, 8))-\(hex(b, 4))-\(hex(c, 4))-\(hex(d, 4))-\(hex(e, 12))"
    }

    /// `count` characters of `[A-Z2-7]` (IAM unique-id style) from 64-bit values.
    static func base32(_ values: [UInt64], count: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        var result = ""
        for index in 0..<count {
            let value = values[index / 12 % values.count] >> UInt64((index % 12) * 5)
            result.append(alphabet[Int(value & 31)])
        }
        return result
    }
}
