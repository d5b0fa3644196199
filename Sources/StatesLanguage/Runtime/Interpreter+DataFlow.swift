/// Input and output processing: InputPath → Parameters → (result) → ResultSelector → ResultPath → OutputPath.
extension Interpreter {
    func scope(_ visit: StateVisit, input: JSONValue) -> EvaluationScope {
        EvaluationScope(input: input, context: visit.context, random: environment.random)
    }

    /// Runs data processing for a state, giving Step Functions' "An error occurred while executing
    /// the state …" prefix to the causes of the errors it raises.
    func processing<T>(_ visit: StateVisit, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let missing as JSONPathNotFound {
            throw StatesError(StatesErrorName.runtime, cause: "An error occurred while executing the state '\(visit.node.name)' (entered at the event id #\(visit.enteredId)). Invalid path '\(missing.path)' : \(missing.description)")
        } catch var failure as StatesError {
            if let cause = failure.cause, !cause.hasPrefix("An error occurred while executing the state") {
                failure.cause = "An error occurred while executing the state '\(visit.node.name)' (entered at the event id #\(visit.enteredId)). \(cause)"
            }
            throw failure
        }
    }

    func select(_ path: DataPath, from data: JSONValue, _ visit: StateVisit) throws -> JSONValue {
        switch path {
        case .whole: return data
        case .empty: return .emptyObject
        case .path(let jsonPath): return try resolve(jsonPath, in: scope(visit, input: data))
        }
    }

    /// A path that must select something, failing with `States.Runtime` like Step Functions.
    func resolve(_ path: JSONPath, in scope: EvaluationScope) throws -> JSONValue {
        do {
            return try scope.resolve(path)
        } catch let missing as JSONPathNotFound {
            throw StatesError(StatesErrorName.runtime, cause: "Invalid path '\(path.text)' : \(missing.description)")
        }
    }

    /// InputPath, then Parameters.
    func effectiveInput(_ visit: StateVisit) throws -> JSONValue {
        try processing(visit) {
            let selected = try select(visit.node.inputPath, from: visit.rawInput, visit)
            guard let parameters = visit.node.parameters else { return selected }
            return try parameters.evaluate(in: scope(visit, input: selected))
        }
    }

    /// ResultSelector, ResultPath, then OutputPath.
    func stateOutput(_ visit: StateVisit, result: JSONValue) throws -> JSONValue {
        try processing(visit) {
            var selected = result
            if let selector = visit.node.resultSelector { selected = try selector.evaluate(in: scope(visit, input: result)) }
            let placed = try place(selected, visit.node.resultPath, in: visit.rawInput)
            return try select(visit.node.outputPath, from: placed, visit)
        }
    }

    func place(_ result: JSONValue, _ placement: ResultPlacement, in input: JSONValue) throws -> JSONValue {
        switch placement {
        case .replace: return result
        case .discard: return input
        case .path(let reference):
            do {
                return try reference.setting(result, in: input)
            } catch let conflict as ReferencePathConflict {
                throw StatesError(StatesErrorName.resultPathMatchFailure, cause: conflict.description)
            }
        }
    }
}

extension JSONValue {
    /// True when the compact JSON text of this value is longer than `limit` bytes (escapes inside
    /// strings are not counted; stops counting early).
    func exceedsSerializedSize(_ limit: Int) -> Bool {
        var budget = limit
        return !fitsSerialized(&budget)
    }

    private func fitsSerialized(_ budget: inout Int) -> Bool {
        switch self {
        case .null: budget -= 4
        case .bool(let flag): budget -= flag ? 4 : 5
        case .int(let number):
            var digits = number < 0 ? 2 : 1
            var rest = number.magnitude
            while rest >= 10 {
                rest /= 10
                digits += 1
            }
            budget -= digits
        case .double(let number): budget -= String(number).utf8.count
        case .string(let text): budget -= text.utf8.count + 2
        case .array(let elements):
            budget -= elements.count + 1
            for element in elements where budget >= 0 { if !element.fitsSerialized(&budget) { return false } }
        case .object(let object):
            budget -= object.count * 2 + 1
            for member in object.members where budget >= 0 {
                budget -= member.key.utf8.count + 2
                if !member.value.fitsSerialized(&budget) { return false }
            }
        }
        return budget >= 0
    }
}
