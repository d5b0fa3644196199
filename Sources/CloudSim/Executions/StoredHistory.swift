import Cloud
import Foundation
import GRDB
import StatesLanguage

/// An execution's history as the store keeps it: one row per execution (`executionHistory`),
/// whose `events` blob holds every event with its details packed (`PackedHistoryDetails`: each
/// large payload once, however many events carry it).
///
/// Blob layout (integers are unsigned LEB128 unless said otherwise):
/// `"PH"`, format version 1; the payload count, then each payload as length and bytes; the event
/// count, then per event its id, previous event id, timestamp (IEEE 754 double, 8 bytes
/// little-endian), type (length and UTF-8) and details template (length and bytes).
struct StoredHistory: Equatable {
    /// One event; `template` is its details text with payload references.
    struct Event: Equatable {
        var id: Int
        var previousEventId: Int
        var timestamp: Double
        var type: String
        var template: [UInt8]
    }

    var events: [Event]
    var payloads: [[UInt8]]

    static let magic: [UInt8] = Array("PH".utf8) + [1]

    init(events: [Event], payloads: [[UInt8]]) {
        self.events = events
        self.payloads = payloads
    }

    /// The stored form of an interpreter's history.
    init(_ history: [HistoryEvent]) {
        let packed = HistoryEvent.packedDetails(of: history)
        events = zip(history, packed.templates).map { event, template in
            Event(id: event.id, previousEventId: event.previousEventId, timestamp: event.timestamp.timeIntervalSince1970,
                  type: event.type.rawValue, template: template)
        }
        payloads = packed.payloads
    }

    /// A history of events whose details are whole texts (nothing packed).
    init(unpacked events: [ExecutionHistoryEvent]) {
        self.events = events.map {
            Event(id: $0.id, previousEventId: $0.previousEventId, timestamp: $0.timestamp.timeIntervalSince1970,
                  type: $0.type, template: Array($0.details.utf8))
        }
        payloads = []
    }

    /// Adds an event after the last one, its details a whole text.
    mutating func append(type: String, timestamp: Double, details: [UInt8]) {
        let last = events.last?.id ?? 0
        events.append(Event(id: last + 1, previousEventId: last, timestamp: timestamp, type: type, template: details))
    }

    /// Decodes a stored blob; throws `SimError` naming `executionArn` when it is damaged.
    init(decoding blob: Data, executionArn: String) throws {
        var reader = Reader(bytes: [UInt8](blob))
        guard let events = reader.history(), reader.isAtEnd else {
            throw SimError("The stored history of \(executionArn) is damaged; reset the simulated cloud (plumb sim reset).")
        }
        self = events
    }

    /// The blob to store.
    func encoded() -> Data {
        var output = Self.magic
        output.reserveCapacity(payloads.reduce(64) { $0 + $1.count + 3 } + events.reduce(0) { $0 + $1.template.count + $1.type.utf8.count + 20 })
        Self.appendNumber(payloads.count, to: &output)
        for payload in payloads { Self.appendBytes(payload, to: &output) }
        Self.appendNumber(events.count, to: &output)
        for event in events {
            Self.appendNumber(event.id, to: &output)
            Self.appendNumber(event.previousEventId, to: &output)
            withUnsafeBytes(of: event.timestamp.bitPattern.littleEndian) { output.append(contentsOf: $0) }
            Self.appendBytes(Array(event.type.utf8), to: &output)
            Self.appendBytes(event.template, to: &output)
        }
        return Data(output)
    }

    /// The API view of every event, in order; throws `SimError` naming `executionArn` when a
    /// template refers to a payload that is not there.
    func views(executionArn: String) throws -> [ExecutionHistoryEvent] {
        try events.map { event in
            guard let details = PackedHistoryDetails.expand(event.template, payloads: payloads) else {
                throw SimError("The stored history of \(executionArn) is damaged (event \(event.id)); reset the simulated cloud (plumb sim reset).")
            }
            return ExecutionHistoryEvent(id: event.id, previousEventId: event.previousEventId,
                                         timestamp: Date(timeIntervalSince1970: event.timestamp), type: event.type, details: details)
        }
    }

    private static func appendNumber(_ value: Int, to output: inout [UInt8]) {
        var rest = UInt64(max(value, 0))
        while rest >= 0x80 {
            output.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        output.append(UInt8(rest))
    }

    private static func appendBytes(_ bytes: [UInt8], to output: inout [UInt8]) {
        appendNumber(bytes.count, to: &output)
        output.append(contentsOf: bytes)
    }

    /// Reads the blob layout; every read answers nil past the end or on a malformed number.
    private struct Reader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        mutating func history() -> StoredHistory? {
            guard bytes.starts(with: StoredHistory.magic) else { return nil }
            position = StoredHistory.magic.count
            guard let payloadCount = number(), payloadCount <= bytes.count else { return nil }
            var payloads: [[UInt8]] = []
            payloads.reserveCapacity(payloadCount)
            for _ in 0..<payloadCount {
                guard let payload = run() else { return nil }
                payloads.append(payload)
            }
            guard let eventCount = number(), eventCount <= bytes.count else { return nil }
            var events: [Event] = []
            events.reserveCapacity(eventCount)
            for _ in 0..<eventCount {
                guard let id = number(), let previous = number(), let bits = fixed64(), let type = run(), let template = run() else { return nil }
                events.append(Event(id: id, previousEventId: previous, timestamp: Double(bitPattern: bits),
                                    type: String(decoding: type, as: UTF8.self), template: template))
            }
            return StoredHistory(events: events, payloads: payloads)
        }

        mutating func number() -> Int? {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while position < bytes.count, shift < 63 {
                let byte = bytes[position]
                position += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value <= UInt64(Int.max) ? Int(value) : nil }
                shift += 7
            }
            return nil
        }

        mutating func fixed64() -> UInt64? {
            guard bytes.count - position >= 8 else { return nil }
            var value: UInt64 = 0
            for offset in 0..<8 { value |= UInt64(bytes[position + offset]) << (8 * UInt64(offset)) }
            position += 8
            return value
        }

        mutating func run() -> [UInt8]? {
            guard let count = number(), count <= bytes.count - position else { return nil }
            defer { position += count }
            return Array(bytes[position..<position + count])
        }
    }
}

extension StoredHistory {
    /// The stored history of `executionArn` (nil when none was stored yet).
    static func fetch(_ executionArn: String, _ db: Database) throws -> StoredHistory? {
        guard let blob = try Data.fetchOne(db.cachedStatement(sql: "SELECT events FROM executionHistory WHERE executionArn = ?"),
                                           arguments: [executionArn]) else { return nil }
        return try StoredHistory(decoding: blob, executionArn: executionArn)
    }

    /// Stores this history as that of `executionArn`, replacing any.
    func save(_ executionArn: String, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO executionHistory (executionArn, events) VALUES (?, ?)
            ON CONFLICT (executionArn) DO UPDATE SET events = excluded.events
            """).execute(arguments: [executionArn, encoded()])
    }
}

/// The migration that moves execution histories from one row per event (`executionEvent`) to one
/// packed row per execution (`executionHistory`).
enum PackedHistoryMigration {
    /// The frozen id of this migration.
    static let id = "v6-packed-history"

    static func migrate(_ db: Database) throws {
        try db.create(table: "executionHistory") { t in
            t.primaryKey("executionArn", .text).references("execution", column: "arn", onDelete: .cascade)
            t.column("events", .blob).notNull()
        }
        let rows = try Row.fetchCursor(db, sql: """
            SELECT executionArn, id, previousEventId, timestamp, type, details FROM executionEvent ORDER BY executionArn, id
            """)
        var arn: String?
        var events: [ExecutionHistoryEvent] = []
        func flush() throws {
            if let arn, !events.isEmpty { try StoredHistory(unpacked: events).save(arn, db) }
            events.removeAll()
        }
        while let row = try rows.next() {
            let rowArn: String = row[0]
            if rowArn != arn {
                try flush()
                arn = rowArn
            }
            events.append(ExecutionHistoryEvent(id: row[1], previousEventId: row[2], timestamp: Date(timeIntervalSince1970: row[3]),
                                                type: row[4], details: row[5]))
        }
        try flush()
        try db.drop(table: "executionEvent")
    }
}
