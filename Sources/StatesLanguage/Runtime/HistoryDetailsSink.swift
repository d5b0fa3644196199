/// Receives the fields of a history event's details, in order (see `HistoryEvent.writeDetails`).
protocol HistoryDetailsSink {
    /// A string field; nil writes nothing.
    mutating func text(_ key: String, _ value: String?)
    /// A payload: `key` holds the value's JSON text as a string, `<key>Details` says it is whole.
    mutating func payload(_ key: String, _ value: JSONValue?)
    /// A JSON value written as its JSON text in a string field.
    mutating func jsonText(_ key: String, _ value: JSONValue)
    /// An integer field.
    mutating func integer(_ key: String, _ value: Int)
}

/// Builds the details as a JSON object (for `awsJSON()`).
struct DetailsObjectSink: HistoryDetailsSink {
    var body = JSONObject()

    mutating func text(_ key: String, _ value: String?) {
        if let value { body[key] = .string(value) }
    }

    mutating func payload(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        body[key] = .string(value.serialized())
        body[key + "Details"] = ["truncated": false]
    }

    mutating func jsonText(_ key: String, _ value: JSONValue) {
        body[key] = .string(value.serialized())
    }

    mutating func integer(_ key: String, _ value: Int) {
        body[key] = .int(Int64(value))
    }
}

/// Writes the details straight to compact JSON text: a payload is serialized once, already
/// escaped as string content, instead of becoming a `String` inside a `JSONValue` tree that is
/// serialized again.
struct DetailsTextSink: HistoryDetailsSink {
    private var writer = JSONWriter(options: [])
    private var fields = 0

    /// A sink for the details member named `key`; with `payloads`, large payloads (and large
    /// values inside them) are kept there and referred to from the text (see `PackedHistoryDetails`).
    init(key: String, payloads: PayloadTable? = nil) {
        writer.payloads = payloads
        writer.output.reserveCapacity(1024)
        writer.output.append(UInt8(ascii: "{"))
        writer.writeString(key)
        writer.output.append(UInt8(ascii: ":"))
    }

    private mutating func key(_ key: String) {
        writer.output.append(fields == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
        fields += 1
        writer.writeString(key)
        writer.output.append(UInt8(ascii: ":"))
    }

    mutating func text(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        writer.writeString(value)
    }

    mutating func payload(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        jsonText(key, value)
        self.key(key + "Details")
        writer.append(#"{"truncated":false}"#)
    }

    mutating func jsonText(_ key: String, _ value: JSONValue) {
        self.key(key)
        writer.output.append(UInt8(ascii: "\""))
        writer.embedded = true
        writer.write(value, indent: 0)
        writer.embedded = false
        writer.output.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ key: String, _ value: Int) {
        self.key(key)
        writer.writeInteger(Int64(value))
    }

    /// The text `{"<key>":{…}}` of the fields written so far.
    mutating func finish() -> String {
        String(decoding: finishBytes(), as: UTF8.self)
    }

    /// `finish()` as UTF-8 bytes.
    mutating func finishBytes() -> [UInt8] {
        if fields == 0 { writer.output.append(UInt8(ascii: "{")) }
        writer.output.append(UInt8(ascii: "}"))
        writer.output.append(UInt8(ascii: "}"))
        return writer.output
    }
}
