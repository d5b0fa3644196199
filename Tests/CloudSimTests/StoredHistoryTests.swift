import Cloud
@testable import CloudSim
import Foundation
import GRDB
import PlumbTesting
import StatesLanguage
import Testing

/// Execution histories are stored packed, one row per execution (`StoredHistory`); what reads
/// back must be exactly the events the interpreter recorded, and damaged rows are refused.
@Suite struct StoredHistoryTests {
    static let time = Date(timeIntervalSince1970: 1_700_000_000.25)

    /// A history whose large payloads are shared between events, as an interpreter's is.
    static func history() -> [HistoryEvent] {
        let services: JSONValue = .array((0..<12).map { index in
            ["name": .string("service-\(index)"), "version": .string("1.\(index).0"), "notes": "line \"one\"\nline two"]
        })
        let input: JSONValue = ["environment": "test", "services": services]
        var output = input
        if case .object(var object) = output {
            object["status"] = "DEPLOYED"
            output = .object(object)
        }
        return [
            HistoryEvent(id: 1, previousEventId: 0, timestamp: time, type: .executionStarted,
                         details: HistoryEventDetails(input: input, roleArn: "arn:aws:iam::123456789012:role/r")),
            HistoryEvent(id: 2, previousEventId: 1, timestamp: time, type: .taskStateEntered, details: HistoryEventDetails(name: "Deploy", input: input)),
            HistoryEvent(id: 3, previousEventId: 2, timestamp: time, type: .taskScheduled,
                         details: HistoryEventDetails(resource: "invoke", resourceType: "lambda", region: "us-east-1",
                                                      parameters: ["FunctionName": "f", "Payload": input], timeoutInSeconds: 60)),
            HistoryEvent(id: 4, previousEventId: 3, timestamp: time, type: .taskStarted, details: HistoryEventDetails(resource: "invoke", resourceType: "lambda")),
            HistoryEvent(id: 5, previousEventId: 4, timestamp: time.addingTimeInterval(0.5), type: .taskSucceeded,
                         details: HistoryEventDetails(output: ["Payload": output, "StatusCode": 200], resource: "invoke", resourceType: "lambda")),
            HistoryEvent(id: 6, previousEventId: 5, timestamp: time.addingTimeInterval(0.5), type: .taskStateExited,
                         details: HistoryEventDetails(name: "Deploy", output: output)),
            HistoryEvent(id: 7, previousEventId: 6, timestamp: time.addingTimeInterval(0.5), type: .executionSucceeded,
                         details: HistoryEventDetails(output: output)),
        ]
    }

    /// What GetExecutionHistory answered when each event was stored as its own row.
    static func expectedViews(_ events: [HistoryEvent]) -> [ExecutionHistoryEvent] {
        events.map {
            ExecutionHistoryEvent(id: $0.id, previousEventId: $0.previousEventId, timestamp: $0.timestamp,
                                  type: $0.type.rawValue, details: $0.detailsJSONText())
        }
    }

    @Test func history_encodedAndDecoded_readsBackEveryEventExactly() throws {
        let events = Self.history()
        let stored = StoredHistory(events)
        let blob = stored.encoded()
        let decoded = try StoredHistory(decoding: blob, executionArn: "arn")
        #expect(decoded == stored)
        #expect(try decoded.views(executionArn: "arn") == Self.expectedViews(events))
        let whole = Self.expectedViews(events).reduce(0) { $0 + $1.details.utf8.count }
        #expect(blob.count * 2 < whole, "each shared payload is stored once")
    }

    @Test func damagedBlob_isRefusedWithTheExecutionNamed() throws {
        let blob = StoredHistory(Self.history()).encoded()
        for length in [0, 2, 3, 10, blob.count / 2, blob.count - 1] {
            let error = #expect(throws: SimError.self) { _ = try StoredHistory(decoding: blob.prefix(length), executionArn: "arn:x") }
            #expect(error?.message.contains("arn:x") == true)
        }
        var badMagic = blob
        badMagic[0] = UInt8(ascii: "X")
        #expect(throws: SimError.self) { _ = try StoredHistory(decoding: badMagic, executionArn: "arn:x") }
        #expect(throws: SimError.self) { _ = try StoredHistory(decoding: blob + Data([0]), executionArn: "arn:x") }
        var lost = StoredHistory(Self.history())
        lost.payloads.removeLast()
        #expect(throws: SimError.self) { _ = try lost.views(executionArn: "arn:x") }
    }

    @Test func append_followsTheLastEvent_orStartsTheHistory() throws {
        var history = StoredHistory(Self.history())
        history.append(type: "ExecutionAborted", timestamp: 5, details: Array(#"{"executionAbortedEventDetails":{}}"#.utf8))
        let views = try history.views(executionArn: "arn")
        #expect(views.last == ExecutionHistoryEvent(id: 8, previousEventId: 7, timestamp: Date(timeIntervalSince1970: 5),
                                                   type: "ExecutionAborted", details: #"{"executionAbortedEventDetails":{}}"#))
        var empty = StoredHistory(events: [], payloads: [])
        empty.append(type: "ExecutionAborted", timestamp: 5, details: Array("{}".utf8))
        #expect(empty.events.map(\.id) == [1] && empty.events.map(\.previousEventId) == [0])
    }

    @Test func historyTheStoreRefuses_stillEndsTheExecution_withoutAHistory() async throws {
        try await SimFixture.with(settings: SimSettings(seed: 1, rateLimitsEnabled: false)) { sim in
            let machine = try await sim.makeMachine("refused", definition: #"{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"#)
            let kept = try await sim.run(machine.stateMachineArn, input: #"{"a":1}"#, name: "kept")
            // What SQLite answers for a value past its size limit, for every history from now on.
            try await DatabaseQueue(path: sim.cloud.databasePath).write { db in
                try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON executionHistory BEGIN SELECT RAISE(ABORT, 'string or blob too big'); END")
            }
            let started = try await sim.provider.startExecution(StartExecutionRequest(stateMachineArn: machine.stateMachineArn, name: "refused",
                                                                                      input: #"{"a":2}"#))
            // Until its task is over, the history of a running execution is read from memory.
            await sim.provider.awaitExecution(started.executionArn)
            let refused = try await sim.provider.describeExecution(started.executionArn)
            #expect(refused.status == .succeeded)
            #expect(refused.output == #"{"a":2}"#)
            #expect(try await sim.provider.getExecutionHistory(refused.executionArn, reverseOrder: false).isEmpty)
            #expect(try await sim.provider.getExecutionHistory(kept.executionArn, reverseOrder: false).map(\.type)
                == ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"])
        }
    }

    @Test func storeWithOneRowPerEvent_migrates_toTheSameHistories() throws {
        let folder = try TemporaryDirectory(prefix: "plumb-history-migration")
        let queue = try DatabaseQueue(path: folder.appending("cloud.sqlite"))
        try SimMigrations.migrator.migrate(queue, upTo: ChangeCounting.migrationId)
        let first = Self.expectedViews(Self.history())
        let second = [ExecutionHistoryEvent(id: 1, previousEventId: 0, timestamp: Self.time, type: "ExecutionStarted",
                                            details: #"{"executionStartedEventDetails":{"input":"{}"}}"#)]
        try queue.write { db in
            for (name, events) in [("one", first), ("two", second)] {
                let arn = "arn:aws:states:us-east-1:123456789012:execution:m:\(name)"
                try ExecutionRecord(arn: arn, account: "123456789012", region: "us-east-1",
                                    stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m", name: name,
                                    definition: "{}", roleArn: "arn:aws:iam::123456789012:role/r", status: "SUCCEEDED",
                                    startDate: 1, stopDate: 2).insert(db)
                for event in events.reversed() {
                    try db.execute(sql: """
                        INSERT INTO executionEvent (executionArn, id, previousEventId, timestamp, type, details) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [arn, event.id, event.previousEventId, event.timestamp.timeIntervalSince1970, event.type, event.details])
                }
            }
        }
        try SimMigrations.migrator.migrate(queue)
        try queue.read { db in
            #expect(try !db.tableExists("executionEvent"))
            let one = try #require(try StoredHistory.fetch("arn:aws:states:us-east-1:123456789012:execution:m:one", db))
            #expect(try one.views(executionArn: "one") == first)
            let two = try #require(try StoredHistory.fetch("arn:aws:states:us-east-1:123456789012:execution:m:two", db))
            #expect(try two.views(executionArn: "two") == second)
        }
        try queue.write { db in
            try db.execute(sql: "DELETE FROM execution WHERE name = 'one'")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM executionHistory") == 1, "a deleted execution takes its history")
        }
    }
}
