extension HistoryEvent {
    /// The event as the `GetExecutionHistory` API returns it: `timestamp` in epoch seconds,
    /// inputs and outputs as JSON strings, details under `<kind>EventDetails`.
    public func awsJSON() -> JSONValue {
        var event: JSONObject = [
            "timestamp": .double(timestamp.timeIntervalSince1970),
            "type": .string(type.rawValue),
            "id": .int(Int64(id)),
            "previousEventId": .int(Int64(previousEventId)),
        ]
        if let key = detailsKey {
            var sink = DetailsObjectSink()
            writeDetails(into: &sink)
            event[key] = .object(sink.body)
        }
        return .object(event)
    }

    /// The `<kind>EventDetails` member alone as compact JSON text, `{"<kind>EventDetails":{…}}`
    /// (`{}` for an event without details): the same text as serializing that member of
    /// `awsJSON()`, written in one pass without building the intermediate values.
    public func detailsJSONText() -> String {
        guard let key = detailsKey else { return "{}" }
        var sink = DetailsTextSink(key: key)
        writeDetails(into: &sink)
        return sink.finish()
    }

    /// The name of this event type's details member, nil for a type without details.
    var detailsKey: String? {
        switch type {
        case .executionStarted: return "executionStartedEventDetails"
        case .executionSucceeded: return "executionSucceededEventDetails"
        case .executionFailed, .executionAborted, .executionTimedOut, .lambdaFunctionFailed, .lambdaFunctionTimedOut,
             .mapIterationStarted, .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted,
             .taskStarted, .taskSucceeded, .taskFailed, .taskTimedOut:
            return Self.lowerFirst(type.rawValue) + "EventDetails"
        case .passStateEntered, .taskStateEntered, .choiceStateEntered, .waitStateEntered, .succeedStateEntered,
             .failStateEntered, .parallelStateEntered, .mapStateEntered:
            return "stateEnteredEventDetails"
        case .passStateExited, .taskStateExited, .choiceStateExited, .waitStateExited, .succeedStateExited,
             .parallelStateExited, .mapStateExited:
            return "stateExitedEventDetails"
        case .mapStateStarted: return "mapStateStartedEventDetails"
        case .lambdaFunctionScheduled: return "lambdaFunctionScheduledEventDetails"
        case .lambdaFunctionSucceeded: return "lambdaFunctionSucceededEventDetails"
        case .taskScheduled: return "taskScheduledEventDetails"
        case .lambdaFunctionStarted, .parallelStateStarted, .parallelStateSucceeded, .parallelStateFailed,
             .parallelStateAborted, .mapStateSucceeded, .mapStateFailed, .mapStateAborted:
            return nil
        }
    }

    /// Writes the details fields of this event's type into `sink`, in `GetExecutionHistory`'s
    /// order (nothing for a type without details, see `detailsKey`).
    func writeDetails(into sink: inout some HistoryDetailsSink) {
        switch type {
        case .executionStarted:
            sink.payload("input", details.input)
            sink.text("roleArn", details.roleArn)
            sink.text("stateMachineAliasArn", details.stateMachineAliasArn)
            sink.text("stateMachineVersionArn", details.stateMachineVersionArn)
        case .executionSucceeded:
            sink.payload("output", details.output)
        case .executionFailed, .executionAborted, .executionTimedOut, .lambdaFunctionFailed, .lambdaFunctionTimedOut:
            sink.text("error", details.error)
            sink.text("cause", details.cause)
        case .passStateEntered, .taskStateEntered, .choiceStateEntered, .waitStateEntered, .succeedStateEntered,
             .failStateEntered, .parallelStateEntered, .mapStateEntered:
            sink.text("name", details.name)
            sink.payload("input", details.input)
        case .passStateExited, .taskStateExited, .choiceStateExited, .waitStateExited, .succeedStateExited,
             .parallelStateExited, .mapStateExited:
            sink.text("name", details.name)
            sink.payload("output", details.output)
        case .mapStateStarted:
            sink.integer("length", details.length ?? 0)
        case .mapIterationStarted, .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted:
            sink.text("name", details.name)
            if let index = details.index { sink.integer("index", index) }
        case .lambdaFunctionScheduled:
            sink.text("resource", details.resource)
            sink.payload("input", details.input)
            if let timeout = details.timeoutInSeconds { sink.integer("timeoutInSeconds", timeout) }
        case .lambdaFunctionSucceeded:
            sink.payload("output", details.output)
        case .taskScheduled:
            sink.text("resourceType", details.resourceType)
            sink.text("resource", details.resource)
            sink.text("region", details.region)
            if let parameters = details.parameters { sink.jsonText("parameters", parameters) }
            if let timeout = details.timeoutInSeconds { sink.integer("timeoutInSeconds", timeout) }
            if let heartbeat = details.heartbeatInSeconds { sink.integer("heartbeatInSeconds", heartbeat) }
        case .taskStarted, .taskSucceeded, .taskFailed, .taskTimedOut:
            sink.text("resourceType", details.resourceType)
            sink.text("resource", details.resource)
            sink.payload("output", details.output)
            sink.text("error", details.error)
            sink.text("cause", details.cause)
        case .lambdaFunctionStarted, .parallelStateStarted, .parallelStateSucceeded, .parallelStateFailed,
             .parallelStateAborted, .mapStateSucceeded, .mapStateFailed, .mapStateAborted:
            break
        }
    }

    private static func lowerFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
