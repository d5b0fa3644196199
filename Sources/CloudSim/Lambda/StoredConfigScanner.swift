import Foundation

/// Reads the stored JSON text of a function configuration straight from its bytes.
///
/// ListFunctions reads every function of a region; SQLite's JSON functions (one call per field)
/// and Foundation's decoder both cost microseconds a row, while the text is always what
/// `StoredConfigCodec.encode` wrote: one flat object of strings, integers, a list of strings and
/// a map of strings. Anything else (an unknown or repeated key, a missing field, a number with
/// a fraction or exponent, a `\u` escape, text that is not UTF-8) makes `scan` answer nil, and
/// the caller decodes the text with `StoredConfigCodec`: the result is always the decoder's.
struct StoredConfigScanner {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The configuration stored as `text`, or nil when it is not of the plain shape read here.
    static func scan(_ text: UnsafeRawBufferPointer) -> StoredFunctionConfig? {
        var scanner = StoredConfigScanner(text)
        return scanner.configuration()
    }

    /// The keys of a stored configuration, numbered by their place.
    private static let keys: [StaticString] = [
        "architectures", "codeId", "codeSha256", "codeSize", "description", "environment", "ephemeralStorageSize",
        "handler", "memorySize", "role", "runtime", "timeout",
    ]

    /// The values read so far.
    private struct Fields {
        var architectures: [String]?, environment: [String: String]?
        var codeId: String?, codeSha256: String?, description: String?, handler: String?, role: String?, runtime: String?
        var codeSize: Int?, ephemeralStorageSize: Int?, memorySize: Int?, timeout: Int?
    }

    private mutating func configuration() -> StoredFunctionConfig? {
        var fields = Fields()
        var seen: UInt16 = 0
        guard take(UInt8(ascii: "{")) else { return nil }
        if !take(UInt8(ascii: "}")) {
            repeat {
                guard let key = keyNumber(), seen & (1 << key) == 0, take(UInt8(ascii: ":")), read(key, into: &fields) else { return nil }
                seen |= 1 << key
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        skipWhitespace()
        guard position == bytes.count, let architectures = fields.architectures, let environment = fields.environment,
              let codeId = fields.codeId, let codeSha256 = fields.codeSha256, let codeSize = fields.codeSize,
              let description = fields.description, let ephemeralStorageSize = fields.ephemeralStorageSize,
              let handler = fields.handler, let memorySize = fields.memorySize, let role = fields.role,
              let runtime = fields.runtime, let timeout = fields.timeout else { return nil }
        return StoredFunctionConfig(
            runtime: runtime, role: role, handler: handler, description: description, timeout: timeout, memorySize: memorySize,
            environment: environment, architectures: architectures, ephemeralStorageSize: ephemeralStorageSize,
            codeId: codeId, codeSha256: codeSha256, codeSize: codeSize)
    }

    /// Reads the value of key number `key` (its place in `keys`); false when it cannot.
    private mutating func read(_ key: Int, into fields: inout Fields) -> Bool {
        switch key {
        case 0: fields.architectures = stringList(); return fields.architectures != nil
        case 1: fields.codeId = string(); return fields.codeId != nil
        case 2: fields.codeSha256 = string(); return fields.codeSha256 != nil
        case 3: fields.codeSize = integer(); return fields.codeSize != nil
        case 4: fields.description = string(); return fields.description != nil
        case 5: fields.environment = stringMap(); return fields.environment != nil
        case 6: fields.ephemeralStorageSize = integer(); return fields.ephemeralStorageSize != nil
        case 7: fields.handler = string(); return fields.handler != nil
        case 8: fields.memorySize = integer(); return fields.memorySize != nil
        case 9: fields.role = string(); return fields.role != nil
        case 10: fields.runtime = string(); return fields.runtime != nil
        default: fields.timeout = integer(); return fields.timeout != nil
        }
    }

    /// The number of the next key in `keys`, or nil when it is not one of them.
    private mutating func keyNumber() -> Int? {
        guard let range = plainString(), let base = bytes.baseAddress else { return nil }
        for (number, key) in Self.keys.enumerated()
        where key.utf8CodeUnitCount == range.count && memcmp(base + range.lowerBound, key.utf8Start, range.count) == 0 {
            return number
        }
        return nil
    }

    /// A string's bytes when it holds no escape.
    private mutating func plainString() -> Range<Int>? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                return start..<(position - 1)
            case UInt8(ascii: "\\"), 0..<0x20:
                return nil
            default:
                position += 1
            }
        }
        return nil
    }

    /// A string value; escapes other than `\uXXXX` are read, any other oddity answers nil.
    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        var ascii = true
        var start = position
        var pieces: [UInt8] = []
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                let rest = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                if !escaped { return text(rest, ascii: ascii) }
                pieces.append(contentsOf: rest)
                return pieces.withUnsafeBytes { text($0, ascii: ascii) }
            case UInt8(ascii: "\\"):
                guard position + 1 < bytes.count, let unescaped = Self.unescape(bytes[position + 1]) else { return nil }
                pieces.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
                pieces.append(unescaped)
                escaped = true
                position += 2
                start = position
            case 0..<0x20:
                return nil
            default:
                if byte >= 0x80 { ascii = false }
                position += 1
            }
        }
        return nil
    }

    /// The text of UTF-8 `bytes`, or nil when they are not valid UTF-8.
    private func text(_ bytes: UnsafeRawBufferPointer, ascii: Bool) -> String? {
        ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
    }

    /// The byte a one-character escape stands for (`\uXXXX` is left to the decoder).
    private static func unescape(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): return byte
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "f"): return 0x0c
        case UInt8(ascii: "n"): return 0x0a
        case UInt8(ascii: "r"): return 0x0d
        case UInt8(ascii: "t"): return 0x09
        default: return nil
        }
    }

    /// An integer written without fraction or exponent that fits in `Int`.
    private mutating func integer() -> Int? {
        skipWhitespace()
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let start = position
        var value = 0
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            let digit = Int(bytes[position] - UInt8(ascii: "0"))
            let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowSum) = times.addingReportingOverflow(negative ? -digit : digit)
            guard !overflowTimes, !overflowSum else { return nil }
            value = sum
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if position < bytes.count {
            let next = bytes[position]
            if next == UInt8(ascii: ".") || next == UInt8(ascii: "e") || next == UInt8(ascii: "E") { return nil }
        }
        return value
    }

    /// `["a", "b"]`.
    private mutating func stringList() -> [String]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var result: [String] = []
        if take(UInt8(ascii: "]")) { return result }
        repeat {
            guard let item = string() else { return nil }
            result.append(item)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? result : nil
    }

    /// `{"KEY": "value"}`; a repeated key answers nil.
    private mutating func stringMap() -> [String: String]? {
        guard take(UInt8(ascii: "{")) else { return nil }
        var result: [String: String] = [:]
        if take(UInt8(ascii: "}")) { return result }
        // Room for a function's usual handful of variables, instead of growing at 1, 2, 4 and 8.
        result.reserveCapacity(8)
        repeat {
            guard let key = string(), take(UInt8(ascii: ":")), let value = string(), result.updateValue(value, forKey: key) == nil else {
                return nil
            }
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "}")) ? result : nil
    }

    /// Skips whitespace, then consumes `byte` when it comes next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0a, 0x0d: position += 1
            default: return
            }
        }
    }
}
