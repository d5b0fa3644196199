import DesiredState
import Foundation
import Git
import PlumbTesting
import StatesLanguage
import Testing

/// Loading from commits, folders, sub-paths and URLs; repository-level failures; the parse cache.
struct LoadingTests {
    @Test func emptyRepository_failsWithAClearError() throws {
        let directory = try TemporaryDirectory()
        let fixture = try GitFixture(path: directory.appending("empty"))
        let error = try #require(throws: LoadError.self) {
            try DesiredStateLoader().load(repository: try Repository.open(path: fixture.path))
        }
        #expect(error.code == .emptyRepository)
        #expect(error.message.contains("has no commits yet"))
    }

    @Test func commitThatDoesNotExist_failsNamingTheRevision() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        let missing = "0123456789abcdef0123456789abcdef01234567"
        let error = try #require(throws: LoadError.self) {
            try DesiredStateLoader().load(repository: try Repository.open(path: fixture.path), revision: missing)
        }
        #expect(error.code == .revision)
        #expect(error.message.contains("'\(missing)' does not name a commit"))
    }

    @Test func subPath_readsOnlyTheManifestsBelowIt() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent(files: [:])
        for (path, text) in Baseline.files { content.files["deploy/" + path] = text }
        content.files["ci/pipeline.yaml"] = "kind: Pipeline\nsteps: [build]\n"
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let result = try DesiredStateLoader().load(repository: repository, path: "deploy")
        #expect(result.diagnostics.isEmpty, "\(DiagnosticRendering.text(result.diagnostics))")
        #expect(result.state.functions.first?.code.path == "functions/hello")
        #expect(result.state.functions.first?.code.treeID == (try fixture.revParse("HEAD:deploy/functions/hello")))

        let whole = try DesiredStateLoader().load(repository: repository)
        #expect(whole.diagnostics.contains { $0.code == "schema.unknown-kind" && $0.location.file == "ci/pipeline.yaml" })
        #expect(throws: LoadError.self) { try DesiredStateLoader().load(repository: repository, path: "nowhere") }
    }

    @Test func workingTree_seesUncommittedEdits() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        try fixture.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 100"))
        let committed = try DesiredStateLoader().load(repository: try Repository.open(path: fixture.path))
        let edited = try DesiredStateLoader().load(directory: fixture.path)
        #expect(!committed.hasErrors)
        #expect(edited.diagnostics.map(\.code) == ["schema.range"])
    }

    @Test func folderWithoutManifests_warns() throws {
        let directory = try TemporaryDirectory()
        let result = try DesiredStateLoader().load(directory: directory.path)
        #expect(result.diagnostics.map(\.code) == ["load.no-manifests"])
        #expect(!result.hasErrors)
    }

    @Test func reloadAfterOneFileCommit_parsesOnlyThatFile() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        try fixture.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 512"))
        _ = try fixture.commit("more memory")
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        let before = try loader.load(repository: repository, revision: "HEAD~1")
        let parsedCold = loader.cache.statistics.parsed
        let after = try loader.load(repository: repository, revision: "HEAD")
        #expect(loader.cache.statistics.parsed == parsedCold + 1, "only manifests/function.yaml is new")
        #expect(before.state.functions.first?.spec.memoryMB == 256)
        #expect(after.state.functions.first?.spec.memoryMB == 512)
        #expect(after.state.stateMachines == before.state.stateMachines)
        let again = try loader.load(repository: repository, revision: "HEAD~1")
        #expect(again.state.functions == before.state.functions)
        #expect(loader.cache.statistics.parsed == parsedCold + 1, "going back finds the old version still cached")
        #expect(loader.cache.statistics.incrementalLoads == 2, "both later loads re-checked only the changed manifest")
    }

    /// The first load into an empty cache keeps everything it parsed; each later whole load keeps
    /// only what it used, so a file's old version is parsed again after a load without it.
    @Test func wholeLoads_keepWhatTheLatestLoadUsed() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        let loader = DesiredStateLoader()
        _ = try loader.load(directory: fixture.path)
        let cold = loader.cache.statistics.parsed
        let held = loader.cache.count
        #expect(cold > 1 && held == cold, "the first load keeps every file it parsed")

        try fixture.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 512"))
        let edited = try loader.load(directory: fixture.path)
        #expect(edited.state.functions.first?.spec.memoryMB == 512)
        #expect(loader.cache.statistics.parsed == cold + 1, "only the edited file is parsed again")
        #expect(loader.cache.count == held, "the old version of the edited file is dropped")

        try fixture.write("manifests/function.yaml", Baseline.function)
        let reverted = try loader.load(directory: fixture.path)
        #expect(reverted.state.functions.first?.spec.memoryMB == 256)
        #expect(loader.cache.statistics.parsed == cold + 2, "the dropped version is parsed again")
    }

    @Test func regionOverride_movesEveryARNToTheBackupRegion() throws {
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let state = try DesiredStateLoader().load(repository: try Repository.open(path: fixture.path), environment: "production",
                                                  region: "us-west-2").validState()
        #expect(state.target.region == "us-west-2")
        #expect(state.functions.allSatisfy { $0.arn.hasPrefix("arn:aws:lambda:us-west-2:424470772957:function:") })
    }

    /// Placeholders in an object member and inside array items (Parallel branches).
    static let nestedDefinition = """
        {
          "StartAt": "Greet",
          "States": {
            "Greet": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Parameters": {"FunctionName": "${Hello}", "Payload.$": "$"}, "Next": "Both"},
            "Both": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${Hello}", "End": true}}},
              {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                "Parameters": {"FunctionName": "${Hello}"}, "End": true}}}
            ]}
          }
        }
        """

    @Test func definitionPlaceholders_areResolvedForEachRegion_leavingTheCachedDefinitionAsItWas() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().with("flows/hello.asl.json", Self.nestedDefinition).commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        func strings(_ value: JSONValue) -> [String] {
            switch value {
            case .string(let text): return [text]
            case .array(let items): return items.flatMap(strings)
            case .object(let object): return object.flatMap { strings($0.1) }
            default: return []
            }
        }
        for region in ["us-east-1", "us-west-2", "us-east-1"] {
            let result = try loader.load(repository: repository, region: region)
            #expect(!result.diagnostics.contains { $0.severity == .error }, "\(region): \(result.diagnostics)")
            let definition = try #require(result.state.stateMachines.first?.definition)
            let arn = "arn:aws:lambda:\(region):000000000000:function:hello:live"
            #expect(strings(definition).filter { $0 == arn }.count == 3, "\(region): every placeholder resolved")
            #expect(!strings(definition).contains { $0.contains("${") }, "\(region): no placeholder left")
            #expect(result.state.stateMachines.first?.invokedFunctions.map(\.arn) == [arn, arn, arn], "\(region): invocations")
        }
        #expect(loader.cache.statistics.parsed == 4, "the definition was analysed once and substituted three times")
    }

    @Test func url_isClonedOnceAndFetchedAfterwards() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        let url = "file://" + fixture.path
        let cache = directory.appending("state/repositories")
        let (first, remote) = try RepositoryLocator.open(url, cacheDirectory: cache)
        #expect(remote)
        let firstState = try DesiredStateLoader().load(repository: first, revision: "main")
        #expect(firstState.state.functions.first?.spec.memoryMB == 256)

        try fixture.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 2048"))
        let head = try fixture.commit("bigger")
        let (second, _) = try RepositoryLocator.open(url, cacheDirectory: cache)
        let secondState = try DesiredStateLoader().load(repository: second, revision: "main")
        #expect(secondState.state.functions.first?.spec.memoryMB == 2048)
        #expect(secondState.state.revision == .commit(head))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cache).count == 1)
    }

    @Test func jsonReport_isValidJSONWithEveryDiagnostic() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().replacing("manifests/function.yaml", "memoryMB: 256", with: "memoryMB: 64").commit(in: directory)
        let result = try DesiredStateLoader().load(repository: try Repository.open(path: fixture.path))
        let object = try JSONSerialization.jsonObject(with: Data(DiagnosticRendering.json(result).utf8)) as? [String: Any]
        #expect(object?["valid"] as? Bool == false)
        #expect(object?["errors"] as? Int == 1)
        let first = (object?["diagnostics"] as? [[String: Any]])?.first
        #expect(first?["code"] as? String == "schema.range")
        #expect(first?["file"] as? String == "manifests/function.yaml")
        #expect(first?["line"] as? Int == 9)
        #expect((first?["resource"] as? [String: String]) == ["kind": "Function", "name": "hello"])
    }
}
