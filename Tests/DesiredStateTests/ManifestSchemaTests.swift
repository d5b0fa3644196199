import Foundation
import PlumbTesting
import Spawn
import Testing

/// `docs/manifest.schema.json` accepts every manifest of the example and rejects broken ones,
/// checked with an independent validator (Python's jsonschema, YAML read with PyYAML).
struct ManifestSchemaTests {
    /// Validates every document of the YAML files given after the schema; prints one line per
    /// problem (`path: [field] message`) and `checked N` at the end.
    static let checker = #"""
        import json, sys, yaml, jsonschema
        schema = json.load(open(sys.argv[1]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        checked = 0
        for path in sys.argv[2:]:
            with open(path) as handle:
                for document in yaml.safe_load_all(handle):
                    if document is None:
                        continue
                    checked += 1
                    for error in validator.iter_errors(document):
                        print(f"{path}: {list(error.absolute_path)} {error.message}")
        print(f"checked {checked}")
        """#

    static func check(_ files: [String]) throws -> (problems: [String], checked: Int) {
        let output = try Spawn.run("python3", ["-", repositoryRoot + "/docs/manifest.schema.json"] + files,
                                   input: Data(checker.utf8), timeout: 120)
        #expect(output.status == 0, "\(output.stderrText)")
        var lines = output.stdoutText.split(separator: "\n").map(String.init)
        let last = lines.popLast() ?? ""
        return (lines, Int(last.replacingOccurrences(of: "checked ", with: "")) ?? -1)
    }

    static func yamlFiles(under folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        var files: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if relative.hasSuffix(".yaml") { files.append(folder + "/" + relative) }
        }
        return files.sorted()
    }

    @Test func exampleManifests_conformToTheSchema() throws {
        let folder = URL(fileURLWithPath: repositoryRoot + "/desired-state").resolvingSymlinksInPath().path
        let files = Self.yamlFiles(under: folder)
        #expect(files.count >= 6)
        let (problems, checked) = try Self.check(files)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(checked == 14, "every document of the example was checked")
    }

    @Test func brokenManifests_areRejectedByTheSchema() throws {
        let directory = try TemporaryDirectory()
        let broken = [
            "memory": Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 64"),
            "unknown": Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memorySize: 256"),
            "name": Baseline.function.replacingOccurrences(of: "name: hello", with: "name: hello world"),
            "strategy": Baseline.function.replacingOccurrences(of: "strategy: AllAtOnce", with: "strategy: Canary10Percent"),
            "effect": Baseline.iam.replacingOccurrences(of: "Effect: Allow", with: "Effect: Alow"),
            "account": SchemaCorpus.environment(account: "123456789012", region: "us-east-1"),
        ]
        var files: [String] = []
        for (name, text) in broken.sorted(by: { $0.key < $1.key }) {
            let path = directory.appending("\(name).yaml")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            files.append(path)
        }
        let (problems, _) = try Self.check(files)
        for file in files {
            #expect(problems.contains { $0.hasPrefix(file + ":") }, "the schema accepted \(file)")
        }
    }
}
