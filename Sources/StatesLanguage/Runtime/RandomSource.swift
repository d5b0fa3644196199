import Foundation
import Synchronization

/// Randomness for an execution (retry jitter, `States.MathRandom` without a seed, `States.UUID`):
/// seeded for reproducible runs, or from a generator the system seeds. Safe to share between tasks.
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
            return Self.shared.withLock { $0.next() }
        }
    }

    /// The generator behind every unseeded source: seeded once from the system generator, so a
    /// draw (two per Invoke, for request ids) is no system call.
    private static let shared = Mutex(SplitMix64(seed: {
        var system = SystemRandomNumberGenerator()
        return system.next()
    }()))

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
        let high = (high & ~0xF000) | 0x4000
        let low = (low & ~(0xC000 << 48)) | (0x8000 << 48)
        return String(unsafeUninitializedCapacity: 36) { text in
            var position = 0
            func put(_ value: UInt64, nibbles: Int) {
                for shift in stride(from: (nibbles - 1) * 4, through: 0, by: -4) {
                    let digit = UInt8(truncatingIfNeeded: (value >> UInt64(shift)) & 0xF)
                    text[position] = digit < 10 ? 0x30 + digit : 0x57 + digit
                    position += 1
                }
            }
            func dash() {
                text[position] = UInt8(ascii: "-")
                position += 1
            }
            put(high >> 32, nibbles: 8)
            dash()
            put(high >> 16, nibbles: 4)
            dash()
            put(high, nibbles: 4)
            dash()
            put(low >> 48, nibbles: 4)
            dash()
            put(low, nibbles: 12)
            return position
        }
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
