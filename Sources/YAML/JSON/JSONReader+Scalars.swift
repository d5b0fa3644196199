extension JSONReader {
    mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                pos += 1
            case UInt8(ascii: "\n"):
                pos += 1
                line += 1
                lineStart = pos
                continuationBytes = 0
            default:
                return
            }
        }
    }

    /// The current character, quoted, for messages.
    func describeCurrent() -> String {
        guard pos < bytes.count else { return "the end of input" }
        let c = bytes[pos]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        switch c {
        case UInt8(ascii: " "): return "a space"
        case UInt8(ascii: "\n"): return "a line break"
        default: return "the byte 0x\(String(c, radix: 16, uppercase: true))"
        }
    }

    /// Reads `true`, `false`, `null` or a number and pushes a plain scalar holding its exact text.
    mutating func readLiteralOrNumber() throws {
        let start = mark
        let first = bytes[pos]
        for word: StaticString in ["true", "false", "null"] where first == word.utf8Start.pointee {
            let count = word.utf8CodeUnitCount
            guard pos + count <= bytes.count,
                  (0..<count).allSatisfy({ bytes[pos + $0] == word.utf8Start[$0] }) else { break }
            pos += count
            nodes.pushScalar(word.description, style: .plain, tag: nil, mark: start, file: fileName)
            return
        }
        if first == UInt8(ascii: "t") || first == UInt8(ascii: "f") || first == UInt8(ascii: "n") {
            throw fail("expected a value: a word starting with '\(Character(Unicode.Scalar(first)))' must be true, false or null")
        }
        guard first == UInt8(ascii: "-") || isDigit(first) else {
            var message = "expected a value, found \(describeCurrent())"
            if first == UInt8(ascii: "]") || first == UInt8(ascii: "}") { message += " (trailing commas are not allowed)" }
            if first == UInt8(ascii: "'") { message += " (strings take double quotes)" }
            if first == UInt8(ascii: "N") || first == UInt8(ascii: "I") { message += " (NaN and Infinity are not JSON)" }
            throw fail(message)
        }
        let begin = pos
        if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("expected a digit in the number") }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
            if pos < bytes.count, isDigit(bytes[pos]) { throw fail("numbers cannot have leading zeros") }
        } else {
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("expected a digit after the decimal point") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("expected a digit in the exponent") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[begin..<pos]), as: UTF8.self)
        nodes.pushScalar(text, style: .plain, tag: nil, mark: start, file: fileName)
    }

    private func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// Reads a string starting at its opening quote, pushes it as a double-quoted scalar, and
    /// returns the hash of its text (for duplicate-key checks).
    @discardableResult
    mutating func readString() throws -> UInt64 {
        let start = mark
        pos += 1
        let begin = pos
        // Fast path: printable ASCII without escapes.
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[begin..<pos])
                pos += 1
                nodes.pushScalar(String(decoding: raw, as: UTF8.self), style: .doubleQuoted, tag: nil, mark: start, file: fileName)
                return KeyHashes.hash(raw)
            }
            if c == UInt8(ascii: "\\") || c < 0x20 || c >= 0x80 { break }
            pos += 1
        }
        var buffer = Array(bytes[begin..<pos])
        while true {
            guard pos < bytes.count else { throw fail("unexpected end of input in the string that starts at \(start)") }
            let c = bytes[pos]
            switch c {
            case UInt8(ascii: "\""):
                pos += 1
                nodes.pushScalar(String(decoding: buffer, as: UTF8.self), style: .doubleQuoted, tag: nil, mark: start, file: fileName)
                return buffer.withUnsafeBufferPointer { KeyHashes.hash($0) }
            case UInt8(ascii: "\\"):
                try readEscape(into: &buffer)
            case 0..<0x20:
                let what = c == 0x0A ? "a line break" : "the control character 0x\(String(c, radix: 16, uppercase: true))"
                throw fail("\(what) must be escaped inside a string")
            case 0x80...:
                try readUTF8(into: &buffer)
            default:
                buffer.append(c)
                pos += 1
            }
        }
    }

    /// Reads one escape sequence (`\n`, `\u00e9`, a surrogate pair) at `pos`.
    private mutating func readEscape(into buffer: inout [UInt8]) throws {
        guard pos + 1 < bytes.count else { throw fail("unexpected end of input in an escape sequence") }
        let c = bytes[pos + 1]
        let simple: UInt8?
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): simple = c
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw fail("invalid escape sequence '\\\(describeEscape(c))'; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX")
        }
        if let simple {
            buffer.append(simple)
            pos += 2
            return
        }
        let escapeMark = mark
        var scalar = try readHex4()
        if scalar >= 0xD800 && scalar <= 0xDBFF {
            let lowMark = mark
            guard pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") else {
                throw fail("unpaired surrogate \\u\(hex(scalar)): a high surrogate must be followed by a low surrogate escape", at: escapeMark)
            }
            let low = try readHex4()
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw fail("unpaired surrogate \\u\(hex(scalar)): \\u\(hex(low)) is not a low surrogate", at: lowMark)
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
            throw fail("unpaired surrogate \\u\(hex(scalar)): a low surrogate must follow a high surrogate", at: escapeMark)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw fail("invalid code point", at: escapeMark) }
        if let encoded = UTF8.encode(unicode) { buffer.append(contentsOf: encoded) }
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func describeEscape(_ c: UInt8) -> String {
        c >= 0x21 && c < 0x7F ? String(Character(Unicode.Scalar(c))) : "0x\(String(c, radix: 16))"
    }

    /// Reads `\uXXXX` at `pos` and returns the 16-bit value.
    private mutating func readHex4() throws -> UInt32 {
        pos += 2
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard pos < bytes.count else { throw fail("unexpected end of input in a \\u escape") }
            let c = bytes[pos]
            let digit: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
            default: throw fail("a \\u escape needs four hexadecimal digits, found \(describeCurrent())")
            }
            value = value << 4 | UInt32(digit)
            pos += 1
        }
        return value
    }

    /// Copies one well-formed multi-byte UTF-8 sequence at `pos`, or fails on malformed bytes.
    private mutating func readUTF8(into buffer: inout [UInt8]) throws {
        let lead = bytes[pos]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default:
            throw YAMLError(.encoding, file: file, mark: mark,
                            message: "the file is not valid UTF-8 (byte 0x\(String(lead, radix: 16, uppercase: true))); save it as UTF-8")
        }
        for i in 1..<length {
            let ok = pos + i < bytes.count && bytes[pos + i] >= (i == 1 ? lower : 0x80) && bytes[pos + i] <= (i == 1 ? upper : 0xBF)
            if !ok {
                throw YAMLError(.encoding, file: file, mark: mark,
                                message: "the file is not valid UTF-8 (a broken \(length)-byte sequence); save it as UTF-8")
            }
        }
        buffer.append(contentsOf: bytes[pos..<pos + length])
        pos += length
        continuationBytes += length - 1
    }
}
