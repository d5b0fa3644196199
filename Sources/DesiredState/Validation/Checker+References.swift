extension Checker {
    func exists(_ kind: ResourceKind, _ name: String) -> Bool { catalog.exists(kind, name) }

    func names(of kind: ResourceKind) -> [String] { catalog.names(of: kind) }

    /// Reports a reference to a missing resource.
    mutating func reportUnknown(_ kind: ResourceKind, _ name: String, from manifest: DecodedManifest, at location: FileLocation, field: String,
                                what: String? = nil) {
        error("ref.unknown", manifest, at: location, field: field,
              "\(what ?? field) names \(kind.rawValue) '\(name)', which does not exist",
              hint: ResourceLookup.hint(for: name, among: names(of: kind), kind: kind) + unreadableNote)
    }

    /// A note for reference errors when some manifest files could not be parsed (they may define the missing resource).
    var unreadableNote: String {
        guard let first = catalog.unreadableFiles.first else { return "" }
        let more = catalog.unreadableFiles.count > 1 ? " and \(catalog.unreadableFiles.count - 1) more" : ""
        return " (note: \(first)\(more) could not be parsed, so resources defined there are unknown; fix that first)"
    }

    /// Checks a name reference (`role: x`); returns whether it resolves.
    @discardableResult
    mutating func checkName(_ kind: ResourceKind, _ name: String, from manifest: DecodedManifest, field: String, keys: String...) -> Bool {
        guard !name.isEmpty else { return false }
        if exists(kind, name) { return true }
        reportUnknown(kind, name, from: manifest, at: catalog.locate(manifest, keys.map(PathComponent.key)), field: field)
        return false
    }

    /// Checks a `${kind:name[:qualifier]}` reference or a substitution value.
    mutating func checkReference(_ expression: ReferenceExpression, from manifest: DecodedManifest, at location: @autoclosure () -> FileLocation,
                                 field: String) {
        guard case .resource(let kind, let name, let qualifier) = expression else { return }
        if ReferenceExpression.hasWildcard(name.utf8) { return }
        guard exists(kind, name) else {
            reportUnknown(kind, name, from: manifest, at: location(), field: field, what: "the reference")
            return
        }
        guard let qualifier, !ReferenceExpression.hasWildcard(qualifier.utf8), qualifier != "$LATEST",
              !ASCII.all(qualifier, ASCII.isDigit) else { return }
        let alias: String?? = kind == .function ? catalog.functions[name].map { $0.spec.alias } : kind == .stateMachine ? catalog.stateMachines[name].map { $0.spec.alias } : nil
        guard let declared = alias, declared != qualifier else { return }
        error("ref.unknown-alias", manifest, at: location(), field: field,
              "\(kind.rawValue) '\(name)' has no alias '\(qualifier)'",
              hint: declared.map { "its alias is '\($0)'" } ?? "set spec.alias: \(qualifier) on \(kind.rawValue)/\(name), or reference the function without a qualifier")
    }

    /// Checks every reference a manifest recorded while it was decoded.
    mutating func checkRecordedReferences(_ manifest: DecodedManifest) {
        for site in manifest.references {
            checkReference(site.expression, from: manifest, at: site.location, field: site.field)
        }
    }
}
