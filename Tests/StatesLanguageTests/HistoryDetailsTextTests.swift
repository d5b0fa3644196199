import Foundation
import StatesLanguage
import Testing

/// The stored form of an event's details (`detailsJSONText`) is written in one pass; it must be
/// exactly the text of the details member of the API form (`awsJSON`).
@Suite struct HistoryDetailsTextTests {
    /// A payload with everything that needs escaping twice: quotes, backslashes, control
    /// characters, non-ASCII text, numbers of both kinds and nesting.
    static let payload: JSONValue = [
        "name": "say \"hi\"\\now", "lines": "a\nb\tc\r\u{01}\u{1F}", "text": "café – 日本 🚀",
        "count": 3, "ratio": 0.25, "big": .double(1e300), "none": .null, "flag": true,
        "nested": ["list": [1, "two", ["three": [3.5]], .array([])], "empty": .object(JSONObject())],
    ]

    static let details = HistoryEventDetails(
        name: "State \"quoted\"", input: payload, output: ["result": payload, "escaped": "\\\""],
        error: "Custom.Error", cause: "{\"errorMessage\": \"bad\\nthing\", \"errorType\": \"ValueError\"}",
        resource: "arn:aws:lambda:us-east-1:123456789012:function:f", resourceType: "lambda", region: "us-east-1",
        parameters: ["FunctionName": "f", "Payload": payload], timeoutInSeconds: 60, heartbeatInSeconds: 10,
        index: 4, length: 7, roleArn: "arn:aws:iam::123456789012:role/r",
        stateMachineVersionArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m:3",
        stateMachineAliasArn: "arn:aws:states:us-east-1:123456789012:stateMachine:m:live")

    /// The details member of `awsJSON()` serialized alone, as the store wrote it before.
    static func apiForm(_ event: HistoryEvent) -> String {
        guard case .object(let body) = event.awsJSON() else { return "not an object" }
        for (key, value) in body where key.hasSuffix("EventDetails") {
            return JSONValue.object([key: value]).serialized()
        }
        return "{}"
    }

    @Test(arguments: HistoryEventType.allCases)
    func everyEventType_withAllDetails_matchesTheAPIForm(_ type: HistoryEventType) {
        let event = HistoryEvent(id: 3, previousEventId: 2, timestamp: Date(timeIntervalSince1970: 1_700_000_000.125),
                                 type: type, details: Self.details)
        #expect(event.detailsJSONText() == Self.apiForm(event))
    }

    @Test(arguments: HistoryEventType.allCases)
    func everyEventType_withNoDetails_matchesTheAPIForm(_ type: HistoryEventType) {
        let event = HistoryEvent(id: 1, previousEventId: 0, timestamp: Date(timeIntervalSince1970: 0),
                                 type: type, details: HistoryEventDetails())
        #expect(event.detailsJSONText() == Self.apiForm(event))
    }

    @Test func wholeHistory_withPayloadsSharedBetweenEvents_matchesEachEventAlone() {
        // Large values (past the size kept for reuse) shared between events, nested in others,
        // and changed copies of them (which must not be mistaken for the originals).
        let big: JSONValue = .object(JSONObject((0..<40).map { ("key\($0)", JSONValue.string("value \"\($0)\"\n")) }))
        var changed = big
        if case .object(var object) = changed {
            object["key3"] = "other"
            changed = .object(object)
        }
        let list: JSONValue = .array([big, changed, big])
        let time = Date(timeIntervalSince1970: 0)
        let events = [
            HistoryEvent(id: 1, previousEventId: 0, timestamp: time, type: .executionStarted, details: HistoryEventDetails(input: big)),
            HistoryEvent(id: 2, previousEventId: 1, timestamp: time, type: .taskStateEntered, details: HistoryEventDetails(name: "A", input: big)),
            HistoryEvent(id: 3, previousEventId: 2, timestamp: time, type: .taskScheduled,
                         details: HistoryEventDetails(resource: "invoke", resourceType: "lambda", region: "us-east-1",
                                                      parameters: ["FunctionName": "f", "Payload": big])),
            HistoryEvent(id: 4, previousEventId: 3, timestamp: time, type: .taskSucceeded,
                         details: HistoryEventDetails(output: ["Payload": changed, "Both": list], resource: "invoke", resourceType: "lambda")),
            HistoryEvent(id: 5, previousEventId: 4, timestamp: time, type: .taskStateExited, details: HistoryEventDetails(name: "A", output: changed)),
            HistoryEvent(id: 6, previousEventId: 5, timestamp: time, type: .lambdaFunctionStarted, details: HistoryEventDetails()),
            HistoryEvent(id: 7, previousEventId: 6, timestamp: time, type: .executionSucceeded, details: HistoryEventDetails(output: list)),
        ]
        let packed = HistoryEvent.packedDetails(of: events)
        let texts = packed.templates.map { PackedHistoryDetails.expand($0, payloads: packed.payloads) }
        #expect(texts == events.map { $0.detailsJSONText() })
        #expect(texts == events.map(Self.apiForm))
        #expect(texts[4]?.contains(#"\"key3\":\"other\""#) == true)
        // Kept once each: `big` (in five places) and `changed` (not taken for the original); the
        // values holding them shrink to a few references and stay in the text.
        #expect(packed.payloads.count == 2)
        #expect(packed.payloads.count == Set(packed.payloads).count)
        let stored = packed.templates.reduce(0) { $0 + $1.count } + packed.payloads.reduce(0) { $0 + $1.count }
        #expect(stored * 2 < texts.reduce(0) { $0 + ($1?.utf8.count ?? 0) })
    }

    @Test func packedDetails_equalTextsOfDifferentValues_areKeptOnce() {
        let one: JSONValue = .object(JSONObject((0..<10).map { ("field\($0)", JSONValue.string("some text \($0)")) }))
        let same: JSONValue = .object(JSONObject((0..<10).map { ("field\($0)", JSONValue.string("some text \($0)")) }))
        let time = Date(timeIntervalSince1970: 0)
        let events = [
            HistoryEvent(id: 1, previousEventId: 0, timestamp: time, type: .passStateEntered, details: HistoryEventDetails(name: "P", input: one)),
            HistoryEvent(id: 2, previousEventId: 1, timestamp: time, type: .passStateExited, details: HistoryEventDetails(name: "P", output: same)),
        ]
        let packed = HistoryEvent.packedDetails(of: events)
        #expect(packed.payloads.count == 1)
        #expect(packed.templates.map { PackedHistoryDetails.expand($0, payloads: packed.payloads) } == events.map { $0.detailsJSONText() })
    }

    @Test func packedDetails_smallPayloads_stayInTheText() {
        let event = HistoryEvent(id: 2, previousEventId: 1, timestamp: Date(timeIntervalSince1970: 0), type: .taskStateEntered,
                                 details: HistoryEventDetails(name: "A", input: ["k": "v\"w"]))
        let packed = HistoryEvent.packedDetails(of: [event])
        #expect(packed.payloads.isEmpty)
        #expect(packed.templates[0] == Array(event.detailsJSONText().utf8))
    }

    @Test func expand_referenceToAMissingPayload_isNil() {
        let template = Array(#"{"a":""#.utf8) + [PackedHistoryDetails.referenceMarker, 3, 0, 0, 0] + Array(#""}"#.utf8)
        #expect(PackedHistoryDetails.expand(template, payloads: [Array("x".utf8)]) == nil)
        #expect(PackedHistoryDetails.expand(Array(template.dropLast(4)), payloads: []) == nil)
        #expect(PackedHistoryDetails.expand(template, payloads: [[], [], [], Array("y".utf8)]) == #"{"a":"y"}"#)
        // A payload refers only to payloads before it: nested references expand, a loop does not.
        let first = [PackedHistoryDetails.referenceMarker, 0, 0, 0, 0]
        let nested: [[UInt8]] = [Array("[1]".utf8), Array("{".utf8) + first + Array("}".utf8), [], Array("<".utf8) + [1, 1, 0, 0, 0] + first]
        #expect(PackedHistoryDetails.expand(template, payloads: nested) == #"{"a":"<{[1]}[1]"}"#)
        let loop: [[UInt8]] = [[PackedHistoryDetails.referenceMarker, 3, 0, 0, 0], [], [], first]
        #expect(PackedHistoryDetails.expand(template, payloads: loop) == nil)
    }

    @Test func stateEntered_writesTheInputAsEscapedJSONText() {
        let event = HistoryEvent(id: 2, previousEventId: 1, timestamp: Date(timeIntervalSince1970: 0), type: .taskStateEntered,
                                 details: HistoryEventDetails(name: "A", input: ["k": "v\"w"]))
        #expect(event.detailsJSONText()
            == #"{"stateEnteredEventDetails":{"name":"A","input":"{\"k\":\"v\\\"w\"}","inputDetails":{"truncated":false}}}"#)
    }

    @Test func eventWithoutDetails_isAnEmptyObject() {
        let event = HistoryEvent(id: 5, previousEventId: 4, timestamp: Date(timeIntervalSince1970: 0), type: .lambdaFunctionStarted,
                                 details: HistoryEventDetails())
        #expect(event.detailsJSONText() == "{}")
    }
}
