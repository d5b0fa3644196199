import StatesLanguage

/// Puts an IAM policy document (permissions or trust) in a canonical form, so that documents
/// IAM treats as the same compare equal.
///
/// - `Statement` as a single object equals a one-element list.
/// - `Action`, `NotAction`, `Resource`, `NotResource`, each principal type and each condition
///   value: a string equals a one-element list; lists are sorted and duplicates dropped.
/// - Statements are sorted (their order carries no meaning in IAM's evaluation).
/// - Object key order never matters (canonical serialization sorts keys).
public enum PolicyNormalizer {
    /// The canonical form of `document`; anything not shaped like a policy is returned as is.
    public static func normalize(_ document: JSONValue) -> JSONValue {
        guard case .object(var object) = document else { return document }
        if let statement = object["Statement"] {
            let list: [JSONValue]
            switch statement {
            case .array(let items): list = items
            case .object: list = [statement]
            default: return document
            }
            let normalized = list.map(normalizeStatement)
            object["Statement"] = .array(sortedUnique(normalized))
        }
        return .object(object)
    }

    /// The canonical form of one statement.
    static func normalizeStatement(_ statement: JSONValue) -> JSONValue {
        guard case .object(var object) = statement else { return statement }
        for key in ["Action", "NotAction", "Resource", "NotResource"] {
            if let value = object[key] { object[key] = stringSet(value) }
        }
        for key in ["Principal", "NotPrincipal"] {
            if case .object(var principal)? = object[key] {
                for (type, value) in principal { principal[type] = stringSet(value) }
                object[key] = .object(principal)
            }
        }
        if case .object(var condition)? = object["Condition"] {
            for (operatorName, entry) in condition {
                guard case .object(var keys) = entry else { continue }
                for (conditionKey, value) in keys { keys[conditionKey] = stringSet(value) }
                condition[operatorName] = .object(keys)
            }
            object["Condition"] = .object(condition)
        }
        return .object(object)
    }

    /// A string or a list of strings as a sorted list without duplicates; other values unchanged.
    static func stringSet(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string:
            return .array([value])
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }):
            let strings = Set(items.compactMap(\.stringValue)).sorted()
            return .array(strings.map(JSONValue.string))
        default:
            return value
        }
    }

    /// Values sorted by their canonical text, duplicates dropped.
    static func sortedUnique(_ values: [JSONValue]) -> [JSONValue] {
        var seen = Set<String>()
        var keyed: [(String, JSONValue)] = []
        for value in values {
            let text = value.serialized([.sortedKeys])
            if seen.insert(text).inserted { keyed.append((text, value)) }
        }
        return keyed.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
