import Foundation
import YAML

/// Problems found in controller definitions: every one, each with `file:line:column` and what to do.
public struct DefinitionError: Error, Sendable, CustomStringConvertible {
    /// One line per problem.
    public var problems: [String]

    /// Creates the error.
    public init(_ problems: [String]) { self.problems = problems }

    /// The problems, one per line.
    public var description: String { problems.joined(separator: "\n") }
}

/// Reads `kind: Controller` documents from files and folders.
///
/// Unknown fields are errors with a "did you mean" suggestion; a `secret` written into the file
/// is refused (name an environment variable with `webhook.secretFromEnv`); relative state folders
/// are resolved against the folder of the file that names them.
public enum DefinitionLoader {
    /// The API version of controller documents.
    public static let apiVersion = "plumb.dev/v1"

    /// Loads every definition in `paths` (files, or folders whose `*.yaml` / `*.yml` files are read
    /// in name order). `defaultStateDirectory` is used where a definition names none.
    public static func load(paths: [String], defaultStateDirectory: String) throws -> [ControllerDefinition] {
        var files: [String] = []
        var problems: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                problems.append("\(path): no such file or folder; give controller definition files or the folder that holds them (e.g. controllers/)")
                continue
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                let found = names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                if found.isEmpty { problems.append("\(path): the folder holds no .yaml controller definitions") }
                files += found.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var definitions: [ControllerDefinition] = []
        for file in files {
            do {
                guard let bytes = FileManager.default.contents(atPath: file) else {
                    problems.append("\(file): cannot be read; check its permissions")
                    continue
                }
                definitions += try parse([UInt8](bytes), file: file, defaultStateDirectory: defaultStateDirectory)
            } catch let error as DefinitionError {
                problems += error.problems
            } catch {
                problems.append("\(error)")
            }
        }
        var seen: [String: String] = [:]
        for definition in definitions {
            if let first = seen[definition.name] {
                problems.append("\(definition.origin): a controller named '\(definition.name)' is already defined at \(first); give each controller its own name")
            }
            seen[definition.name] = definition.origin
        }
        if !problems.isEmpty { throw DefinitionError(problems) }
        if definitions.isEmpty { throw DefinitionError(["no controller definitions found in \(paths.joined(separator: ", "))"]) }
        return definitions
    }

    /// Parses the documents of one file.
    public static func parse(_ bytes: [UInt8], file: String, defaultStateDirectory: String) throws -> [ControllerDefinition] {
        let documents: [YAMLDocument]
        do {
            documents = try YAMLParser.parse(bytes, file: file)
        } catch let error as YAMLError {
            throw DefinitionError([error.description])
        }
        let folder = (file as NSString).deletingLastPathComponent
        var problems: [String] = []
        var definitions: [ControllerDefinition] = []
        for document in documents where !document.root.isNull {
            do {
                definitions.append(try definition(document.root, folder: folder, defaultStateDirectory: defaultStateDirectory))
            } catch let error as DefinitionError {
                problems += error.problems
            } catch let error as YAMLError {
                problems.append(error.description)
            }
        }
        if !problems.isEmpty { throw DefinitionError(problems) }
        return definitions
    }

    /// Checks and resolves one document.
    static func definition(_ root: YAMLNode, folder: String, defaultStateDirectory: String) throws -> ControllerDefinition {
        let place = { (node: YAMLNode?) -> String in
            let node = node ?? root
            return "\(node.file):\(node.mark.line):\(node.mark.column)"
        }
        if let kind = root["kind"]?.string, kind != "Controller" {
            throw DefinitionError(["\(place(root["kind"])): kind '\(kind)' is not a controller; controller files hold `kind: Controller` documents (manifests belong in the desired-state repository)"])
        }
        if let secret = root["spec"]?["webhook"]?["secret"] {
            throw DefinitionError(["\(place(secret)): a webhook secret is never written in a controller file; put it in an environment variable and name that variable with `secretFromEnv`"])
        }
        let (document, unknown) = try YAMLDecoder().decodeReportingUnknownKeys(DefinitionDocument.self, from: root)
        var problems = unknown.map(\.description)
        if document.apiVersion != apiVersion {
            problems.append("\(place(root["apiVersion"])): unsupported apiVersion '\(document.apiVersion)'; this plumb reads apiVersion: \(apiVersion)")
        }
        let spec = document.spec
        let name = document.metadata.name
        if !isValidName(name) {
            problems.append("\(place(root["metadata"]?["name"])): controller name '\(name)' must be 1–63 lowercase letters, digits and '-', starting with a letter")
        }
        let url = spec.source.url.trimmingCharacters(in: .whitespaces)
        if url.isEmpty { problems.append("\(place(root["spec"]?["source"]?["url"])): source.url is empty; give the desired-state repository's URL or path") }
        let branch = spec.source.branch ?? "main"
        if branch.isEmpty || branch.hasPrefix("refs/") || branch.contains("..") || branch.contains(" ") {
            problems.append("\(place(root["spec"]?["source"]?["branch"])): source.branch '\(branch)' is not a branch name; write it without refs/heads/, e.g. main")
        }
        let interval = spec.interval?.seconds ?? 60
        if interval < 0.1 { problems.append("\(place(root["spec"]?["interval"])): interval must be at least 100ms (got \(DurationText.format(interval)))") }
        let jitter = spec.jitter ?? 0.1
        if !(0...0.5).contains(jitter) { problems.append("\(place(root["spec"]?["jitter"])): jitter is a share of the interval from 0 to 0.5 (got \(jitter))") }
        var retry = RetrySpec()
        if let written = spec.retry {
            retry.initialBackoff = written.initialBackoff?.seconds ?? retry.initialBackoff
            retry.maxBackoff = written.maxBackoff?.seconds ?? retry.maxBackoff
            retry.factor = written.factor ?? retry.factor
        }
        if retry.initialBackoff <= 0 || retry.maxBackoff < retry.initialBackoff || retry.factor < 1 {
            problems.append("\(place(root["spec"]?["retry"])): retry needs 0 < initialBackoff ≤ maxBackoff and factor ≥ 1 (got \(DurationText.format(retry.initialBackoff)), \(DurationText.format(retry.maxBackoff)), \(retry.factor))")
        }
        if let variable = spec.webhook?.secretFromEnv, !isValidVariable(variable) {
            problems.append("\(place(root["spec"]?["webhook"]?["secretFromEnv"])): '\(variable)' is not an environment variable name; use letters, digits and '_', e.g. PLUMB_WEBHOOK_SECRET")
        }
        if spec.environment.isEmpty { problems.append("\(place(root["spec"]?["environment"])): environment is empty; name the Environment manifest to deploy") }
        if !problems.isEmpty { throw DefinitionError(problems) }
        let state = spec.stateDirectory.map { resolve($0, against: folder) } ?? absolute(defaultStateDirectory)
        return ControllerDefinition(
            name: name, origin: place(root["metadata"]?["name"]),
            source: SourceSpec(url: resolveSource(url, against: folder), branch: branch, path: spec.source.path.flatMap { $0.isEmpty ? nil : $0 }),
            environment: spec.environment, interval: interval, jitter: jitter, selfHeal: spec.selfHeal ?? false, prune: spec.prune ?? true,
            retry: retry, stateDirectory: state, webhook: spec.webhook.map { WebhookSpec(secretFromEnv: $0.secretFromEnv) },
            failover: spec.failover?.policy ?? .automatic)
    }

    /// Lowercase DNS-label names.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.count <= 63, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// POSIX environment variable names.
    static func isValidVariable(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// A local source path relative to the definition's folder; URLs unchanged.
    static func resolveSource(_ url: String, against folder: String) -> String {
        RepositoryURL.isRemote(url) ? url : resolve(url, against: folder)
    }

    /// `path` made absolute against `folder`.
    static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        return absolute((folder as NSString).appendingPathComponent(path))
    }

    /// `path` made absolute against the working directory.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return (path as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path) as NSString).standardizingPath
    }
}
