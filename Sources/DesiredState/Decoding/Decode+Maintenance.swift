import Foundation
import YAML

extension FieldReader {
    /// Decodes a Maintenance `spec`.
    mutating func maintenanceSpec(_ spec: YAMLNode) -> MaintenanceSpec {
        mapping(spec, at: "spec", allowed: ["mode", "freezeWindows", "blocked"])
        var result = MaintenanceSpec()
        if let node = spec["mode"], let mode = enumeration(node, at: "spec.mode", as: MaintenanceMode.self) { result.mode = mode }
        if let node = spec["freezeWindows"] {
            if let items = node.sequence {
                for (index, item) in items.enumerated() {
                    if let window = freezeWindow(item, at: "spec.freezeWindows[\(index)]") { result.freezeWindows.append(window) }
                }
            } else {
                typeMismatch(node, "spec.freezeWindows", expected: "a list")
            }
        }
        if let node = spec["blocked"] { result.blocked = dependencyList(node, at: "spec.blocked") }
        return result
    }

    private mutating func freezeWindow(_ node: YAMLNode, at path: String) -> FreezeWindow? {
        guard mapping(node, at: path, allowed: ["days", "start", "end", "timezone", "reason"], required: ["days", "start", "end"]) != nil else {
            return nil
        }
        var days: [Weekday] = []
        if let daysNode = node["days"] {
            if let items = daysNode.sequence {
                if items.isEmpty { error("schema.empty", daysNode, "\(path).days", "\(path).days must name at least one day") }
                for (index, item) in items.enumerated() {
                    if let day = enumeration(item, at: "\(path).days[\(index)]", as: Weekday.self) { days.append(day) }
                }
            } else {
                typeMismatch(daysNode, "\(path).days", expected: "a list of days (e.g. [sunday])")
            }
        }
        let start = node["start"].flatMap { timeOfDay($0, at: "\(path).start") }
        let end = node["end"].flatMap { timeOfDay($0, at: "\(path).end") }
        if let start, let end, start == end, let endNode = node["end"] {
            error("schema.window", endNode, "\(path).end", "the window opens and closes at \(start), so it has no length",
                  hint: "an end earlier than the start closes the window on the next day")
        }
        var timezone = "UTC"
        if let zoneNode = node["timezone"], let zone = string(zoneNode, at: "\(path).timezone") {
            if TimeZone(identifier: zone) == nil {
                error("schema.timezone", zoneNode, "\(path).timezone", "unknown time zone '\(zone)'",
                      hint: "use an IANA name such as UTC, Europe/Berlin or America/New_York")
            } else {
                timezone = zone
            }
        }
        let reason = node["reason"].flatMap { string($0, at: "\(path).reason", nonEmpty: false) } ?? ""
        guard let start, let end, !days.isEmpty else { return nil }
        return FreezeWindow(days: days, start: start, end: end, timezone: timezone, reason: reason)
    }

    private mutating func timeOfDay(_ node: YAMLNode, at path: String) -> TimeOfDay? {
        guard let text = node.scalar?.text, node.string != nil || node.scalarKind == .int else {
            typeMismatch(node, path, expected: "a time \"HH:MM\"")
            return nil
        }
        guard let time = TimeOfDay(text) else {
            error("schema.time", node, path, "\(path) must be a 24-hour time \"HH:MM\", but is '\(text)'", hint: "e.g. \"02:00\"")
            return nil
        }
        return time
    }
}
