/// The details of a whole execution history in a form made for storage: each event's details
/// text (as `HistoryEvent.detailsJSONText()` writes it) with every large payload, and every
/// large value inside one, taken out and kept once in `payloads`, however many events carry it.
///
/// A state's output is the next state's input, a task's input is in its scheduled parameters,
/// a Lambda result is in the task's output: in a typical history each payload appears two to
/// four times. Stored packed, it is written (and read back) once.
public struct PackedHistoryDetails: Sendable, Equatable {
    /// Starts a payload reference. Compact JSON text never holds this byte (a control character
    /// is always escaped inside strings and is no whitespace outside them). The payload's index
    /// follows as 4 bytes, little-endian. A payload's own text refers only to payloads before it.
    public static let referenceMarker: UInt8 = 0x01
    /// Bytes of a reference (the marker and the index).
    public static let referenceSize = 5

    /// Per event, its details text where each reference stands for a payload's content.
    public var templates: [[UInt8]]
    /// The payloads' texts (JSON text escaped as string content, with references), each once.
    public var payloads: [[UInt8]]

    /// Creates the value.
    public init(templates: [[UInt8]], payloads: [[UInt8]]) {
        self.templates = templates
        self.payloads = payloads
    }

    /// The text `template` stands for, or nil when a reference is cut short or names a payload
    /// that does not exist (or, inside a payload, one that does not come before it).
    public static func expand(_ template: [UInt8], payloads: [[UInt8]]) -> String? {
        guard template.contains(referenceMarker) else { return String(decoding: template, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(template.count * 8)
        // Texts being copied, innermost last: which text (-1: the template), where the copy is,
        // and the payloads it may refer to (those before it).
        var stack: [(text: Int, position: Int)] = [(-1, 0)]
        while let (textIndex, position) = stack.popLast() {
            let text = textIndex < 0 ? template : payloads[textIndex]
            let limit = textIndex < 0 ? payloads.count : textIndex
            guard let marker = text[position...].firstIndex(of: referenceMarker) else {
                output.append(contentsOf: text[position...])
                continue
            }
            output.append(contentsOf: text[position..<marker])
            guard marker + referenceSize <= text.count else { return nil }
            var index = 0
            for offset in 0..<4 { index |= Int(text[marker + 1 + offset]) << (8 * offset) }
            guard index < limit else { return nil }
            stack.append((textIndex, marker + referenceSize))
            stack.append((index, 0))
        }
        return String(decoding: output, as: UTF8.self)
    }
}

extension HistoryEvent {
    /// The details of `events`, packed: expanding `templates[i]` gives `events[i].detailsJSONText()`.
    public static func packedDetails(of events: [HistoryEvent]) -> PackedHistoryDetails {
        let table = PayloadTable()
        let templates = events.map { event -> [UInt8] in
            guard let key = event.detailsKey else { return Array("{}".utf8) }
            var sink = DetailsTextSink(key: key, payloads: table)
            event.writeDetails(into: &sink)
            return sink.finishBytes()
        }
        return PackedHistoryDetails(templates: templates, payloads: table.texts)
    }
}

/// The payloads of one packing. A `JSONWriter` writing embedded text hands it each large object
/// and array it writes: the text moves here and the writer's output keeps a reference.
///
/// A value is found again by the identity of its storage (a value shared between events, or
/// between a payload and a payload holding it, is written once), and by its text after that.
/// Every value written must stay alive while the table is used (a storage address then names
/// one unchanging content).
final class PayloadTable {
    /// Shorter texts stay in place (a reference would save little).
    static let minimumBytes = 64
    private(set) var texts: [[UInt8]] = []
    private var byStorage: [UnsafeRawPointer: Int] = [:]
    private var byText: [TextKey: Int] = [:]

    /// Appends a reference to the payload already made of `storage`; false when there is none.
    func reference<Element>(_ storage: [Element], into output: inout [UInt8]) -> Bool {
        guard let key = Self.key(storage), let index = byStorage[key] else { return false }
        Self.appendReference(index, to: &output)
        return true
    }

    /// Moves `output[start...]`, the text just written for `storage`, here when it is large
    /// enough, and leaves a reference in its place.
    func keep<Element>(_ storage: [Element], _ output: inout [UInt8], from start: Int) {
        guard output.count - start >= Self.minimumBytes, let key = Self.key(storage) else { return }
        let text = TextKey(Array(output[start...]))
        let index: Int
        if let known = byText[text] {
            index = known
        } else {
            index = texts.count
            texts.append(text.bytes)
            byText[text] = index
        }
        byStorage[key] = index
        output.removeSubrange(start...)
        Self.appendReference(index, to: &output)
    }

    /// Bytes as a dictionary key, hashed as one block (hashing an array of bytes feeds the
    /// hasher one byte at a time, several times slower).
    private struct TextKey: Hashable {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    private static func appendReference(_ index: Int, to output: inout [UInt8]) {
        output.append(PackedHistoryDetails.referenceMarker)
        for offset in 0..<4 { output.append(UInt8(truncatingIfNeeded: index >> (8 * offset))) }
    }

    private static func key<Element>(_ storage: [Element]) -> UnsafeRawPointer? {
        storage.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeRawPointer($0) } }
    }
}
