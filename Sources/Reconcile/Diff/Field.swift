import StatesLanguage

/// One comparable field of a resource, as the diff sees it: a path, a value and how to compare it.
///
/// Both sides of a resource are flattened into fields with the same paths (maps such as
/// `environment` and `tags` become one field per key), so a variable added, removed or changed
/// is one diff each.
struct Field: Sendable, Hashable {
    /// How two values of the field are compared.
    enum Comparison: Sendable, Hashable {
        /// Equal JSON values (numbers by value, object key order ignored).
        case value
        /// A JSON document: equal as JSON; differences reported per leaf path.
        case document
        /// An IAM policy document: equal after `PolicyNormalizer`; differences per statement.
        case policy
    }

    /// The path (`memoryMB`, `environment.LOG_LEVEL`, `definition`).
    var path: String
    /// The value.
    var value: JSONValue
    /// Which part of the resource the field belongs to.
    var scope: FieldScope
    /// How it is compared.
    var comparison: Comparison

    init(_ path: String, _ value: JSONValue, _ scope: FieldScope, _ comparison: Comparison = .value) {
        self.path = path
        self.value = value
        self.scope = scope
        self.comparison = comparison
    }

    /// One field per entry of a string map: `prefix.key` (keys sorted).
    static func map(_ prefix: String, _ values: [String: String], _ scope: FieldScope) -> [Field] {
        values.keys.sorted().map { Field(JSONDiff.member(prefix, $0), .string(values[$0] ?? ""), scope) }
    }
}

/// Compares two field lists of one resource.
enum FieldComparer {
    /// The diffs between `desired` and `live`, in the desired fields' order, then fields only
    /// live has. `pathPrefix` is put before every path (`latest.`).
    static func diffs(desired: [Field], live: [Field], pathPrefix: String = "", scope: FieldScope? = nil) -> [FieldDiff] {
        var liveByPath: [String: Field] = [:]
        for field in live { liveByPath[field.path] = field }
        var result: [FieldDiff] = []
        var seen = Set<String>()
        for field in desired {
            seen.insert(field.path)
            let fieldScope = scope ?? field.scope
            let path = pathPrefix + field.path
            guard let other = liveByPath[field.path] else {
                result.append(FieldDiff(path: path, desired: field.value, live: nil, scope: fieldScope))
                continue
            }
            switch field.comparison {
            case .value:
                if field.value != other.value {
                    result.append(FieldDiff(path: path, desired: field.value, live: other.value, scope: fieldScope))
                }
            case .document:
                for difference in JSONDiff.differences(field.value, other.value, at: path) {
                    result.append(FieldDiff(path: difference.path, desired: difference.desired, live: difference.live, scope: fieldScope))
                }
            case .policy:
                for difference in PolicyDiff.differences(field.value, other.value, at: path) {
                    result.append(FieldDiff(path: difference.path, desired: difference.desired, live: difference.live, scope: fieldScope))
                }
            }
        }
        for field in live where !seen.contains(field.path) {
            result.append(FieldDiff(path: pathPrefix + field.path, desired: nil, live: field.value, scope: scope ?? field.scope))
        }
        return result
    }

    /// Whether the two field lists are equal under their comparisons.
    static func equal(desired: [Field], live: [Field]) -> Bool {
        diffs(desired: desired, live: live).isEmpty
    }
}
