import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// Finding the Environment manifests of a commit or folder without checking the desired state.
struct EnvironmentNamesTests {
    static func environment(_ name: String, region: String = "eu-west-1") -> String {
        """
        apiVersion: plumb.dev/v1
        kind: Environment
        metadata:
          name: \(name)
        spec:
          account: "123456789012"
          region: \(region)

        """
    }

    @Test func commitWithEnvironments_namesThemSortedAndOnce() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent()
        content.files["environments/prod.yaml"] = Self.environment("prod")
        content.files["environments/staging.yaml"] = Self.environment("staging") + "---\n" + Self.environment("prod", region: "us-west-2")
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        #expect(try loader.environmentNames(repository: repository) == ["prod", "staging"])
        let full = try DesiredStateLoader().load(repository: repository)
        #expect(Set(full.state.environments.map(\.name)) == ["prod", "staging"])
    }

    @Test func namesThenLoad_parsesEachFileOnce() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent()
        content.files["environments/prod.yaml"] = Self.environment("prod")
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        #expect(try loader.environmentNames(repository: repository) == ["prod"])
        let parsed = loader.cache.statistics.parsed
        #expect(parsed > 0)
        let result = try loader.load(repository: repository, environment: "prod")
        #expect(!result.hasErrors, "\(DiagnosticRendering.text(result.diagnostics))")
        #expect(result.state.target.account == "123456789012")
        #expect(loader.cache.statistics.parsed == parsed)
    }

    @Test func preparedLoad_parsesOnceAndLoadsLikeAWholeLoad() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent()
        content.files["environments/prod.yaml"] = Self.environment("prod")
        content.files["environments/staging.yaml"] = Self.environment("staging", region: "us-west-2")
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        let prepared = try loader.prepare(repository: repository)
        #expect(prepared.environmentNames == ["prod", "staging"])
        #expect(prepared.target(environment: "staging", region: nil) == DeploymentTarget(environment: "staging", account: "123456789012", region: "us-west-2"))
        #expect(prepared.target(environment: "prod", region: "us-east-2")?.region == "us-east-2")
        #expect(prepared.target(environment: nil, region: nil) == .placeholder)
        #expect(prepared.target(environment: "missing", region: nil) == nil)
        let parsed = loader.cache.statistics.parsed
        let result = loader.load(prepared, environment: "staging")
        #expect(loader.cache.statistics.parsed == parsed)
        DiskCacheTests.expectSame(result, try DesiredStateLoader().load(repository: repository, environment: "staging"), "prepared")
        #expect(result.state.target.region == "us-west-2")

        // The load is kept like a whole load's: the next commit is loaded incrementally.
        try fixture.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 512"))
        _ = try fixture.commit("more memory")
        let next = try loader.load(repository: repository, environment: "staging")
        #expect(loader.cache.statistics.incrementalLoads == 1)
        DiskCacheTests.expectSame(next, try DesiredStateLoader().load(repository: repository, environment: "staging"), "next commit")
    }

    @Test func preparedLoad_ofAFolder_seesUncommittedFiles() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        try fixture.write("environments/dev.yaml", Self.environment("dev"))
        let loader = DesiredStateLoader()
        let prepared = try loader.prepare(directory: fixture.path)
        #expect(prepared.environmentNames == ["dev"])
        let result = loader.load(prepared, environment: "dev")
        #expect(!result.hasErrors, "\(DiagnosticRendering.text(result.diagnostics))")
        #expect(result.state.target.region == "eu-west-1")
        #expect(throws: LoadError.self) { try loader.prepare(directory: directory.appending("missing")) }
    }

    @Test func repositoryWithoutEnvironments_namesNone() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        #expect(try DesiredStateLoader().environmentNames(repository: try Repository.open(path: fixture.path)).isEmpty)
    }

    @Test func workingTree_seesAnUncommittedEnvironment() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory)
        try fixture.write("environments/dev.yaml", Self.environment("dev"))
        #expect(try DesiredStateLoader().environmentNames(directory: fixture.path) == ["dev"])
        #expect(try DesiredStateLoader().environmentNames(repository: try Repository.open(path: fixture.path)).isEmpty)
        #expect(throws: LoadError.self) { try DesiredStateLoader().environmentNames(directory: directory.appending("missing")) }
    }

    @Test func fileWithASyntaxError_isLeftToTheLoadToReport() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent()
        content.files["environments/prod.yaml"] = Self.environment("prod")
        content.files["manifests/broken.yaml"] = "apiVersion: plumb.dev/v1\nkind: Function\nmetadata: [unclosed\n"
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let loader = DesiredStateLoader()
        #expect(try loader.environmentNames(repository: repository) == ["prod"])
        #expect(try loader.load(repository: repository, environment: "prod").hasErrors)
    }
}
