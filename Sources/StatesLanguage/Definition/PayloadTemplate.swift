/// A compiled `Parameters`, `ResultSelector` or `ItemSelector` template: fields whose names end
/// in `.$` take the value of a path or intrinsic call; all other values are copied as written.
indirect enum PayloadTemplate: Sendable {
    /// A subtree with no `.$` fields, reused as is.
    case literal(JSONValue)
    case object([(key: String, value: PayloadTemplate)])
    case array([PayloadTemplate])
    /// `"field.$": "$.path"` (or `$$.path`).
    case path(JSONPath, field: String)
    /// `"field.$": "States.Fn(…)"`.
    case call(IntrinsicCall, field: String)

    /// Compiles a template; reports bad `.$` values through `report` with their location.
    static func compile(_ value: JSONValue, at location: String, report: (String, String) -> Void) -> PayloadTemplate {
        switch value {
        case .object(let object):
            var members: [(key: String, value: PayloadTemplate)] = []
            var dynamic = false
            for member in object.members {
                if member.key.hasSuffix(".$") {
                    dynamic = true
                    let field = String(member.key.dropLast(2))
                    let memberLocation = "\(location)/\(member.key)"
                    guard case .string(let text) = member.value else {
                        report(memberLocation, "The value of the field '\(member.key)' must be a JSONPath or an intrinsic function, got \(member.value.typeName)")
                        continue
                    }
                    if let compiled = compileDynamic(text, field: member.key, at: memberLocation, report: report) {
                        members.append((field, compiled))
                    }
                } else {
                    let compiled = compile(member.value, at: "\(location)/\(member.key)", report: report)
                    if case .literal = compiled {} else { dynamic = true }
                    members.append((member.key, compiled))
                }
            }
            return dynamic ? .object(members) : .literal(value)
        case .array(let elements):
            let compiled = elements.enumerated().map { compile($1, at: "\(location)/\($0)", report: report) }
            let dynamic = compiled.contains { if case .literal = $0 { return false } else { return true } }
            return dynamic ? .array(compiled) : .literal(value)
        default:
            return .literal(value)
        }
    }

    /// A `.$` value: a path or an intrinsic call.
    static func compileDynamic(_ text: String, field: String, at location: String, report: (String, String) -> Void) -> PayloadTemplate? {
        if JSONPath.looksLikePath(text) {
            do {
                return .path(try JSONPath(text), field: field)
            } catch {
                report(location, "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call: \(error)")
            }
        } else if IntrinsicCall.looksLikeCall(text) {
            do {
                return .call(try IntrinsicCall(text), field: field)
            } catch {
                report(location, "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call: \(error)")
            }
        } else {
            report(location, "The value for the field '\(field)' must be a valid JSONPath or a valid intrinsic function call")
        }
        return nil
    }

    /// Builds the payload. Throws `StatesError` (`States.Runtime`) for a path that selects nothing
    /// or a failing intrinsic call.
    func evaluate(in scope: EvaluationScope) throws -> JSONValue {
        switch self {
        case .literal(let value):
            return value
        case .object(let members):
            var object = JSONObject()
            for member in members { object[member.key] = try member.value.evaluate(in: scope) }
            return .object(object)
        case .array(let elements):
            return .array(try elements.map { try $0.evaluate(in: scope) })
        case .path(let path, let field):
            do {
                return try scope.resolve(path)
            } catch is JSONPathNotFound {
                throw Self.pathFailure(path, field: field, scope: scope)
            }
        case .call(let call, let field):
            do {
                return try call.evaluate(in: scope)
            } catch let missing as JSONPathNotFound {
                guard let path = try? JSONPath(missing.path) else { throw StatesError(StatesErrorName.runtime, cause: missing.description) }
                throw Self.pathFailure(path, field: field, scope: scope)
            }
        }
    }

    static func pathFailure(_ path: JSONPath, field: String, scope: EvaluationScope) -> StatesError {
        let document = path.root == .context ? scope.context.json() : scope.input
        return StatesError(
            StatesErrorName.runtime,
            cause: "The JSONPath '\(path.text)' specified for the field '\(field)' could not be found in the input '\(document.serialized())'")
    }
}
