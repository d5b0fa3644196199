import Foundation

/// Randomness for an execution (retry jitter, `States.MathRandom` without a seed, `States.UUID`):
/// seeded for reproducible runs, or from the system generator. Safe to share between tasks.
public final class RandomSource: @unchecked Sendable {
    private let lock = NSLock()
    private var generator: SplitMix64?

    /// Randomness from the system generator.
    public init() {
        generator = nil
    }

    /// Reproducible randomness: the same seed gives the same sequence.
    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// The next 64 random bits.
    public func next() -> UInt64 {
        lock.withLock {
            if var seeded = generator {
                let value = seeded.next()
                generator = seeded
                return value
            }
            var system = SystemRandomNumberGenerator()
            return system.next()
        }
    }

    /// A uniformly distributed integer in `range`.
    public func integer(in range: ClosedRange<Int64>) -> Int64 {
        var adapter = Adapter(source: self)
        return Int64.random(in: range, using: &adapter)
    }

    /// A uniformly distributed Double in `0..<1`.
    public func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A random (version 4) UUID in lowercase 8-4-4-4-12 form.
    public func uuid() -> String {
        Self.formatUUID(high: next(), low: next())
    }

    static func formatUUID(high: UInt64, low: UInt64) -> String {
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64($0))) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64($0))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    struct Adapter: RandomNumberGenerator {
        let source: RandomSource
        mutating func next() -> UInt64 { source.next() }
    }
}

/// SplitMix64 (Steele, Lea, Flood 2014): small, fast, good enough for simulation randomness.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &+ 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
