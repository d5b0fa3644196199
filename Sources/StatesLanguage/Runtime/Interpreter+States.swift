import Foundation

/// Pass, Choice, Wait, Succeed and Fail states.
extension Interpreter {
    func runPass(_ visit: inout StateVisit, result: JSONValue?) throws -> JSONValue {
        let input = try effectiveInput(visit)
        return try stateOutput(visit, result: result ?? input)
    }

    func runChoice(_ visit: inout StateVisit, rules: [ChoiceRule], defaultIndex: Int?) throws -> (JSONValue, Transition) {
        let snapshot = visit
        let input = try processing(snapshot) { try select(snapshot.node.inputPath, from: snapshot.rawInput, snapshot) }
        let evaluationScope = scope(visit, input: input)
        var target = defaultIndex
        for rule in rules where try processing(snapshot, { try rule.condition.evaluate(in: evaluationScope) }) {
            target = rule.next
            break
        }
        guard let target else {
            throw StatesError(StatesErrorName.noChoiceMatched, cause: "No Matches!")
        }
        let output = try processing(snapshot) { try select(snapshot.node.outputPath, from: input, snapshot) }
        return (output, .next(target))
    }

    func runWait(_ visit: inout StateVisit, spec: WaitSpec) async throws -> JSONValue {
        let snapshot = visit
        let input = try processing(snapshot) { try select(snapshot.node.inputPath, from: snapshot.rawInput, snapshot) }
        let target: Date = try processing(snapshot) {
            switch spec {
            case .seconds(let seconds):
                return clock.now().addingTimeInterval(Double(seconds))
            case .timestamp(let date, _):
                return date
            case .secondsPath(let path):
                let value = try resolve(path, in: scope(snapshot, input: input))
                guard let seconds = value.integerValue, seconds >= 0 else {
                    throw StatesError(StatesErrorName.runtime, cause: "The SecondsPath parameter does not reference a valid non-negative integer value: \(value)")
                }
                return clock.now().addingTimeInterval(Double(seconds))
            case .timestampPath(let path):
                let value = try resolve(path, in: scope(snapshot, input: input))
                guard let text = value.stringValue, let date = Timestamp.parse(text) else {
                    throw StatesError(StatesErrorName.runtime, cause: "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(value)")
                }
                return date
            }
        }
        try await pause(until: target)
        return try processing(snapshot) { try select(snapshot.node.outputPath, from: input, snapshot) }
    }

    func runSucceed(_ visit: inout StateVisit) throws -> JSONValue {
        let snapshot = visit
        return try processing(snapshot) {
            let input = try select(snapshot.node.inputPath, from: snapshot.rawInput, snapshot)
            return try select(snapshot.node.outputPath, from: input, snapshot)
        }
    }

    /// The error a Fail state raises.
    func failure(_ visit: inout StateVisit, spec: FailSpec) throws -> StatesError {
        let snapshot = visit
        return try processing(snapshot) {
            let evaluationScope = scope(snapshot, input: snapshot.rawInput)
            func text(_ field: FailField?, _ name: String) throws -> String? {
                switch field {
                case nil: return nil
                case .literal(let value)?: return value
                case .path(let path)?:
                    let value: JSONValue
                    do {
                        value = try evaluationScope.resolve(path)
                    } catch is JSONPathNotFound {
                        throw PayloadTemplate.pathFailure(path, field: name, scope: evaluationScope)
                    }
                    guard case .string(let string) = value else {
                        throw StatesError(StatesErrorName.runtime, cause: "The JSONPath '\(path.text)' specified for the field '\(name)' must select a string, got \(value.typeName)")
                    }
                    return string
                case .call(let call)?:
                    let value = try call.evaluate(in: evaluationScope)
                    guard case .string(let string) = value else {
                        throw StatesError(StatesErrorName.runtime, cause: "The intrinsic function for the field '\(name)' must return a string, got \(value.typeName)")
                    }
                    return string
                }
            }
            return StatesError(try text(spec.error, "ErrorPath") ?? "", cause: try text(spec.cause, "CausePath"))
        }
    }
}
