import CYAML

/// The one place libyaml failures become `YAMLError`s, reworded for people.
enum LibYAMLErrors {
    static func error(_ failure: EventParser.Failure, file: String, source: UnsafeRawBufferPointer) -> YAMLError {
        switch failure.kind {
        case YAML_MEMORY_ERROR:
            return YAMLError(.syntax, file: file, mark: Mark(line: 1, column: 1),
                             message: "libyaml ran out of memory while parsing")
        case YAML_READER_ERROR:
            return readerError(failure, file: file, source: source)
        default:
            let mark = Mark(line: failure.problemMark.line + 1, column: failure.problemMark.column + 1)
            var message = reworded(failure.problem, at: mark, source: source)
            let contextMark = Mark(line: failure.contextMark.line + 1, column: failure.contextMark.column + 1)
            if let context = failure.context, contextMark != mark {
                message += " (\(context) that starts at \(contextMark))"
            }
            return YAMLError(.syntax, file: file, mark: mark, message: message)
        }
    }

    private static func readerError(_ failure: EventParser.Failure, file: String, source: UnsafeRawBufferPointer) -> YAMLError {
        let mark = InputCheck.mark(ofByteOffset: failure.problemOffset, in: source)
        let hex = String(failure.problemValue, radix: 16, uppercase: true)
        let byte = failure.problemValue >= 0 ? " (byte 0x\(hex.count < 2 ? "0" + hex : hex))" : ""
        if failure.problem.contains("UTF-8") || failure.problem.contains("Unicode") {
            return YAMLError(.encoding, file: file, mark: mark,
                             message: "the file is not valid UTF-8: \(failure.problem)\(byte); save it as UTF-8")
        }
        if failure.problem.contains("control characters") {
            return YAMLError(.encoding, file: file, mark: mark,
                             message: "control characters are not allowed in YAML\(byte); remove them or use a double-quoted escape")
        }
        return YAMLError(.encoding, file: file, mark: mark, message: "\(failure.problem)\(byte)")
    }

    private static func reworded(_ problem: String, at mark: Mark, source: UnsafeRawBufferPointer) -> String {
        let offset = InputCheck.byteOffset(of: mark, in: source)
        let character = offset < source.count ? source[offset] : 0
        if problem.contains("cannot start any token"), character == 0x09 {
            return "a tab character cannot be used here; indent YAML with spaces"
        }
        if problem == "mapping values are not allowed in this context" {
            return "a ':' followed by a space is not allowed here; quote the value if it contains ': ', or fix the indentation"
        }
        if problem == "did not find expected key" {
            return "expected a key at this indentation; check the indentation and the ':' of the line before"
        }
        if problem == "found unknown escape character" {
            return "unknown escape sequence in a double-quoted string; write \\\\ for a backslash, or use single quotes"
        }
        if problem == "found unexpected end of stream" {
            return "the file ends inside a quoted string or block; close the quote"
        }
        if problem == "did not find expected '-' indicator" {
            return "expected a '-' list item at this indentation; check the indentation"
        }
        return problem
    }
}
