import Foundation

/// The framing between the runtime and a worker (see the header of `PythonBootstrap.script`).
///
/// Every frame is a 32-bit big-endian length and that many bytes. A request carries a header
/// line, `request-id TAB deadline-epoch-ms TAB invoked-arn LF`, then the payload. A response
/// carries one kind byte, the worker's peak RSS in KiB (32-bit big-endian), then the body.
enum WorkerProtocol {
    /// What a response frame says.
    enum Kind: UInt8 {
        /// The handler is loaded; the worker waits for requests.
        case ready = 0x52  // R
        /// Loading the handler failed; the body is the error JSON; the worker exits.
        case initError = 0x49  // I
        /// The handler returned; the body is its JSON result.
        case success = 0x53  // S
        /// The handler raised; the body is the error JSON.
        case handlerError = 0x45  // E
        /// The runtime failed the invocation (marshal errors); the body is the error JSON.
        case runtimeError = 0x58  // X
        /// The worker ran out of memory and exits; the body is empty.
        case outOfMemory = 0x4D  // M
    }

    /// One decoded response.
    struct Response: Sendable {
        var kind: Kind
        var maxRSSKiB: UInt32
        var body: Data
    }

    /// Largest response frame accepted; past it the worker is considered broken.
    static let maxFrameBytes = 64 << 20

    /// The request frame for one invocation; the deadline is written in milliseconds with
    /// three decimals (`1700000000123.456`).
    static func requestFrame(requestId: String, deadlineEpochMicros: Int64, invokedArn: String, payload: Data) -> [UInt8] {
        let micros = max(deadlineEpochMicros, 0)
        let fraction = String(micros % 1000)
        let deadline = "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.utf8.count) + fraction
        let length = requestId.utf8.count + deadline.utf8.count + invokedArn.utf8.count + 3 + payload.count
        var frame: [UInt8] = []
        frame.reserveCapacity(4 + length)
        appendLength(UInt32(length), to: &frame)
        frame.append(contentsOf: requestId.utf8)
        frame.append(0x09)
        frame.append(contentsOf: deadline.utf8)
        frame.append(0x09)
        frame.append(contentsOf: invokedArn.utf8)
        frame.append(0x0A)
        frame.append(contentsOf: payload)
        return frame
    }

    /// Whether `text` can go into the tab-separated header line.
    static func isHeaderSafe(_ text: String) -> Bool {
        !text.isEmpty && !text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D })
    }

    /// Outcome of looking for a response frame at the start of `buffer[start...]`.
    enum Parse {
        case incomplete
        case frame(Response, consumed: Int)
        case invalid(String)
    }

    /// Looks for one complete response frame in `buffer` from `start`.
    static func parseResponse(_ buffer: [UInt8], from start: Int) -> Parse {
        let available = buffer.count - start
        guard available >= 4 else { return .incomplete }
        let length = Int(readUInt32(buffer, at: start))
        guard length >= 5, length <= maxFrameBytes else {
            return .invalid("a response frame of \(length) bytes")
        }
        guard available >= 4 + length else { return .incomplete }
        guard let kind = Kind(rawValue: buffer[start + 4]) else {
            return .invalid("an unknown response kind \(buffer[start + 4])")
        }
        let rss = readUInt32(buffer, at: start + 5)
        let body = Data(buffer[(start + 9)..<(start + 4 + length)])
        return .frame(Response(kind: kind, maxRSSKiB: rss, body: body), consumed: 4 + length)
    }

    private static func appendLength(_ value: UInt32, to frame: inout [UInt8]) {
        frame.append(UInt8(truncatingIfNeeded: value >> 24))
        frame.append(UInt8(truncatingIfNeeded: value >> 16))
        frame.append(UInt8(truncatingIfNeeded: value >> 8))
        frame.append(UInt8(truncatingIfNeeded: value))
    }

    private static func readUInt32(_ buffer: [UInt8], at index: Int) -> UInt32 {
        UInt32(buffer[index]) << 24 | UInt32(buffer[index + 1]) << 16 | UInt32(buffer[index + 2]) << 8 | UInt32(buffer[index + 3])
    }
}
