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
    /// Reads the manifest's file again: use it only for problems.
    func locate(_ manifest: DecodedManifest, _ keys: String...) -> FileLocation {
        catalog.locate(manifest, keys.map(PathComponent.key))
    }

    /// The location of `spec.<key>[index]<.rest…>` of a manifest, or of the manifest.
    func locate(_ manifest: DecodedManifest, _ key: String, _ index: Int, _ rest: String...) -> FileLocation {
        catalog.locate(manifest, [.key(key), .index(index)] + rest.map(PathComponent.key))
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
