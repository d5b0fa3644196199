import YAML

/// Finds manifests by name for references (`role: x`, `dependsOn: [x]`, `${function:x}`).
enum ResourceLookup {
    /// Parses `Kind/name`; nil when the text has no known kind prefix.
    static func parseQualified(_ text: String) -> ResourceID? {
        guard let slash = text.firstIndex(of: "/"), let kind = ResourceKind(rawValue: String(text[..<slash])) else { return nil }
        let name = String(text[text.index(after: slash)...])
        return name.isEmpty ? nil : ResourceID(kind, name)
    }

    /// A hint for an unknown name: the closest existing name, or the names there are.
    static func hint(for name: String, among names: some Collection<String>, kind: ResourceKind) -> String {
        if let guess = suggestion(for: name, among: names) { return "did you mean '\(guess)'?" }
        if names.isEmpty { return "there is no \(kind.rawValue) manifest; add one named '\(name)'" }
        if names.count <= 8 { return "\(kind.rawValue) manifests: \(names.sorted().joined(separator: ", "))" }
        return "add a \(kind.rawValue) manifest named '\(name)', or fix the name"
    }
}
