import CYAML

/// Reads a YAML stream one event at a time, for a decoder that wants no node tree.
///
/// Only the plain shape of a document is described: collections and scalars without anchors or
/// tags. Anything else (an alias, an anchored or tagged node) comes out as `unsupported`, and a
/// syntax error ends the events (`next()` returns nil): the decoder then falls back to
/// `YAMLParser`, which explains every problem. Scalars come as nodes, exactly as `YAMLParser`
/// would build them.
///
/// The reader does not copy its input: the memory must stay alive and unchanged while it exists.
public final class YAMLEventReader {
    /// One event.
    public enum Event {
        case documentStart
        case documentEnd
        case streamEnd
        /// A mapping starts at the mark; its keys and values follow, then `mappingEnd`.
        case mappingStart(Mark)
        case mappingEnd
        /// A sequence starts at the mark; its items follow, then `sequenceEnd`.
        case sequenceStart(Mark)
        case sequenceEnd
        /// A scalar without anchor or tag.
        case scalar(YAMLNode)
        /// An alias, or a node with an anchor or a tag.
        case unsupported
    }

    private let parser: EventParser
    private let file: String

    /// A reader of the stream in `buffer` (a UTF-8 byte order mark is skipped); nil for input
    /// `YAMLParser` rejects before parsing (empty, or UTF-16 or UTF-32).
    public init?(buffer: UnsafeRawBufferPointer, file: String) {
        guard let input = try? InputCheck.stripBOM(buffer, file: file), let base = input.baseAddress, input.count > 0 else {
            return nil
        }
        parser = EventParser(input: base.assumingMemoryBound(to: UInt8.self), count: input.count)
        self.file = file
    }

    /// The next event (the stream's start is skipped), or nil when the parser failed.
    public func next() -> Event? {
        while true {
            // nil: the parser failed; .some(nil): an event with nothing to report (the stream's start).
            guard let step = try? parser.next({ Self.event($0, file: file) }) else { return nil }
            if let event = step { return event }
        }
    }

    private static func event(_ event: yaml_event_t, file: String) -> Event? {
        switch event.type {
        case YAML_SCALAR_EVENT:
            let s = event.data.scalar
            guard s.tag == nil, s.anchor == nil else { return .unsupported }
            let text = s.value.map { String(decoding: UnsafeBufferPointer(start: $0, count: s.length), as: UTF8.self) } ?? ""
            return .scalar(YAMLNode(.scalar(Scalar(text: text, style: TreeBuilder.style(s.style))), mark: mark(event.start_mark), file: file))
        case YAML_MAPPING_START_EVENT:
            let m = event.data.mapping_start
            return m.tag == nil && m.anchor == nil ? .mappingStart(mark(event.start_mark)) : .unsupported
        case YAML_SEQUENCE_START_EVENT:
            let s = event.data.sequence_start
            return s.tag == nil && s.anchor == nil ? .sequenceStart(mark(event.start_mark)) : .unsupported
        case YAML_MAPPING_END_EVENT: return .mappingEnd
        case YAML_SEQUENCE_END_EVENT: return .sequenceEnd
        case YAML_DOCUMENT_START_EVENT: return .documentStart
        case YAML_DOCUMENT_END_EVENT: return .documentEnd
        case YAML_STREAM_END_EVENT: return .streamEnd
        case YAML_ALIAS_EVENT: return .unsupported
        default: return nil
        }
    }

    private static func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: m.line + 1, column: m.column + 1)
    }
}
