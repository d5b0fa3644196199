import StatesLanguage
import YAML

extension FieldReader {
    /// Converts a YAML (or JSON) node to a JSON value, typing plain scalars by the YAML 1.2 core
    /// schema; reports keys that are not strings and numbers JSON cannot hold.
    mutating func json(_ node: YAMLNode, at path: @autoclosure () -> String) -> JSONValue? {
        switch node.content {
        case .scalar(let scalar):
            switch node.scalarKind ?? .string {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool)
            case .int:
                if let value = node.int { return .int(Int64(value)) }
                if let value = node.double, value.isFinite { return .double(value) }
                error("schema.number", node, path(), "\(path()): the number \(scalar.text) is too large")
                return nil
            case .float:
                guard let value = node.double, value.isFinite else {
                    error("schema.number", node, path(), "\(path()): \(scalar.text) is not a JSON number",
                          hint: "JSON has no infinity or NaN; quote it if a string is meant")
                    return nil
                }
                return .double(value)
            case .string:
                return .string(scalar.text)
            }
        case .sequence(let items):
            var result: [JSONValue] = []
            result.reserveCapacity(items.count)
            var ok = true
            for (index, item) in items.enumerated() {
                if let value = json(item, at: "\(path())[\(index)]") { result.append(value) } else { ok = false }
            }
            return ok ? .array(result) : nil
        case .mapping(let pairs):
            var object = JSONObject()
            var ok = true
            for pair in pairs {
                guard let key = pair.key.string else {
                    error("schema.invalid-key", pair.key, path(), "keys must be strings, but found \(pair.key.summary)", hint: "quote the key")
                    ok = false
                    continue
                }
                if let value = json(pair.value, at: path().isEmpty ? key : "\(path()).\(key)") { object[key] = value } else { ok = false }
            }
            return ok ? .object(object) : nil
        }
    }
}

extension JSONValue {
    /// Converts a node known to be valid (checked before) to JSON, without building field paths;
    /// parts JSON cannot hold become null.
    init(trusting node: YAMLNode) {
        switch node.content {
        case .scalar(let scalar):
            switch node.scalarKind ?? .string {
            case .null: self = .null
            case .bool: self = node.bool.map(JSONValue.bool) ?? .null
            case .int: self = node.int.map { .int(Int64($0)) } ?? node.double.map(JSONValue.double) ?? .null
            case .float: self = node.double.flatMap { $0.isFinite ? .double($0) : nil } ?? .null
            case .string: self = .string(scalar.text)
            }
        case .sequence(let items):
            self = .array(items.map(JSONValue.init(trusting:)))
        case .mapping(let pairs):
            var object = JSONObject()
            for pair in pairs {
                if let key = pair.key.scalar?.text { object[key] = JSONValue(trusting: pair.value) }
            }
            self = .object(object)
        }
    }
}
