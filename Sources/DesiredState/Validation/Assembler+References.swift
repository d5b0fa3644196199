extension Assembler {
    /// Whether a resource of `kind` named `name` exists.
    func exists(_ kind: ResourceKind, _ name: String) -> Bool {
        switch kind {
        case .function: return functions[name] != nil
        case .stateMachine: return stateMachines[name] != nil
        case .role: return roles[name] != nil
        case .policy: return policies[name] != nil
        case .maintenance: return maintenance?.name == name
        case .environment: return environments[name] != nil
        }
    }

    /// The names of every resource of `kind`.
    func names(of kind: ResourceKind) -> [String] {
        switch kind {
        case .function: return Array(functions.keys)
        case .stateMachine: return Array(stateMachines.keys)
        case .role: return Array(roles.keys)
        case .policy: return Array(policies.keys)
        case .maintenance: return maintenance.map { [$0.name] } ?? []
        case .environment: return Array(environments.keys)
        }
    }

    /// Reports a reference to a missing resource.
    mutating func reportUnknown(_ kind: ResourceKind, _ name: String, from manifest: DecodedManifest, at location: FileLocation, field: String,
                                what: String? = nil) {
        error("ref.unknown", manifest, at: location, field: field,
              "\(what ?? field) names \(kind.rawValue) '\(name)', which does not exist",
              hint: ResourceLookup.hint(for: name, among: names(of: kind), kind: kind) + unreadableNote)
    }

    /// A note for reference errors when some manifest files could not be parsed (they may define the missing resource).
    var unreadableNote: String {
        guard let first = unreadableFiles.first else { return "" }
        let more = unreadableFiles.count > 1 ? " and \(unreadableFiles.count - 1) more" : ""
        return " (note: \(first)\(more) could not be parsed, so resources defined there are unknown; fix that first)"
    }

    /// Checks a name reference (`role: x`); returns whether it resolves.
    @discardableResult
    mutating func checkName(_ kind: ResourceKind, _ name: String, from manifest: DecodedManifest, field: String, keys: String...) -> Bool {
        guard !name.isEmpty else { return false }
        if exists(kind, name) { return true }
        var node = Optional(manifest.parsed.spec)
        for key in keys { node = node?[key] }
        reportUnknown(kind, name, from: manifest, at: node.map(FieldReader.location) ?? manifest.parsed.location, field: field)
        return false
    }

    /// Checks a `${kind:name[:qualifier]}` reference or a substitution value.
    mutating func checkReference(_ expression: ReferenceExpression, from manifest: DecodedManifest, at location: FileLocation, field: String) {
        guard case .resource(let kind, let name, let qualifier) = expression else { return }
        if name.contains(where: { $0 == "*" || $0 == "?" }) { return }
        guard exists(kind, name) else {
            reportUnknown(kind, name, from: manifest, at: location, field: field, what: "the reference")
            return
        }
        guard let qualifier, !qualifier.contains(where: { $0 == "*" || $0 == "?" }), qualifier != "$LATEST",
              !qualifier.allSatisfy({ $0.isASCII && $0.isNumber }) else { return }
        let alias: String?? = kind == .function ? functions[name].map { $0.spec.alias } : kind == .stateMachine ? stateMachines[name].map { $0.spec.alias } : nil
        guard let declared = alias, declared != qualifier else { return }
        error("ref.unknown-alias", manifest, at: location, field: field,
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
