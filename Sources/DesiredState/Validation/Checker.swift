import YAML

/// Checks resources against the catalog, collecting diagnostics. One checker per thread; the
/// catalog is shared and never changed by checks.
struct Checker {
    let catalog: Catalog
    var diagnostics: [Diagnostic] = []

    var target: DeploymentTarget { catalog.target }
    var source: any FileSource { catalog.source }
    var cache: DesiredStateCache { catalog.cache }

    /// The location of `spec.<keys…>` of a manifest, or of the manifest when the field is absent.
    static func locate(_ manifest: DecodedManifest, _ keys: String...) -> FileLocation {
        var node: YAMLNode? = manifest.parsed.spec
        for key in keys { node = node?[key] }
        return node.map(FieldReader.location) ?? manifest.parsed.location
    }

    /// Adds an error about a manifest.
    mutating func error(_ code: String, _ manifest: DecodedManifest, at location: FileLocation? = nil, field: String,
                        _ message: String, hint: String = "") {
        diagnostics.append(Diagnostic(.error, code, at: location ?? manifest.parsed.location, resource: manifest.id, field: field, message, hint: hint))
    }

    /// Adds a warning about a manifest.
    mutating func warning(_ code: String, _ manifest: DecodedManifest, at location: FileLocation? = nil, field: String,
                          _ message: String, hint: String = "") {
        diagnostics.append(Diagnostic(.warning, code, at: location ?? manifest.parsed.location, resource: manifest.id, field: field, message, hint: hint))
    }

    /// Adds the diagnostics of a file analysis, as diagnostics of `resource`.
    mutating func adopt(_ found: [Diagnostic], for resource: ResourceID) {
        for diagnostic in found {
            var copy = diagnostic
            copy.resource = resource
            diagnostics.append(copy)
        }
    }
}
