import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// `plumb init`'s files: a new repository that validates at once, from disk and once committed.
struct ScaffoldTests {
    @Test func scaffold_validatesWithoutErrorsOrWarnings() throws {
        let directory = try TemporaryDirectory()
        let fixture = try GitFixture(path: directory.appending("new"))
        try RepositoryScaffold.write(to: fixture.path)
        _ = try fixture.commit("start")
        for environment in [nil, "dev"] {
            let result = try loadBoth(fixture, environment: environment)
            #expect(result.diagnostics.isEmpty, "\(DiagnosticRendering.text(result.diagnostics))")
            let state = try result.validState()
            #expect(state.functions.map(\.name) == ["hello"])
            #expect(state.stateMachines.map(\.name) == ["hello-flow"])
            #expect(state.roles.count == 2)
            #expect(state.policies.map(\.name) == ["invoke-hello"])
            #expect(state.maintenance != nil)
            #expect(state.environments.map(\.name) == ["dev"])
        }
        let dev = try DesiredStateLoader().load(directory: fixture.path, environment: "dev").validState()
        #expect(dev.functions.first?.spec.rollout.strategy == .allAtOnce, "the dev patch applies")
    }

    @Test func scaffold_refusesToOverwriteFiles() throws {
        let directory = try TemporaryDirectory()
        try RepositoryScaffold.write(to: directory.path)
        #expect(throws: LoadError.self) { try RepositoryScaffold.write(to: directory.path) }
    }

    @Test func scaffoldManifests_conformToTheSchema() throws {
        let directory = try TemporaryDirectory()
        try RepositoryScaffold.write(to: directory.path)
        let (problems, checked) = try ManifestSchemaTests.check(ManifestSchemaTests.yamlFiles(under: directory.path))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(checked == 7)
    }
}
