import Foundation

/// Task states: Lambda function ARNs, `arn:aws:states:::lambda:invoke`, and other resources,
/// all performed by the environment's `TaskInvoker`.
///
/// `HeartbeatSeconds` is validated and reported in `TaskScheduled` events but not enforced:
/// only activities and `.waitForTaskToken` callbacks send heartbeats, and neither is run here.
extension Interpreter {
    /// The history events a task's resource style uses.
    struct TaskEvents {
        let lambdaStyle: Bool
        let resourceType: String?
        let resource: String

        var started: HistoryEventType { lambdaStyle ? .lambdaFunctionStarted : .taskStarted }
        var succeeded: HistoryEventType { lambdaStyle ? .lambdaFunctionSucceeded : .taskSucceeded }
        var failed: HistoryEventType { lambdaStyle ? .lambdaFunctionFailed : .taskFailed }
        var timedOut: HistoryEventType { lambdaStyle ? .lambdaFunctionTimedOut : .taskTimedOut }

        func details(output: JSONValue? = nil, error: String? = nil, cause: String? = nil) -> HistoryEventDetails {
            lambdaStyle
                ? HistoryEventDetails(output: output, error: error, cause: cause)
                : HistoryEventDetails(output: output, error: error, cause: cause, resource: resource, resourceType: resourceType)
        }
    }

    func runTask(_ visit: inout StateVisit, spec: TaskSpec, strand: inout Strand) async throws -> JSONValue {
        let snapshot = visit
        let input = try effectiveInput(snapshot)
        let timeout = try processing(snapshot) { try seconds(spec.timeout, "TimeoutSecondsPath", snapshot) }
        let heartbeat = try processing(snapshot) { try seconds(spec.heartbeat, "HeartbeatSecondsPath", snapshot) }
        var invocation = TaskInvocation(
            kind: .service, resource: spec.resource, functionName: nil, qualifier: nil, invocationType: "RequestResponse",
            payload: input, execution: identity, stateName: snapshot.node.name, retryCount: snapshot.context.retryCount,
            timeoutSeconds: timeout, deadline: nil, region: environment.region)
        let events: TaskEvents
        switch spec.target {
        case .lambdaFunction:
            invocation.kind = .lambdaFunction
            invocation.functionName = spec.resource
            events = TaskEvents(lambdaStyle: true, resourceType: nil, resource: spec.resource)
            try record(.lambdaFunctionScheduled, HistoryEventDetails(input: input, resource: spec.resource, timeoutInSeconds: timeout), strand: &strand)
        case .lambdaInvoke:
            invocation.kind = .lambdaInvoke
            try processing(snapshot) { try configureLambdaInvoke(&invocation, parameters: input) }
            events = TaskEvents(lambdaStyle: false, resourceType: "lambda", resource: "invoke")
        case .service(let resourceType, let action):
            events = TaskEvents(lambdaStyle: false, resourceType: resourceType, resource: action)
        }
        if !events.lambdaStyle {
            try record(.taskScheduled, HistoryEventDetails(
                resource: events.resource, resourceType: events.resourceType, region: environment.region, parameters: input,
                timeoutInSeconds: timeout, heartbeatInSeconds: heartbeat), strand: &strand)
        }
        try record(events.started, events.details(), strand: &strand)
        let taskDeadline = timeout.map { clock.now().addingTimeInterval(Double($0)) }
        let overallDeadline = [taskDeadline, deadline].compactMap { $0 }.min()
        invocation.deadline = overallDeadline
        let result: JSONValue
        do {
            result = try await invoke(invocation, until: overallDeadline, taskDeadline: taskDeadline)
        } catch let failure as StatesError {
            try record(failure.error == StatesErrorName.timeout ? events.timedOut : events.failed,
                       events.details(error: failure.error, cause: failure.cause), strand: &strand)
            throw failure
        }
        if result.exceedsSerializedSize(environment.payloadLimit) {
            let failure = StatesError(StatesErrorName.dataLimitExceeded, cause: "The state/task '\(snapshot.node.name)' returned a result with a size exceeding the maximum number of bytes service limit.")
            try record(events.failed, events.details(error: failure.error, cause: failure.cause), strand: &strand)
            throw failure
        }
        try record(events.succeeded, events.details(output: result), strand: &strand)
        return try stateOutput(snapshot, result: result)
    }

    /// Calls the invoker, turning its failures into `StatesError` and the task timeout into `States.Timeout`.
    func invoke(_ invocation: TaskInvocation, until overallDeadline: Date?, taskDeadline: Date?) async throws -> JSONValue {
        let invoker = environment.invoker
        let result: TaskResult
        do {
            if let overallDeadline {
                guard let finished = try await clock.withDeadline(overallDeadline, { try await invoker.invoke(invocation) }) else {
                    if let deadline, deadline <= (taskDeadline ?? deadline) { throw ExecutionInterrupt.timedOut }
                    throw StatesError(StatesErrorName.timeout)
                }
                result = finished
            } else {
                result = try await invoker.invoke(invocation)
            }
        } catch let failure as TaskFailure {
            throw StatesError(failure.error, cause: failure.cause)
        } catch let error where error is StatesError || error is ExecutionInterrupt || error is CancellationError {
            throw error
        } catch {
            throw StatesError(StatesErrorName.taskFailed, cause: "\(error)")
        }
        guard invocation.kind == .lambdaInvoke else { return result.output }
        let headers: [(String, String)] = [
            ("Connection", "keep-alive"), ("Content-Type", "application/json"),
            ("X-Amz-Executed-Version", result.executedVersion), ("x-amzn-Remapped-Content-Length", "0"),
            ("x-amzn-RequestId", result.requestId),
        ]
        return [
            "ExecutedVersion": .string(result.executedVersion),
            "Payload": result.output,
            "SdkHttpMetadata": [
                "AllHttpHeaders": .object(JSONObject(headers.map { ($0.0, JSONValue.array([.string($0.1)])) })),
                "HttpHeaders": .object(JSONObject(headers.map { ($0.0, JSONValue.string($0.1)) })),
                "HttpStatusCode": .int(Int64(result.statusCode)),
            ],
            "SdkResponseMetadata": ["RequestId": .string(result.requestId)],
            "StatusCode": .int(Int64(result.statusCode)),
        ]
    }

    func configureLambdaInvoke(_ invocation: inout TaskInvocation, parameters: JSONValue) throws {
        guard case .object(let object) = parameters, case .string(let functionName)? = object["FunctionName"] else {
            throw StatesError(StatesErrorName.runtime, cause: "The Parameters of arn:aws:states:::lambda:invoke must contain FunctionName as a string")
        }
        invocation.functionName = functionName
        invocation.qualifier = object["Qualifier"]?.stringValue
        invocation.invocationType = object["InvocationType"]?.stringValue ?? "RequestResponse"
        invocation.payload = object["Payload"] ?? .emptyObject
    }

    /// `TimeoutSeconds`/`HeartbeatSeconds`, literal or read by their `…Path` from the state input.
    func seconds(_ source: IntegerSource?, _ field: String, _ visit: StateVisit) throws -> Int? {
        switch source {
        case nil: return nil
        case .literal(let value)?: return value
        case .path(let path)?:
            let value = try resolve(path, in: scope(visit, input: visit.rawInput))
            guard let seconds = value.integerValue, seconds > 0 else {
                throw StatesError(StatesErrorName.runtime, cause: "The \(field) parameter does not reference a positive integer value: \(value)")
            }
            return Int(seconds)
        }
    }
}
