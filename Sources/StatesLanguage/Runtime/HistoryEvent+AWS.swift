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
        if let (key, body) = detailsJSON() { event[key] = .object(body) }
        return .object(event)
    }

    private func detailsJSON() -> (String, JSONObject)? {
        var body = JSONObject()
        func text(_ key: String, _ value: String?) { if let value { body[key] = .string(value) } }
        func payload(_ key: String, _ value: JSONValue?) {
            guard let value else { return }
            body[key] = .string(value.serialized())
            body[key + "Details"] = ["truncated": false]
        }
        let raw = type.rawValue
        switch type {
        case .executionStarted:
            payload("input", details.input)
            text("roleArn", details.roleArn)
            text("stateMachineAliasArn", details.stateMachineAliasArn)
            text("stateMachineVersionArn", details.stateMachineVersionArn)
            return ("executionStartedEventDetails", body)
        case .executionSucceeded:
            payload("output", details.output)
            return ("executionSucceededEventDetails", body)
        case .executionFailed, .executionAborted, .executionTimedOut, .lambdaFunctionFailed, .lambdaFunctionTimedOut:
            text("error", details.error)
            text("cause", details.cause)
            return (Self.lowerFirst(raw) + "EventDetails", body)
        case .passStateEntered, .taskStateEntered, .choiceStateEntered, .waitStateEntered, .succeedStateEntered,
             .failStateEntered, .parallelStateEntered, .mapStateEntered:
            text("name", details.name)
            payload("input", details.input)
            return ("stateEnteredEventDetails", body)
        case .passStateExited, .taskStateExited, .choiceStateExited, .waitStateExited, .succeedStateExited,
             .parallelStateExited, .mapStateExited:
            text("name", details.name)
            payload("output", details.output)
            return ("stateExitedEventDetails", body)
        case .mapStateStarted:
            body["length"] = .int(Int64(details.length ?? 0))
            return ("mapStateStartedEventDetails", body)
        case .mapIterationStarted, .mapIterationSucceeded, .mapIterationFailed, .mapIterationAborted:
            text("name", details.name)
            if let index = details.index { body["index"] = .int(Int64(index)) }
            return (Self.lowerFirst(raw) + "EventDetails", body)
        case .lambdaFunctionScheduled:
            text("resource", details.resource)
            payload("input", details.input)
            if let timeout = details.timeoutInSeconds { body["timeoutInSeconds"] = .int(Int64(timeout)) }
            return ("lambdaFunctionScheduledEventDetails", body)
        case .lambdaFunctionSucceeded:
            payload("output", details.output)
            return ("lambdaFunctionSucceededEventDetails", body)
        case .taskScheduled:
            text("resourceType", details.resourceType)
            text("resource", details.resource)
            text("region", details.region)
            if let parameters = details.parameters { body["parameters"] = .string(parameters.serialized()) }
            if let timeout = details.timeoutInSeconds { body["timeoutInSeconds"] = .int(Int64(timeout)) }
            if let heartbeat = details.heartbeatInSeconds { body["heartbeatInSeconds"] = .int(Int64(heartbeat)) }
            return ("taskScheduledEventDetails", body)
        case .taskStarted, .taskSucceeded, .taskFailed, .taskTimedOut:
            text("resourceType", details.resourceType)
            text("resource", details.resource)
            payload("output", details.output)
            text("error", details.error)
            text("cause", details.cause)
            return (Self.lowerFirst(raw) + "EventDetails", body)
        case .lambdaFunctionStarted, .parallelStateStarted, .parallelStateSucceeded, .parallelStateFailed,
             .parallelStateAborted, .mapStateSucceeded, .mapStateFailed, .mapStateAborted:
            return nil
        }
    }

    private static func lowerFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
