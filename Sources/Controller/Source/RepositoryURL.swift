import Foundation

/// Repository addresses compared the way a person means them: `https://host/o/r.git`,
/// `git@host:o/r`, `ssh://git@host:22/o/r` and `git://host/o/r` all name `host/o/r`.
public enum RepositoryURL {
    /// Whether `location` is a URL (or scp-like ssh address) rather than a local path.
    public static func isRemote(_ location: String) -> Bool {
        if location.contains("://") { return true }
        guard let at = location.firstIndex(of: "@"), let colon = location[at...].firstIndex(of: ":") else { return false }
        return !location[..<at].contains("/") && !location[at..<colon].contains("/")
    }

    /// `host/path` in lowercase, without scheme, user, port, `.git` or trailing slashes; a local
    /// path (or `file://` URL) becomes its standardized absolute path.
    public static func normalize(_ location: String) -> String {
        var text = location.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.hasPrefix("file://") {
            text = String(text.dropFirst("file://".count))
            return strip((text as NSString).standardizingPath)
        }
        guard isRemote(text) else { return strip((text as NSString).standardizingPath) }
        var host: Substring
        var path: Substring
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            host = rest[..<slash]
            path = rest[slash...]
        } else {
            // scp-like: user@host:path
            let colon = text.firstIndex(of: ":") ?? text.endIndex
            host = text[..<colon]
            path = colon < text.endIndex ? text[text.index(after: colon)...] : ""
        }
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if let colon = host.lastIndex(of: ":"), !host.hasSuffix("]") { host = host[..<colon] }
        let cleanPath = strip(String(path)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return "\(host.lowercased())/\(cleanPath.lowercased())"
    }

    /// Without a trailing `/` or `.git`.
    private static func strip(_ text: String) -> String {
        var text = text
        while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        if text.hasSuffix(".git") { text.removeLast(4) }
        while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
        return text
    }
}
