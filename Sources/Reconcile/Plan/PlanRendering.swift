import DesiredState
import Foundation
import StatesLanguage

extension Plan {
    /// The plan for a terminal: one block per change with its diffs, then held changes.
    public func renderText() -> String {
        var lines = ["Plan for \(ReportText.environment(target)) at \(revision), mode \(mode.rawValue)"]
        if changes.isEmpty && held.isEmpty {
            lines.append("No changes: the environment matches the desired state.")
        }
        for change in changes { lines += ReportText.textLines(change, indent: "  ") }
        if !held.isEmpty {
            lines.append("Held (not applied):")
            for entry in held { lines += ReportText.textLines(entry.change, indent: "  ", suffix: " — held: \(entry.reason)") }
        }
        if !unmanaged.isEmpty {
            lines.append("Unmanaged (not tagged \(ManagedTag.key), never changed): " + unmanaged.map(\.description).joined(separator: ", "))
        }
        if !prune && !isEmpty { lines.append("Pruning is off: managed resources missing from desired state are kept.") }
        lines.append("Summary: \(summary)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plan as JSON (display values only: secrets masked).
    public func renderJSONValue() -> JSONValue {
        var object: JSONObject = [
            "revision": .string(revisionText),
            "environment": target.environment.map(JSONValue.string) ?? .null,
            "account": .string(target.account),
            "region": .string(target.region),
            "mode": .string(mode.rawValue),
            "plannedAt": .string(PlanTime.format(plannedAt)),
            "prune": .bool(prune),
        ]
        let counts = summary
        object["summary"] = ["create": .int(Int64(counts.create)), "update": .int(Int64(counts.update)),
                             "delete": .int(Int64(counts.delete)), "held": .int(Int64(counts.held))]
        object["changes"] = .array(changes.map(ReportText.json))
        object["held"] = .array(held.map(ReportText.json))
        object["unmanaged"] = .array(unmanaged.map(ReportText.json))
        return .object(object)
    }

    /// The plan as pretty-printed JSON text.
    public func renderJSON() -> String {
        renderJSONValue().serialized([.prettyPrinted]) + "\n"
    }

    /// The plan as Markdown, for a pull-request comment.
    public func renderMarkdown() -> String {
        var lines = ["### plumb plan — \(ReportText.environment(target))", "",
                     "Revision: `\(revisionText)` · mode: `\(mode.rawValue)` · **\(summary)**", ""]
        if changes.isEmpty && held.isEmpty { lines.append("No changes: the environment matches the desired state.") }
        if !changes.isEmpty {
            lines += ["| | Resource | Action | Rollout |", "|---|---|---|---|"]
            for change in changes {
                lines.append("| \(ReportText.symbol(change.action)) | `\(change.resource)` | \(change.action.rawValue) | \(change.rollout.summary) |")
            }
            lines.append("")
            for change in changes where !change.diffs.isEmpty {
                lines += ["<details><summary>\(change.action.rawValue) <code>\(change.resource)</code> (\(change.diffs.count) field\(change.diffs.count == 1 ? "" : "s"))</summary>", ""]
                lines += ReportText.markdownTable(change)
                lines += ["", "</details>", ""]
            }
        }
        if !held.isEmpty {
            lines += ["#### Held", "", "| Resource | Action | Reason |", "|---|---|---|"]
            for entry in held {
                lines.append("| `\(entry.change.resource)` | \(entry.change.action.rawValue) | \(entry.reason) |")
            }
            lines.append("")
        }
        if !unmanaged.isEmpty {
            lines += ["Unmanaged (never changed): " + unmanaged.map { "`\($0)`" }.joined(separator: ", "), ""]
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
