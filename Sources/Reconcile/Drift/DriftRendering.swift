import DesiredState
import Foundation
import StatesLanguage

extension DriftReport {
    /// The report for a terminal.
    public func renderText() -> String {
        var lines = ["Drift of \(ReportText.environment(target)) from \(revision) at \(PlanTime.format(checkedAt))"]
        if !hasDrift && held.isEmpty { lines.append("No drift: the environment matches the last deployed commit.") }
        for change in modified {
            lines.append("  ~ modified \(change.resource)")
            for diff in change.diffs { lines.append("      \(diff.path): desired \(diff.desired ?? "(none)"), live \(diff.live ?? "(none)")") }
        }
        for id in missing { lines.append("  + missing \(id)") }
        for id in orphaned { lines.append("  - orphaned \(id) (managed by plumb, no longer desired)") }
        for id in unmanaged { lines.append("  ? unmanaged \(id) (not tagged \(ManagedTag.key))") }
        if !held.isEmpty {
            lines.append("Held (pending, not drift):")
            for entry in held { lines += ReportText.textLines(entry.change, indent: "  ", suffix: " — held: \(entry.reason)") }
        }
        lines.append("Summary: \(summary)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as JSON (display values only: secrets masked).
    public func renderJSONValue() -> JSONValue {
        let modifiedJSON: [JSONValue] = modified.map { change in
            ["resource": ReportText.json(change.resource), "diffs": .array(change.diffs.map(ReportText.json))]
        }
        let object: JSONObject = [
            "revision": .string(revisionText),
            "environment": target.environment.map(JSONValue.string) ?? .null,
            "account": .string(target.account),
            "region": .string(target.region),
            "checkedAt": .string(PlanTime.format(checkedAt)),
            "drift": .bool(hasDrift),
            "modified": .array(modifiedJSON),
            "missing": .array(missing.map(ReportText.json)),
            "orphaned": .array(orphaned.map(ReportText.json)),
            "unmanaged": .array(unmanaged.map(ReportText.json)),
            "held": .array(held.map(ReportText.json)),
        ]
        return .object(object)
    }

    /// The report as pretty-printed JSON text.
    public func renderJSON() -> String {
        renderJSONValue().serialized([.prettyPrinted]) + "\n"
    }

    /// The report as Markdown.
    public func renderMarkdown() -> String {
        var lines = ["### plumb drift — \(ReportText.environment(target))", "",
                     "Against `\(revisionText)` · **\(summary)**", ""]
        if !hasDrift && held.isEmpty { lines.append("No drift: the environment matches the last deployed commit.") }
        for change in modified {
            lines += ["#### Modified `\(change.resource)`", ""]
            lines += ReportText.markdownTable(change)
            lines.append("")
        }
        let groups: [(String, [ResourceID])] = [("Missing", missing), ("Orphaned (managed, no longer desired)", orphaned),
                                                 ("Unmanaged (never changed by plumb)", unmanaged)]
        for (title, ids) in groups where !ids.isEmpty {
            lines += ["#### \(title)", ""] + ids.map { "- `\($0)`" } + [""]
        }
        if !held.isEmpty {
            lines += ["#### Held (pending)", "", "| Resource | Reason |", "|---|---|"]
            for entry in held { lines.append("| `\(entry.change.resource)` | \(entry.reason) |") }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The full commit id, or `working tree PATH`.
    var revisionText: String {
        switch revision {
        case .commit(let id): return id
        case .workingTree(let path): return "working tree \(path)"
        }
    }
}
