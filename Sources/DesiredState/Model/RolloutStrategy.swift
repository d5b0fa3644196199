/// How traffic moves from the current version to a new one.
///
/// The named forms follow the CodeDeploy/SAM names: `AllAtOnce`, `Canary<P>Percent<M>Minutes`
/// (P% for M minutes, then the rest) and `Linear<P>PercentEvery<M>Minutes` (P% more every M minutes).
public enum RolloutStrategy: Sendable, Hashable, CustomStringConvertible {
    /// All traffic at once.
    case allAtOnce
    /// `percent`% of traffic for `minutes`, then 100%.
    case canary(percent: Int, minutes: Int)
    /// `percent`% more every `minutes` until 100%.
    case linear(percent: Int, everyMinutes: Int)
    /// Explicit steps.
    case steps([TrafficStep])

    /// The steps this strategy takes, always ending at 100%.
    public var trafficSteps: [TrafficStep] {
        switch self {
        case .allAtOnce:
            return [TrafficStep(weight: 100, pauseSeconds: 0)]
        case .canary(let percent, let minutes):
            return [TrafficStep(weight: Double(percent), pauseSeconds: minutes * 60), TrafficStep(weight: 100, pauseSeconds: 0)]
        case .linear(let percent, let minutes):
            var steps: [TrafficStep] = []
            var weight = percent
            while weight < 100 {
                steps.append(TrafficStep(weight: Double(weight), pauseSeconds: minutes * 60))
                weight += percent
            }
            steps.append(TrafficStep(weight: 100, pauseSeconds: 0))
            return steps
        case .steps(let steps):
            if let last = steps.last, last.weight >= 100 { return steps }
            return steps + [TrafficStep(weight: 100, pauseSeconds: 0)]
        }
    }

    /// The name as written in a manifest (`Canary10Percent5Minutes`), or `steps` for explicit steps.
    public var description: String {
        switch self {
        case .allAtOnce: return "AllAtOnce"
        case .canary(let percent, let minutes): return "Canary\(percent)Percent\(minutes)Minute\(minutes == 1 ? "" : "s")"
        case .linear(let percent, let minutes): return "Linear\(percent)PercentEvery\(minutes)Minute\(minutes == 1 ? "" : "s")"
        case .steps: return "steps"
        }
    }

    /// Parses a named strategy; nil when the name is not one of the forms.
    public init?(name: String) {
        if name == "AllAtOnce" {
            self = .allAtOnce
            return
        }
        if let (percent, minutes) = RolloutStrategy.match(name, prefix: "Canary", middle: "Percent") {
            self = .canary(percent: percent, minutes: minutes)
            return
        }
        if let (percent, minutes) = RolloutStrategy.match(name, prefix: "Linear", middle: "PercentEvery") {
            self = .linear(percent: percent, everyMinutes: minutes)
            return
        }
        return nil
    }

    /// Matches `<prefix><digits><middle><digits>Minute[s]`.
    private static func match(_ name: String, prefix: StaticString, middle: StaticString) -> (Int, Int)? {
        // Over the name's contiguous bytes (every function manifest names a strategy).
        var name = name
        name.makeContiguousUTF8()
        return name.utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int)? in
            var position = 0
            func take(_ literal: StaticString) -> Bool {
                let count = literal.utf8CodeUnitCount
                guard bytes.count - position >= count else { return false }
                for offset in 0..<count where bytes[position + offset] != literal.utf8Start[offset] { return false }
                position += count
                return true
            }
            func number() -> Int? {
                var value = 0
                let start = position
                while position < bytes.count, position - start < 7, bytes[position] >= 0x30, bytes[position] <= 0x39 {
                    value = value * 10 + Int(bytes[position] - 0x30)
                    position += 1
                }
                let digits = position - start
                return digits > 0 && digits <= 6 ? value : nil
            }
            guard take(prefix), let percent = number(), take(middle), let minutes = number(), take("Minute") else { return nil }
            guard position == bytes.count || (position + 1 == bytes.count && bytes[position] == UInt8(ascii: "s")) else { return nil }
            return (percent, minutes)
        } ?? nil
    }
}

/// One step of a traffic shift.
public struct TrafficStep: Sendable, Hashable {
    /// The share of traffic on the new version after this step, in percent (0 < weight ≤ 100).
    public var weight: Double
    /// How long to hold this step (checking health gates) before the next, in seconds.
    public var pauseSeconds: Int

    /// Creates a step.
    public init(weight: Double, pauseSeconds: Int) {
        self.weight = weight
        self.pauseSeconds = pauseSeconds
    }
}
