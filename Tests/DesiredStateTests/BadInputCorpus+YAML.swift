import DesiredState

/// Broken files: YAML syntax, encodings, sizes, links.
enum YAMLCorpus {
    static let base = RepositoryContent()

    static let cases: [CorpusCase] = [
        CorpusCase("yaml syntax error: bad indentation",
                   base.replacing("manifests/function.yaml", "  timeoutSeconds: 30", with: "   timeoutSeconds: 30"),
                   ExpectedDiagnostic("yaml.syntax", "manifests/function.yaml", line: 10, column: 18, message: "a ':' followed by a space is not allowed here")),
        CorpusCase("yaml syntax error: unclosed flow mapping",
                   base.replacing("manifests/iam.yaml", "trust: {service: lambda.amazonaws.com}", with: "trust: {service: lambda.amazonaws.com"),
                   ExpectedDiagnostic("yaml.syntax", "manifests/iam.yaml", line: 7, column: 1, message: "did not find expected ',' or '}'")),
        CorpusCase("alias bomb",
                   base.with("manifests/bomb.yaml", aliasBomb),
                   ExpectedDiagnostic("yaml.alias-limit", "manifests/bomb.yaml", line: 20, column: 22, message: "alias bomb")),
        CorpusCase("unknown alias",
                   base.replacing("manifests/function.yaml", "memoryMB: 256", with: "memoryMB: *size"),
                   ExpectedDiagnostic("yaml.unknown-alias", "manifests/function.yaml", line: 9, column: 13, message: "unknown alias '*size'")),
        CorpusCase("duplicate key",
                   base.replacing("manifests/function.yaml", "  timeoutSeconds: 30", with: "  timeoutSeconds: 30\n  memoryMB: 512"),
                   ExpectedDiagnostic("yaml.duplicate-key", "manifests/function.yaml", line: 11, column: 3, message: "duplicate key 'memoryMB'")),
        CorpusCase("non-UTF-8 manifest", latin1, ExpectedDiagnostic("yaml.encoding", "manifests/latin1.yaml", line: 5, column: 19, message: "not valid UTF-8")),
        CorpusCase("oversized manifest", oversized,
                   ExpectedDiagnostic("load.file-too-large", "manifests/huge.yaml", line: 0, message: "at most 1048576 bytes")),
        CorpusCase("manifest file is a symlink", linkedManifest,
                   ExpectedDiagnostic("load.symlink", "manifests/linked.yaml", line: 0, message: "symbolic link")),
        CorpusCase("document that is not a manifest",
                   base.with("manifests/notes.yaml", "owner: platform\nreviewers: [ana, bo]\n"),
                   ExpectedDiagnostic("load.not-a-manifest", "manifests/notes.yaml", line: 1, message: "not a manifest", severity: .warning)),
        CorpusCase("definition is not valid JSON",
                   base.replacing("flows/hello.asl.json", #""OutputPath": "$.Payload","#, with: #""OutputPath": "$.Payload""#),
                   ExpectedDiagnostic("yaml.syntax", "flows/hello.asl.json", line: 9, column: 7, message: "expected ',' or '}' after an item of the object")),
    ]

    /// Each alias doubles the nodes: 2^25 nodes once expanded.
    static let aliasBomb: String = {
        var text = "apiVersion: plumb.dev/v1\nkind: Policy\nmetadata: {name: bomb}\nspec:\n  document:\n    a0: &a0 [x, x]\n"
        for level in 1...25 { text += "    a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        return text
    }()

    static let latin1: RepositoryContent = {
        var content = base
        var bytes = Array("apiVersion: plumb.dev/v1\nkind: Policy\nmetadata: {name: latin}\nspec:\n  description: ".utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9, 0x0A]
        content.binary["manifests/latin1.yaml"] = bytes
        return content
    }()

    static let oversized: RepositoryContent = {
        var text = "apiVersion: plumb.dev/v1\nkind: Policy\nmetadata: {name: huge}\nspec:\n  description: |\n"
        let line = "    " + String(repeating: "x", count: 96) + "\n"
        text += String(repeating: line, count: 11_000)
        return base.with("manifests/huge.yaml", text)
    }()

    static let linkedManifest: RepositoryContent = {
        var content = base
        content.symlinks["manifests/linked.yaml"] = "function.yaml"
        return content
    }()
}
