import Foundation

/// Renders diagnostics for people (text) and for tools (JSON).
public enum DiagnosticRendering {
    /// One diagnostic per paragraph: `file:line:col: error: message [Kind/name field]`, then
    /// `  hint: …` when there is a hint.
    public static func text(_ diagnostics: [Diagnostic]) -> String {
        var lines: [String] = []
        for diagnostic in diagnostics {
            lines.append(diagnostic.description)
            if !diagnostic.hint.isEmpty { lines.append("  hint: \(diagnostic.hint)") }
        }
        return lines.joined(separator: "\n")
    }

    /// `N errors, M warnings` (singular forms when 1).
    public static func counts(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }

    /// The JSON form of one diagnostic.
    public static func jsonObject(_ diagnostic: Diagnostic) -> [String: Any] {
        var object: [String: Any] = [
            "severity": diagnostic.severity.rawValue,
            "code": diagnostic.code,
            "file": diagnostic.location.file,
            "line": diagnostic.location.line,
            "column": diagnostic.location.column,
            "field": diagnostic.field,
            "message": diagnostic.message,
            "hint": diagnostic.hint,
        ]
        object["resource"] = diagnostic.resource.map { ["kind": $0.kind.rawValue, "name": $0.name] } ?? NSNull()
        return object
    }

    /// A JSON report of a load: validity, revision, environment, counts, diagnostics and resources.
    public static func json(_ result: LoadResult) -> String {
        let state = result.state
        let revision: [String: Any]
        switch state.revision {
        case .commit(let id): revision = ["commit": id]
        case .workingTree(let path): revision = ["workingTree": path]
        }
        let report: [String: Any] = [
            "valid": !result.hasErrors,
            "revision": revision,
            "environment": state.target.environment ?? NSNull(),
            "account": state.target.account,
            "region": state.target.region,
            "errors": result.errors.count,
            "warnings": result.warnings.count,
            "diagnostics": result.diagnostics.map(jsonObject),
            "resources": [
                "functions": state.functions.count,
                "stateMachines": state.stateMachines.count,
                "roles": state.roles.count,
                "policies": state.policies.count,
                "environments": state.environments.count,
            ],
        ]
        return jsonText(report)
    }

    /// A JSON report of a load that could not start (`{"valid": false, "error": …}`).
    public static func json(failure message: String) -> String {
        jsonText(["valid": false, "error": message])
    }

    /// Pretty, key-sorted JSON text of a Foundation JSON object.
    static func jsonText(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// A one-line summary of a load for people.
    public static func summary(_ result: LoadResult) -> String {
        let state = result.state
        var target = state.revision.description
        if let environment = state.target.environment { target += ", environment \(environment) (\(state.target.account), \(state.target.region))" }
        if result.hasErrors { return "\(target): invalid: \(counts(result.diagnostics))" }
        func count(_ n: Int, _ singular: String, _ plural: String) -> String { "\(n) \(n == 1 ? singular : plural)" }
        let warnings = result.warnings.count
        return "\(target): valid: " + [
            count(state.functions.count, "function", "functions"), count(state.stateMachines.count, "state machine", "state machines"),
            count(state.roles.count, "role", "roles"), count(state.policies.count, "policy", "policies"),
            count(warnings, "warning", "warnings"),
        ].joined(separator: ", ")
    }
}
