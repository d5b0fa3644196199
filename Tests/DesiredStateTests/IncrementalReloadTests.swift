import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// Loading commit after commit with one loader re-checks only what changed, and gives exactly
/// what a fresh loader gives for each commit.
struct IncrementalReloadTests {
    /// The baseline plus a second function using the same code, so changes have neighbours.
    static func start(in directory: TemporaryDirectory) throws -> GitFixture {
        var content = RepositoryContent()
        content.files["manifests/second.yaml"] = ReferenceCorpus.second
        content.files["environments/prod.yaml"] = SchemaCorpus.environment(account: "\"123456789012\"", region: "eu-west-1")
        return try content.commit(in: directory)
    }

    /// Each step edits the working tree; the test commits it and compares both loaders.
    static let steps: [(name: String, incremental: Bool, edit: @Sendable (GitFixture) throws -> Void)] = [
        ("memory", true, { try $0.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 512")) }),
        ("handler code", true, { try $0.write("functions/hello/app.py", Baseline.handler + "\n# tuned\n") }),
        ("definition", true, { try $0.write("flows/hello.asl.json", Baseline.definition.replacingOccurrences(of: #""Done": {"Type": "Succeed"}"#, with: #""Done": {"Type": "Succeed", "Comment": "finished"}"#)) }),
        ("broken function", true, { try $0.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 64")) }),
        ("lines shift", true, { try $0.write("manifests/function.yaml", "# the hello function\n" + Baseline.function) }),
        ("role", false, { try $0.write("manifests/iam.yaml", Baseline.iam.replacingOccurrences(of: "policies: [invoke-hello]", with: "policies: []")) }),
        ("new manifest", false, { try $0.write("manifests/third.yaml", ReferenceCorpus.second.replacingOccurrences(of: "goodbye", with: "third")) }),
        ("dependsOn", false, { try $0.write("manifests/second.yaml", ReferenceCorpus.second.replacingOccurrences(of: "dependsOn: [hello]", with: "dependsOn: []")) }),
        ("unrelated file", true, { try $0.write("docs/notes.txt", "nothing to do with manifests\n") }),
        ("code folder removed", true, { try $0.delete("functions/hello/app.py") }),
    ]

    @Test(arguments: [nil, "prod"])
    func everyCommit_loadsLikeAFreshLoader(environment: String?) throws {
        let directory = try TemporaryDirectory()
        let fixture = try Self.start(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        _ = try loader.load(repository: repository, environment: environment)
        for step in Self.steps {
            try step.edit(fixture)
            let head = try fixture.commit(step.name)
            let before = loader.cache.statistics.incrementalLoads
            let reloaded = try loader.load(repository: repository, environment: environment)
            let fresh = try DesiredStateLoader().load(repository: repository, environment: environment)
            #expect(loader.cache.statistics.incrementalLoads == before + (step.incremental ? 1 : 0), "\(step.name): path taken")
            #expect(reloaded.state.revision == .commit(head), "\(step.name)")
            #expect(reloaded.diagnostics == fresh.diagnostics, "\(step.name): diagnostics")
            #expect(reloaded.state.functions == fresh.state.functions, "\(step.name): functions")
            #expect(reloaded.state.stateMachines == fresh.state.stateMachines, "\(step.name): state machines")
            #expect(reloaded.state.roles == fresh.state.roles, "\(step.name): roles")
            #expect(reloaded.state.policies == fresh.state.policies, "\(step.name): policies")
            #expect(reloaded.state.deploymentOrder == fresh.state.deploymentOrder, "\(step.name): order")
            #expect(reloaded.state.target == fresh.state.target, "\(step.name): target")
            let code = try reloaded.state.codeReader.files(under: "functions/hello").map(\.path)
            #expect(code == (try fresh.state.codeReader.files(under: "functions/hello").map(\.path)), "\(step.name): code")
        }
    }

    @Test func subPath_reloadsLikeAFreshLoader() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent(files: [:])
        for (path, text) in Baseline.files { content.files["deploy/" + path] = text }
        content.files["other/notes.yaml"] = "not: a manifest\n"
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        _ = try loader.load(repository: repository, path: "deploy")
        try fixture.write("deploy/functions/hello/app.py", Baseline.handler + "\n# faster\n")
        try fixture.write("other/notes.yaml", "still: not a manifest\n")
        _ = try fixture.commit("code")
        let reloaded = try loader.load(repository: repository, path: "deploy")
        let fresh = try DesiredStateLoader().load(repository: repository, path: "deploy")
        #expect(loader.cache.statistics.incrementalLoads == 1)
        #expect(reloaded.diagnostics == fresh.diagnostics)
        #expect(reloaded.state.functions == fresh.state.functions)
        #expect(reloaded.state.functions.first?.code.treeID == (try fixture.revParse("HEAD:deploy/functions/hello")))
    }

    @Test func sameCommitTwice_returnsTheSameResult() throws {
        let directory = try TemporaryDirectory()
        let fixture = try Self.start(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        let first = try loader.load(repository: repository)
        let parsed = loader.cache.statistics.parsed
        let second = try loader.load(repository: repository)
        #expect(second.diagnostics == first.diagnostics)
        #expect(second.state.functions == first.state.functions)
        #expect(loader.cache.statistics.parsed == parsed, "nothing is parsed again")
    }

    /// What a command does: it loads HEAD naming no region, then the baseline commit naming the
    /// region the first load ended in; that is the same load, so it takes the incremental path.
    @Test(arguments: [nil, "prod"])
    func baselineNamingTheRegionTheFirstLoadEndedIn_reloadsIncrementally(environment: String?) throws {
        let directory = try TemporaryDirectory()
        let fixture = try Self.start(in: directory)
        let repository = try Repository.open(path: fixture.path)
        try fixture.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 512"))
        _ = try fixture.commit("memory")
        let loader = DesiredStateLoader()
        let head = try loader.load(repository: repository, environment: environment)
        let region = head.state.target.region
        #expect(region == (environment == nil ? "us-east-1" : "eu-west-1"))

        let baseline = try loader.load(repository: repository, revision: "HEAD~1", environment: environment, region: region)
        #expect(loader.cache.statistics.incrementalLoads == 1, "the baseline is re-checked from the first load")
        DiskCacheTests.expectSame(baseline, try DesiredStateLoader().load(repository: repository, revision: "HEAD~1", environment: environment, region: region), "baseline")
        DiskCacheTests.expectSame(baseline, try DesiredStateLoader().load(repository: repository, revision: "HEAD~1", environment: environment), "baseline, no region named")

        let again = try loader.load(repository: repository, environment: environment)
        #expect(loader.cache.statistics.incrementalLoads == 2, "and HEAD again from the baseline")
        DiskCacheTests.expectSame(again, head, "HEAD again")

        let moved = try loader.load(repository: repository, revision: "HEAD~1", environment: environment, region: "ap-south-1")
        #expect(loader.cache.statistics.incrementalLoads == 2, "another region is a load of its own")
        #expect(moved.state.target.region == "ap-south-1")
        DiskCacheTests.expectSame(moved, try DesiredStateLoader().load(repository: repository, revision: "HEAD~1", environment: environment, region: "ap-south-1"), "moved")
    }
}
