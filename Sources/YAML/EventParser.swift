import CYAML

/// Owns one libyaml parser over memory the caller keeps alive and unchanged while it exists.
///
/// The initializer takes ownership of a freshly initialized `yaml_parser_t`; `deinit` deletes it.
/// Events are handed out only inside `next(_:)`'s closure and deleted right after it.
final class EventParser {
    private let parser: UnsafeMutablePointer<yaml_parser_t>

    /// Creates a parser reading `count` bytes at `input` as UTF-8.
    init(input: UnsafePointer<UInt8>, count: Int) {
        parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        // yaml_parser_initialize only fails when malloc fails; the next parse call then
        // reports a memory error through the normal error path.
        _ = yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input, count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
    }

    /// Parses the next event and returns what `body` makes of it, or nil when parsing failed
    /// (read the failure with `failure()`). The event is deleted when `body` returns.
    func next<R>(_ body: (inout yaml_event_t) throws -> R) throws -> R? {
        var event = yaml_event_t()
        guard yaml_parser_parse(parser, &event) == 1 else { return nil }
        defer { yaml_event_delete(&event) }
        return try body(&event)
    }

    /// libyaml's description of the last failure.
    func failure() -> Failure {
        let p = parser.pointee
        return Failure(
            kind: p.error,
            problem: p.problem.map { String(cString: $0) } ?? "unknown error",
            problemMark: p.problem_mark,
            problemOffset: p.problem_offset,
            problemValue: p.problem_value,
            context: p.context.map { String(cString: $0) },
            contextMark: p.context_mark)
    }

    /// A copy of libyaml's error fields.
    struct Failure {
        var kind: yaml_error_type_t
        var problem: String
        var problemMark: yaml_mark_t
        var problemOffset: Int
        var problemValue: Int32
        var context: String?
        var contextMark: yaml_mark_t
    }
}
