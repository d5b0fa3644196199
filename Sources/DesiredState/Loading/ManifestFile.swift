import YAML

/// A manifest decoded from its document: envelope, typed spec, and what was found on the way.
///
/// Immutable and shared (a class) because the same decoded manifest is kept in the cache and
/// passed through every stage of a load.
final class DecodedManifest: Sendable {
    /// Envelope and spec node.
    let parsed: ParsedManifest
    /// The typed spec.
    let spec: ManifestSpec
    /// Problems of this manifest alone.
    let diagnostics: [Diagnostic]
    /// References written in the spec (policy resources), checked once every manifest is known.
    let references: [ReferenceSite]

    init(parsed: ParsedManifest, spec: ManifestSpec, diagnostics: [Diagnostic], references: [ReferenceSite]) {
        self.parsed = parsed
        self.spec = spec
        self.diagnostics = diagnostics
        self.references = references
    }

    var id: ResourceID { parsed.id }
}

/// The typed spec of a manifest, by kind.
enum ManifestSpec: Sendable {
    case function(FunctionSpec)
    case stateMachine(StateMachineSpec)
    case role(RoleSpec)
    case policy(PolicySpec)
    case maintenance(MaintenanceSpec)
    case environment(EnvironmentSpec)
}

/// One manifest file, parsed and decoded on its own (so the result can be cached by blob id).
struct ManifestFile: Sendable {
    /// The manifests, in document order.
    var manifests: [DecodedManifest]
    /// Problems of the file as a whole (syntax, encoding, size) and of broken envelopes.
    var diagnostics: [Diagnostic]
    /// Documents that are not manifests (no apiVersion, no kind), reported unless they are inside a code folder.
    var foreignDocuments: [FileLocation]

    /// The most bytes a manifest file may have.
    static let maxBytes = 1 << 20

    /// Parses and decodes the manifest file at `path`.
    static func parse(path: String, bytes: UnsafeRawBufferPointer) -> ManifestFile {
        var file = ManifestFile(manifests: [], diagnostics: [], foreignDocuments: [])
        if bytes.count > maxBytes {
            file.diagnostics.append(Diagnostic(.error, "load.file-too-large", at: FileLocation(file: path),
                                               "the file is \(bytes.count) bytes; manifest files may be at most \(maxBytes) bytes (1 MiB)",
                                               hint: "split the manifests into several files"))
            return file
        }
        let documents: [YAMLDocument]
        do {
            documents = try YAMLParser.parse(buffer: bytes, file: path)
        } catch let error as YAMLError {
            file.diagnostics.append(Diagnostic(yamlError: error))
            return file
        } catch {
            file.diagnostics.append(Diagnostic(.error, "yaml.syntax", at: FileLocation(file: path), "cannot parse the file: \(error)"))
            return file
        }
        for document in documents {
            var reader = FieldReader(resource: nil)
            switch ManifestEnvelope.read(document.root, reader: &reader) {
            case .manifest(var parsed):
                parsed.documentIndex = document.index
                file.manifests.append(decode(parsed, spec: parsed.spec ?? YAMLNode(.mapping([]), mark: document.root.mark, file: path),
                                             reader: &reader, keepSpec: false))
            case .notAManifest(let root):
                file.foreignDocuments.append(FieldReader.location(root))
            case .empty, .broken:
                file.diagnostics.append(contentsOf: reader.diagnostics.items)
            }
        }
        return file
    }

    /// Decodes the spec of a manifest (the original one, or one patched by an environment);
    /// `keepSpec` keeps the spec node in the result (patched specs cannot be read again from a file).
    static func decode(_ parsed: ParsedManifest, spec node: YAMLNode, reader: inout FieldReader, keepSpec: Bool) -> DecodedManifest {
        reader.resource = parsed.id
        let spec: ManifestSpec
        switch parsed.id.kind {
        case .function: spec = .function(reader.functionSpec(node))
        case .stateMachine: spec = .stateMachine(reader.stateMachineSpec(node))
        case .role: spec = .role(reader.roleSpec(node))
        case .policy: spec = .policy(reader.policySpec(node))
        case .maintenance: spec = .maintenance(reader.maintenanceSpec(node))
        case .environment: spec = .environment(reader.environmentSpec(node))
        }
        var kept = parsed
        kept.spec = keepSpec ? node : nil
        return DecodedManifest(parsed: kept, spec: spec, diagnostics: reader.diagnostics.items, references: reader.references)
    }

    /// Whether a path is a manifest file: `.yaml` or `.yml`, not in a folder whose name starts with `.`.
    static func isManifestPath(_ path: String) -> Bool {
        var text = path
        return text.withUTF8 { bytes in
            func ends(with suffix: StaticString) -> Bool {
                let count = suffix.utf8CodeUnitCount
                return bytes.count >= count && UnsafeBufferPointer(start: suffix.utf8Start, count: count).elementsEqual(bytes[(bytes.count - count)...])
            }
            guard ends(with: ".yaml") || ends(with: ".yml") else { return false }
            // No folder on the way (a component before the last '/') may start with a dot.
            let slash = UInt8(ascii: "/")
            guard let lastSlash = bytes.lastIndex(of: slash) else { return true }
            var start = 0
            for index in 0...lastSlash where bytes[index] == slash {
                if index > start && bytes[start] == UInt8(ascii: ".") { return false }
                start = index + 1
            }
            return true
        }
    }
}

extension Diagnostic {
    /// A diagnostic for a YAML or JSON error.
    init(yamlError error: YAMLError, resource: ResourceID? = nil) {
        let code: String
        var hint = ""
        switch error.code {
        case .syntax: code = "yaml.syntax"
        case .encoding:
            code = "yaml.encoding"
            hint = "save the file as UTF-8"
        case .duplicateKey: code = "yaml.duplicate-key"
        case .unknownAlias: code = "yaml.unknown-alias"
        case .aliasExpansionLimit: code = "yaml.alias-limit"
        case .depthLimit: code = "yaml.depth-limit"
        case .invalidTag: code = "yaml.tag"
        case .invalidMerge: code = "yaml.merge"
        default: code = "yaml.invalid"
        }
        self.init(.error, code, at: FileLocation(file: error.file, line: error.mark.line, column: error.mark.column),
                  resource: resource, field: error.path, error.message, hint: hint)
    }
}
