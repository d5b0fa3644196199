import DesiredState
import StatesLanguage

/// Pieces shared by the plan and drift renderings (text, JSON, Markdown). Every value shown
/// comes from `FieldDiff`'s display strings, so secrets are masked everywhere.
enum ReportText {
    /// `production (000000000000/us-east-1)`, or the account and region alone.
    static func environment(_ target: DeploymentTarget) -> String {
        let place = "\(target.account)/\(target.region)"
        return target.environment.map { "\($0) (\(place))" } ?? place
    }

    /// `+`, `~` or `-`.
    static func symbol(_ action: ChangeAction) -> String {
        switch action {
        case .create: return "+"
        case .update: return "~"
        case .delete: return "-"
        }
    }

    /// `memoryMB: 256 → 512`; `(none)` for an absent side.
    static func line(_ diff: FieldDiff) -> String {
        "\(diff.path): \(diff.live ?? "(none)") → \(diff.desired ?? "(none)")"
    }

    /// Lines of a change: the header, then one line per diff, indented.
    static func textLines(_ change: PlannedChange, indent: String, suffix: String = "") -> [String] {
        var lines = ["\(indent)\(symbol(change.action)) \(change.action.rawValue) \(change.resource)  [\(change.rollout.summary)]\(suffix)"]
        for diff in change.diffs { lines.append("\(indent)    \(line(diff))") }
        return lines
    }

    /// A diff as JSON (display values only).
    static func json(_ diff: FieldDiff) -> JSONValue {
        var object: JSONObject = ["path": .string(diff.path), "scope": .string(diff.scope.rawValue)]
        object["desired"] = diff.desired.map(JSONValue.string) ?? .null
        object["live"] = diff.live.map(JSONValue.string) ?? .null
        return .object(object)
    }

    /// A resource identity as JSON.
    static func json(_ id: ResourceID) -> JSONValue {
        ["kind": .string(id.kind.rawValue), "name": .string(id.name)]
    }

    /// A change as JSON.
    static func json(_ change: PlannedChange) -> JSONValue {
        [
            "resource": json(change.resource),
            "action": .string(change.action.rawValue),
            "rollout": .string(change.rollout.summary),
            "diffs": .array(change.diffs.map(json)),
        ]
    }

    /// A held change as JSON.
    static func json(_ held: HeldChange) -> JSONValue {
        guard case .object(var object) = json(held.change) else { return .null }
        object["reason"] = ["code": .string(held.reason.code), "message": .string(held.reason.description)]
        return .object(object)
    }

    /// Markdown table cell text: pipes escaped, newlines flattened, wrapped as code.
    static func cell(_ text: String?) -> String {
        guard let text else { return "_(none)_" }
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "|", with: "\\|")
        let shown = flat.count > 120 ? String(flat.prefix(117)) + "..." : flat
        return "`" + shown.replacingOccurrences(of: "`", with: "'") + "`"
    }

    /// The Markdown diff table of a change (nothing for a change without diffs).
    static func markdownTable(_ change: PlannedChange) -> [String] {
        guard !change.diffs.isEmpty else { return [] }
        var lines = ["| Field | Live | Desired |", "|---|---|---|"]
        for diff in change.diffs {
            lines.append("| \(cell(diff.path)) | \(cell(diff.live)) | \(cell(diff.desired)) |")
        }
        return lines
    }
}
