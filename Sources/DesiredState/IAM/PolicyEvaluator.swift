import StatesLanguage

/// Decides whether a set of identity policies allows an action on a resource: an explicit Deny
/// wins, then any Allow, else the implicit deny. Conditions are assumed to hold (they depend on
/// the request), so a conditional Allow counts as an Allow.
struct PolicyEvaluator {
    /// The outcome of an evaluation.
    enum Decision: Equatable {
        case allowed, explicitlyDenied, implicitlyDenied
    }

    private struct Statement {
        var allow: Bool
        var actions: [String]
        var notAction: Bool
        var resources: [String]
        var notResource: Bool
    }

    private var statements: [Statement] = []

    /// Reads the statements of `documents` (resolved policy documents).
    init(documents: [JSONValue]) {
        for document in documents {
            let raw = document["Statement"]
            let list = raw?.arrayValue ?? (raw.map { [$0] } ?? [])
            for item in list {
                guard let effect = item["Effect"]?.stringValue else { continue }
                let actionKey = item["Action"] != nil ? "Action" : "NotAction"
                let resourceKey = item["Resource"] != nil ? "Resource" : "NotResource"
                statements.append(Statement(allow: effect == "Allow", actions: Self.strings(item[actionKey]), notAction: actionKey == "NotAction",
                                            resources: Self.strings(item[resourceKey]), notResource: resourceKey == "NotResource"))
            }
        }
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        switch value {
        case .string(let text)?: return [text]
        case .array(let items)?: return items.compactMap(\.stringValue)
        default: return []
        }
    }

    /// The decision for `action` (e.g. `lambda:InvokeFunction`) on the ARN `resource`.
    func decide(action: String, resource: String) -> Decision {
        var allowed = false
        for statement in statements {
            let actionMatches = statement.actions.contains { Wildcard.matches($0, action, ignoringCase: true) } != statement.notAction
            let resourceMatches = statement.resources.contains { Wildcard.matches($0, resource, ignoringCase: false) } != statement.notResource
            guard actionMatches && resourceMatches else { continue }
            if !statement.allow { return .explicitlyDenied }
            allowed = true
        }
        return allowed ? .allowed : .implicitlyDenied
    }
}

/// IAM's wildcard matching: `*` matches any run of characters (colons included), `?` one character.
enum Wildcard {
    static func matches(_ pattern: String, _ text: String, ignoringCase: Bool) -> Bool {
        let p = Array((ignoringCase ? pattern.lowercased() : pattern).utf8)
        let t = Array((ignoringCase ? text.lowercased() : text).utf8)
        var pi = 0, ti = 0
        var star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == t[ti] {
                pi += 1
                ti += 1
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
