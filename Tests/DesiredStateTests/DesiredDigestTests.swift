import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// Loading a commit from the digest of an earlier one checks only what changed, gives what a
/// whole load gives for those resources, and declines every change it does not handle.
struct DesiredDigestTests {
    /// Every deployable resource with the same made-up fingerprint (this module does not
    /// fingerprint; the digest only carries the caller's values).
    static func fingerprints(_ result: LoadResult) -> [ResourceID: UInt64] {
        Dictionary(uniqueKeysWithValues: result.state.deploymentOrder.map { ($0, 7) })
    }

    static func digest(_ result: LoadResult, _ repository: Repository, environment: String?) throws -> DesiredDigest {
        let commit = try repository.resolve("HEAD")
        return try #require(DesiredDigest(result: result, commit: commit, key: DesiredDigest.Key(repository: repository.gitDirectory, path: nil,
                                                                                                 environment: environment, region: nil),
                                          environmentNames: nil, fingerprints: fingerprints(result)))
    }

    /// Each step edits the working tree; nil `changed`: the digest path must decline.
    static let steps: [(name: String, changed: Set<ResourceID>?, edit: @Sendable (GitFixture) throws -> Void)] = [
        ("memory", [ResourceID(.function, "hello")],
         { try $0.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 512")) }),
        ("handler code", [ResourceID(.function, "hello"), ResourceID(.function, "goodbye")],
         { try $0.write("functions/hello/app.py", Baseline.handler + "\n# tuned\n") }),
        ("definition", [ResourceID(.stateMachine, "hello-flow")],
         { try $0.write("flows/hello.asl.json", Baseline.definition.replacingOccurrences(of: #""Done": {"Type": "Succeed"}"#, with: #""Done": {"Type": "Succeed", "Comment": "finished"}"#)) }),
        ("a new error", nil, { try $0.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 64")) }),
        ("lines shift", [ResourceID(.function, "hello")], { try $0.write("manifests/function.yaml", "# the hello function\n" + Baseline.function) }),
        ("role", nil, { try $0.write("manifests/iam.yaml", Baseline.iam.replacingOccurrences(of: "policies: [invoke-hello]", with: "policies: []")) }),
        ("new manifest", nil, { try $0.write("manifests/third.yaml", ReferenceCorpus.second.replacingOccurrences(of: "goodbye", with: "third")) }),
        ("dependsOn", nil, { try $0.write("manifests/second.yaml", ReferenceCorpus.second.replacingOccurrences(of: "dependsOn: [hello]", with: "dependsOn: []")) }),
        ("unrelated file", [], { try $0.write("docs/notes.txt", "nothing to do with manifests\n") }),
        ("state machine tags", [ResourceID(.stateMachine, "hello-flow")],
         { try $0.write("manifests/flow.yaml", Baseline.flow + "  tags: {team: flows}\n") }),
        ("code folder removed", nil, { try $0.delete("functions/hello/app.py") }),
        ("environment", nil, { try $0.write("environments/prod.yaml", SchemaCorpus.environment(account: "\"123456789012\"", region: "eu-west-2")) }),
    ]

    @Test(arguments: [(nil, false), ("prod", false), ("prod", true)])
    func everyStep_loadsTheChangedResourcesLikeAWholeLoad(environment: String?, maintenance: Bool) throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent()
        content.files["manifests/second.yaml"] = ReferenceCorpus.second
        content.files["environments/prod.yaml"] = SchemaCorpus.environment(account: "\"123456789012\"", region: "eu-west-1")
        if maintenance { content.files["manifests/maintenance.yaml"] = SchemaCorpus.maintenance(days: "[saturday]", start: "\"01:00\"") }
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let base = try fixture.revParse("HEAD")
        let digest = try Self.digest(try DesiredStateLoader().load(repository: repository, environment: environment), repository, environment: environment)
        for step in Self.steps {
            // Each step is one commit on top of the digest's.
            try fixture.resetHard(to: base)
            try step.edit(fixture)
            let head = try fixture.commit(step.name)
            let fresh = try DesiredStateLoader().load(repository: repository, environment: environment)
            let loaded = try DesiredStateLoader().loadChanges(repository: repository, since: digest)
            guard let expected = step.changed else {
                #expect(loaded == nil, "\(step.name): declined")
                continue
            }
            let load = try #require(loaded, "\(step.name): taken")
            #expect(load.changed == expected, "\(step.name): what was checked")
            #expect(load.state.revision == .commit(head), "\(step.name)")
            #expect(load.diagnostics == fresh.diagnostics, "\(step.name): diagnostics")
            #expect(load.state.functions == fresh.state.functions.filter { expected.contains(ResourceID(.function, $0.name)) }, "\(step.name): functions")
            #expect(load.state.stateMachines == fresh.state.stateMachines.filter { expected.contains(ResourceID(.stateMachine, $0.name)) },
                    "\(step.name): state machines")
            #expect(load.state.roles.isEmpty && load.state.policies.isEmpty, "\(step.name): IAM is not loaded")
            #expect(load.state.deploymentOrder == fresh.state.deploymentOrder, "\(step.name): order")
            #expect(load.state.target == fresh.state.target, "\(step.name): target")
            #expect(load.state.maintenance == fresh.state.maintenance, "\(step.name): maintenance")
            #expect(load.digest == (try Self.digest(fresh, repository, environment: environment)), "\(step.name): the next digest")
            #expect(try load.state.codeReader.files(under: "functions/hello").map(\.path)
                    == (try fresh.state.codeReader.files(under: "functions/hello").map(\.path)), "\(step.name): code")
        }
    }

    @Test func including_checksAnUnchangedResourceToo() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent()
        content.files["manifests/second.yaml"] = ReferenceCorpus.second
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let fresh = try DesiredStateLoader().load(repository: repository)
        let digest = try Self.digest(fresh, repository, environment: nil)
        let load = try #require(try DesiredStateLoader().loadChanges(repository: repository, since: digest, including: [ResourceID(.function, "goodbye")]))
        #expect(load.changed == [ResourceID(.function, "goodbye")])
        #expect(load.state.functions == fresh.state.functions.filter { $0.name == "goodbye" })
        #expect(load.diagnostics == fresh.diagnostics)
        let iam = try #require(try DesiredStateLoader().loadChanges(repository: repository, since: digest, including: [ResourceID(.role, "hello-exec")]))
        #expect(iam.changed == [ResourceID(.role, "hello-exec"), ResourceID(.role, "flow-exec"), ResourceID(.policy, "invoke-hello")],
                "the other resources of the file come along")
        #expect(iam.state.roles == fresh.state.roles && iam.state.policies == fresh.state.policies)
        #expect(iam.state.functions.isEmpty && iam.state.stateMachines.isEmpty)
        #expect(iam.diagnostics == fresh.diagnostics)
        #expect(try DesiredStateLoader().loadChanges(repository: repository, since: digest, including: [ResourceID(.function, "nope")]) == nil)
    }

    @Test func anotherRepositoryOrAnErrorOrAShutdown_hasNoDigestPath() throws {
        let directory = try TemporaryDirectory()
        let fixture = try RepositoryContent().commit(in: directory, folder: "one")
        let other = try RepositoryContent().commit(in: directory, folder: "two")
        let repository = try Repository.open(path: fixture.path)
        let base = try DesiredStateLoader().load(repository: repository)
        let digest = try Self.digest(base, repository, environment: nil)
        #expect(try DesiredStateLoader().loadChanges(repository: try Repository.open(path: other.path), since: digest) == nil)
        var partial = Self.fingerprints(base)
        partial[ResourceID(.function, "hello")] = nil
        #expect(DesiredDigest(result: base, commit: try repository.resolve("HEAD"), key: digest.key, environmentNames: nil,
                              fingerprints: partial) == nil, "every resource needs a fingerprint")

        try fixture.write("manifests/function.yaml", Baseline.function.replacingOccurrences(of: "memoryMB: 256", with: "memoryMB: 64"))
        _ = try fixture.commit("broken")
        let broken = try DesiredStateLoader().load(repository: repository)
        #expect(broken.hasErrors)
        #expect(DesiredDigest(result: broken, commit: try repository.resolve("HEAD"), key: digest.key, environmentNames: nil,
                              fingerprints: Self.fingerprints(broken)) == nil)

        try fixture.write("manifests/function.yaml", Baseline.function)
        try fixture.write("manifests/maintenance.yaml", "apiVersion: plumb.dev/v1\nkind: Maintenance\nmetadata: {name: m}\nspec: {mode: emergency-shutdown}\n")
        _ = try fixture.commit("shutdown")
        let shutdown = try DesiredStateLoader().load(repository: repository)
        #expect(!shutdown.hasErrors)
        #expect(DesiredDigest(result: shutdown, commit: try repository.resolve("HEAD"), key: digest.key, environmentNames: nil,
                              fingerprints: Self.fingerprints(shutdown)) == nil)
    }

    @Test func file_roundTrips_andADamagedOneIsNotUsed() throws {
        let directory = try TemporaryDirectory()
        var content = RepositoryContent()
        content.files["environments/prod.yaml"] = SchemaCorpus.environment(account: "\"123456789012\"", region: "eu-west-1")
        let fixture = try content.commit(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let result = try DesiredStateLoader().load(repository: repository, environment: "prod")
        let digest = try #require(DesiredDigest(result: result, commit: try repository.resolve("HEAD"),
                                                key: DesiredDigest.Key(repository: repository.gitDirectory, path: "./", environment: "prod", region: "eu-west-2"),
                                                environmentNames: ["prod"], fingerprints: Self.fingerprints(result)))
        let folder = directory.appending("cache")
        #expect(digest.write(folder: folder, selector: "prod"))
        #expect(DesiredDigest.read(folder: folder, selector: "prod") == digest)
        #expect(DesiredDigest.read(folder: folder, selector: nil) == nil, "another selection, another file")
        #expect(DesiredDigest.read(folder: folder, selector: "prod/") == nil)
        #expect(digest.key.path == "", "the path is normalized as the loader does")

        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(files.count == 1)
        let path = folder + "/" + files[0]
        var bytes = try #require(FileManager.default.contents(atPath: path))
        bytes[bytes.count / 2] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(DesiredDigest.read(folder: folder, selector: "prod") == nil, "a damaged file")
        try Data(bytes.prefix(30)).write(to: URL(fileURLWithPath: path))
        #expect(DesiredDigest.read(folder: folder, selector: "prod") == nil, "a cut file")
    }
}
