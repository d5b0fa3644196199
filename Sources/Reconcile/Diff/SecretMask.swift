import StatesLanguage

/// Masks secret values in every output: environment variables whose name contains `SECRET`,
/// `TOKEN`, `PASSWORD` or `KEY` (any letter case) are shown as `••••••`; that a diff
/// exists already says the value changed.
public enum SecretMask {
    /// The words that make a variable name secret.
    public static let words = ["SECRET", "TOKEN", "PASSWORD", "KEY"]

    /// What a secret value is shown as.
    public static let mask = "••••••"

    /// Whether an environment variable name is secret.
    public static func isSecretName(_ name: String) -> Bool {
        let upper = name.uppercased()
        return words.contains { upper.contains($0) }
    }

    /// Whether a diff path names a secret: `environment.<NAME>` (also under `latest.`) with a secret name.
    public static func isSecretPath(_ path: String) -> Bool {
        var rest = Substring(path)
        if rest.hasPrefix("latest.") { rest = rest.dropFirst("latest.".count) }
        guard rest.hasPrefix("environment.") else { return false }
        return isSecretName(String(rest.dropFirst("environment.".count)))
    }

    /// A value for display: strings as they are, anything else as compact JSON with sorted keys;
    /// `mask` when `masked`.
    public static func display(_ value: JSONValue, masked: Bool) -> String {
        if masked { return SecretMask.mask }
        if case .string(let text) = value { return text }
        return value.serialized([.sortedKeys])
    }

    /// A field's value for display at `path`: masked when the path names a secret variable;
    /// a whole `environment` object has its secret members masked.
    public static func display(path: String, value: JSONValue) -> String {
        if isSecretPath(path) { return mask }
        if path == "environment" || path.hasSuffix(".environment"), case .object(let object) = value {
            var masked = JSONObject()
            for (name, member) in object { masked[name] = isSecretName(name) ? .string(mask) : member }
            return JSONValue.object(masked).serialized([.sortedKeys])
        }
        return display(value, masked: false)
    }

    /// Masks the values of secret names in an environment map, for display.
    public static func maskEnvironment(_ environment: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in environment {
            result[name] = isSecretName(name) ? display(.string(value), masked: true) : value
        }
        return result
    }
}
