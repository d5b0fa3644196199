/// How `JSONValue.serialized(_:)` writes JSON text.
public struct JSONWritingOptions: OptionSet, Sendable {
    /// The option bits.
    public let rawValue: Int
    /// Creates options from bits.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Object members sorted by key (code point order) instead of insertion order.
    public static let sortedKeys = JSONWritingOptions(rawValue: 1)
    /// Two-space indentation and one member per line.
    public static let prettyPrinted = JSONWritingOptions(rawValue: 2)
    /// Escape every non-ASCII character as `\uXXXX` (as Python's `json.dumps` does by default).
    public static let asciiOnly = JSONWritingOptions(rawValue: 4)
}

extension JSONValue {
    /// JSON text for this value: compact by default; integers without ".0"; non-finite
    /// doubles (which JSON cannot represent) are written as `null`.
    public func serialized(_ options: JSONWritingOptions = []) -> String {
        var writer = JSONWriter(options: options)
        writer.write(self, indent: 0)
        return String(decoding: writer.output, as: UTF8.self)
    }

    /// UTF-8 JSON text for this value.
    public func serializedBytes(_ options: JSONWritingOptions = []) -> [UInt8] {
        var writer = JSONWriter(options: options)
        writer.write(self, indent: 0)
        return writer.output
    }
}

struct JSONWriter {
    let options: JSONWritingOptions
    /// Writes the text already escaped as the content of a JSON string (quotes and backslashes
    /// escaped once more), as `writeString` would write the compact text: one pass instead of
    /// serializing and then escaping the result.
    var embedded = false
    /// Where the embedded text of large objects and arrays goes, the output holding a reference
    /// instead (see `PayloadTable`); only for a writer whose options never change.
    var payloads: PayloadTable?
    var output: [UInt8] = []

    init(options: JSONWritingOptions) {
        self.options = options
        output.reserveCapacity(256)
    }

    mutating func write(_ value: JSONValue, indent: Int) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): writeInteger(number)
        case .double(let number): append(number.isFinite ? String(number) : "null")
        case .string(let text): writeString(text)
        case .array(let elements):
            guard !elements.isEmpty else { return append("[]") }
            let table = embedded ? payloads : nil
            if let table, table.reference(elements, into: &output) { return }
            let start = output.count
            defer { table?.keep(elements, &output, from: start) }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                write(element, indent: indent + 1)
            }
            newline(indent)
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            guard !object.isEmpty else { return append("{}") }
            let table = embedded ? payloads : nil
            if let table, table.reference(object.members, into: &output) { return }
            let start = output.count
            defer { table?.keep(object.members, &output, from: start) }
            let members = options.contains(.sortedKeys) ? object.sortedByKey().members : object.members
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                writeString(member.key)
                output.append(UInt8(ascii: ":"))
                if options.contains(.prettyPrinted) { output.append(UInt8(ascii: " ")) }
                write(member.value, indent: indent + 1)
            }
            newline(indent)
            output.append(UInt8(ascii: "}"))
        }
    }

    /// Decimal digits of `number`, written without making a string.
    mutating func writeInteger(_ number: Int64) {
        if number < 0 { output.append(UInt8(ascii: "-")) }
        var rest = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for the 20 digits of UInt64.max
        let count = withUnsafeMutableBytes(of: &digits) { buffer -> Int in
            var count = 0
            repeat {
                buffer[buffer.count - 1 - count] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            return count
        }
        withUnsafeBytes(of: &digits) { buffer in output.append(contentsOf: buffer[(buffer.count - count)...]) }
    }

    mutating func newline(_ indent: Int) {
        guard options.contains(.prettyPrinted) else { return }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    static let hexDigits = Array("0123456789abcdef".utf8)

    mutating func writeString(_ text: String) {
        quote()
        if options.contains(.asciiOnly) {
            for unit in text.utf16 {
                if unit < 0x80 { escapeASCII(UInt8(unit)) } else { writeUnicodeEscape(unit) }
            }
        } else {
            var text = text
            text.withUTF8 { bytes in appendEscaping(bytes) }
        }
        quote()
    }

    /// A string's quote: `"`, or `\"` when embedded.
    mutating func quote() {
        if embedded { output.append(UInt8(ascii: "\\")) }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 `bytes`, copying runs that need no escape at once.
    mutating func appendEscaping(_ bytes: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if start < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            escapeASCII(byte)
            start = index + 1
        }
        if start < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
    }

    mutating func escapeASCII(_ byte: UInt8) {
        let backslash = UInt8(ascii: "\\")
        if embedded {
            // The escape sequence itself is text inside a string: its backslash, and an
            // escaped quote or backslash, need one more backslash each.
            switch byte {
            case UInt8(ascii: "\""), backslash:
                output.append(backslash); output.append(backslash); output.append(backslash); output.append(byte)
                return
            case 0..<0x20:
                output.append(backslash)
            default:
                output.append(byte)
                return
            }
        }
        switch byte {
        case UInt8(ascii: "\""), backslash: output.append(backslash); output.append(byte)
        case 0x0A: output.append(backslash); output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(backslash); output.append(UInt8(ascii: "r"))
        case 0x09: output.append(backslash); output.append(UInt8(ascii: "t"))
        case 0x08: output.append(backslash); output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(backslash); output.append(UInt8(ascii: "f"))
        case 0..<0x20: writeUnicodeEscape(UInt16(byte))
        default: output.append(byte)
        }
    }

    mutating func writeUnicodeEscape(_ unit: UInt16) {
        append("\\u")
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(Self.hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
        }
    }
}
