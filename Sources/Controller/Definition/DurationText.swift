import Foundation

/// A length of time written as `90s`, `5m`, `1h30m`, `250ms` or a plain number of seconds.
struct DurationText: Decodable, Sendable, Hashable {
    /// The length in seconds.
    var seconds: Double

    init(seconds: Double) {
        self.seconds = seconds
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            guard number.isFinite, number >= 0 else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "a duration cannot be negative; write e.g. 30s or 5m")
            }
            seconds = number
            return
        }
        let text = try container.decode(String.self)
        guard let parsed = DurationText.parse(text) else {
            throw DecodingError.dataCorruptedError(in: container,
                debugDescription: "'\(text)' is not a duration; write a number with a unit: 250ms, 30s, 5m, 1h or 1h30m")
        }
        seconds = parsed
    }

    /// Parses `1h30m`, `90s`, `250ms` (units ms, s, m, h, d); nil for anything else.
    static func parse(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !rest.isEmpty else { return nil }
        var total = 0.0
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber || $0 == "." }
            guard !digits.isEmpty, let value = Double(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else { return nil }
            total += value * unit.1
            rest = rest.dropFirst(unit.0.count)
        }
        return total
    }

    /// `1h30m`, `45s`, `250ms`: the shortest way to write `seconds`.
    static func format(_ seconds: Double) -> String {
        if seconds < 1 && seconds > 0 { return "\(Int((seconds * 1000).rounded()))ms" }
        var remaining = Int(seconds.rounded())
        var text = ""
        for (unit, size) in [("h", 3600), ("m", 60)] where remaining >= size {
            text += "\(remaining / size)\(unit)"
            remaining %= size
        }
        if remaining > 0 || text.isEmpty { text += "\(remaining)s" }
        return text
    }
}
