import YAML

/// A manifest document as read from a file: kind, name and labels checked, `spec` still a node.
struct ParsedManifest: Sendable {
    /// Kind and name.
    var id: ResourceID
    /// `metadata.labels`.
    var labels: [String: String]
    /// The `spec` node (an empty mapping when absent or unusable); nil once decoded, to keep
    /// memory small (`Catalog.specNode(of:)` reads it again when a location is needed).
    var spec: YAMLNode?
    /// The position of the document in its file (0-based).
    var documentIndex = 0
    /// Where `metadata.name` is written.
    var location: FileLocation
    /// The file the document is in.
    var file: String
}

/// Reads the envelope (`apiVersion`, `kind`, `metadata`, `spec`) of manifest documents.
enum ManifestEnvelope {
    /// The only API version of this release.
    static let apiVersion = "plumb.dev/v1"

    /// The outcome of reading one document.
    enum Outcome {
        /// A manifest (possibly with diagnostics about its envelope).
        case manifest(ParsedManifest)
        /// An empty document (e.g. a trailing `---`).
        case empty
        /// A document that does not look like a manifest at all (no `apiVersion` and no `kind`).
        case notAManifest(YAMLNode)
        /// A manifest whose envelope is too broken to identify it.
        case broken
    }

    /// Reads the envelope of one document, reporting its problems to `reader`.
    static func read(_ root: YAMLNode, reader: inout FieldReader) -> Outcome {
        if root.isNull { return .empty }
        guard root.mapping != nil, root["apiVersion"] != nil || root["kind"] != nil else { return .notAManifest(root) }

        var kind: ResourceKind?
        if let kindNode = root["kind"], let text = reader.string(kindNode, at: "kind") {
            kind = ResourceKind(rawValue: text)
            if kind == nil {
                let names = ResourceKind.allCases.map(\.rawValue)
                let guess = suggestion(for: text, among: names)
                reader.error("schema.unknown-kind", kindNode, "kind", "unknown kind '\(text)'",
                             hint: guess.map { "did you mean '\($0)'?" } ?? "kinds: \(names.joined(separator: ", "))")
            }
        }
        var name: String?
        var nameNode = root
        var labels: [String: String] = [:]
        if let metadata = root["metadata"], reader.mapping(metadata, at: "metadata", allowed: ["name", "labels"], required: ["name"]) != nil {
            if let node = metadata["name"] {
                nameNode = node
                name = reader.string(node, at: "metadata.name")
            }
            if let node = metadata["labels"] { labels = reader.stringMap(node, at: "metadata.labels") ?? [:] }
        }
        if let kind, let name { reader.resource = ResourceID(kind, name) }
        reader.mapping(root, at: "", allowed: ["apiVersion", "kind", "metadata", "spec"], required: ["apiVersion", "kind", "metadata", "spec"])
        if let versionNode = root["apiVersion"], let version = reader.string(versionNode, at: "apiVersion"), version != apiVersion {
            reader.error("schema.api-version", versionNode, "apiVersion", "unsupported apiVersion '\(version)'",
                         hint: "this release of plumb reads apiVersion: \(apiVersion)")
        }
        guard let kind, let name else { return .broken }
        if let problem = NameRules.check(kind: kind, name) {
            reader.error("schema.name", nameNode, "metadata.name", problem)
        }
        var spec = YAMLNode(.mapping([]), mark: root.mark, file: root.file)
        if let node = root["spec"] {
            if node.mapping != nil { spec = node } else { reader.typeMismatch(node, "spec", expected: "a mapping") }
        }
        return .manifest(ParsedManifest(id: ResourceID(kind, name), labels: labels, spec: spec,
                                        location: FieldReader.location(nameNode), file: root.file))
    }
}
