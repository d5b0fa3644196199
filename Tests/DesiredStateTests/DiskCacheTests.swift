import DesiredState
import Foundation
import Git
import PlumbTesting
import Testing

/// The on-disk cache of parsed files: a new loader (a new process) reading through it gives
/// exactly what parsing everything gives, and a damaged or foreign cache file is ignored.
struct DiskCacheTests {
    /// A function using every rollout field the cache encodes (steps, health gates with a traffic
    /// payload, a pre-traffic hook), with labels, and one reference to a missing function.
    static let richFunction = """
        apiVersion: plumb.dev/v1
        kind: Function
        metadata:
          name: stepper
          labels: {team: payments, tier: "1"}
        spec:
          runtime: python3.12
          handler: app.handler
          code: functions/hello
          role: hello-exec
          memoryMB: 512
          reservedConcurrency: 3
          environment: {MODE: fast, GREETING: hi}
          dependsOn: [hello]
          rollout:
            strategy:
              steps:
                - {weight: 25, pauseSeconds: 60}
                - {weight: 100, pauseSeconds: 0}
            healthGates: {maxErrorRate: 0.5, minInvocations: 2, trafficPayload: {a: [1, 2.5, true, null, "x"]}}
            preTraffic: {invoke: missing-function, payload: {probe: true}}
          tags: {owner: someone}
          description: uses every field
        """

    /// Checks that `cached` equals `fresh` field by field.
    static func expectSame(_ cached: LoadResult, _ fresh: LoadResult, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(cached.diagnostics == fresh.diagnostics, "\(label): diagnostics", sourceLocation: sourceLocation)
        #expect(cached.state.functions == fresh.state.functions, "\(label): functions", sourceLocation: sourceLocation)
        #expect(cached.state.stateMachines == fresh.state.stateMachines, "\(label): state machines", sourceLocation: sourceLocation)
        #expect(cached.state.roles == fresh.state.roles, "\(label): roles", sourceLocation: sourceLocation)
        #expect(cached.state.policies == fresh.state.policies, "\(label): policies", sourceLocation: sourceLocation)
        #expect(cached.state.deploymentOrder == fresh.state.deploymentOrder, "\(label): order", sourceLocation: sourceLocation)
        #expect(cached.state.target == fresh.state.target, "\(label): target", sourceLocation: sourceLocation)
    }

    @Test(arguments: [nil, "production"])
    func newLoader_readsTheExampleFromDisk_likeParsing(environment: String?) throws {
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let folder = directory.appending("cache")
        let first = DesiredStateLoader(cacheFolder: folder)
        _ = try first.load(repository: repository, environment: environment)
        #expect(first.cache.statistics.fromDisk == 0)
        #expect(FileManager.default.fileExists(atPath: folder + "/desired-state.bin"))

        let second = DesiredStateLoader(cacheFolder: folder)
        let cached = try second.load(repository: repository, environment: environment)
        #expect(second.cache.statistics.fromDisk > 0)
        Self.expectSame(cached, try DesiredStateLoader().load(repository: repository, environment: environment), "example")
    }

    @Test func everyCommit_readThroughTheDiskCache_loadsLikeParsing() throws {
        let directory = try TemporaryDirectory()
        let fixture = try IncrementalReloadTests.start(in: directory)
        try fixture.write("manifests/stepper.yaml", Self.richFunction)
        _ = try fixture.commit("a function with every field")
        let repository = try Repository.open(path: fixture.path)
        let folder = directory.appending("cache")
        _ = try DesiredStateLoader(cacheFolder: folder).load(repository: repository)
        for step in IncrementalReloadTests.steps {
            try step.edit(fixture)
            _ = try fixture.commit(step.name)
            let loader = DesiredStateLoader(cacheFolder: folder)
            let cached = try loader.load(repository: repository)
            #expect(loader.cache.statistics.fromDisk > 0, "\(step.name): read from disk")
            Self.expectSame(cached, try DesiredStateLoader().load(repository: repository), step.name)
        }
        let loader = DesiredStateLoader(cacheFolder: folder)
        let cached = try loader.load(repository: repository)
        #expect(cached.diagnostics.contains { $0.message.contains("missing-function") }, "the rich function's problem is kept")
        #expect(loader.cache.statistics.parsed < loader.cache.statistics.reused, "unchanged files come from disk")
    }

    @Test func workingTree_readThroughTheDiskCache_loadsLikeParsing() throws {
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let folder = directory.appending("cache")
        _ = try DesiredStateLoader(cacheFolder: folder).load(directory: fixture.path)
        let loader = DesiredStateLoader(cacheFolder: folder)
        let cached = try loader.load(directory: fixture.path)
        #expect(loader.cache.statistics.fromDisk > 0)
        Self.expectSame(cached, try DesiredStateLoader().load(directory: fixture.path), "working tree")
    }

    /// Ways of damaging the cache file, and whether the whole records before the damage are still
    /// read (damage to a record) or nothing is (damage to the header, or another format).
    static let damages: [(name: String, keepsRecordsBefore: Bool, damage: @Sendable ([UInt8]) -> [UInt8])] = [
        ("truncated", true, { Array($0.prefix($0.count / 2)) }),
        ("byte flipped in an entry", true, { bytes in
            var copy = bytes
            copy[bytes.count * 2 / 3] ^= 0x5A
            return copy
        }),
        ("another format version", false, { bytes in
            var copy = bytes
            copy[8] &+= 1
            return copy
        }),
        ("not a cache file", false, { _ in Array("plumb was here\n".utf8) }),
        ("empty", false, { _ in [] }),
    ]

    @Test(arguments: 0..<damages.count)
    func damagedCacheFile_isIgnoredFromTheDamageOnAndRewritten(damageIndex: Int) throws {
        let (name, keepsRecordsBefore, damage) = Self.damages[damageIndex]
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let folder = directory.appending("cache")
        let file = folder + "/desired-state.bin"
        _ = try DesiredStateLoader(cacheFolder: folder).load(repository: repository)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        let clean = DesiredStateLoader(cacheFolder: folder)
        _ = try clean.load(repository: repository)
        let everything = clean.cache.statistics.fromDisk
        try Data(damage(original)).write(to: URL(fileURLWithPath: file))

        let loader = DesiredStateLoader(cacheFolder: folder)
        let result = try loader.load(repository: repository)
        if keepsRecordsBefore {
            #expect(loader.cache.statistics.fromDisk > 0, "\(name): the whole records before the damage are read")
            #expect(loader.cache.statistics.fromDisk < everything, "\(name): nothing from the damage on is read")
        } else {
            #expect(loader.cache.statistics.fromDisk == 0, "\(name): nothing is read from a damaged file")
        }
        Self.expectSame(result, try DesiredStateLoader().load(repository: repository), name)
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: file))) == original, "\(name): the load wrote the file again")

        let next = DesiredStateLoader(cacheFolder: folder)
        _ = try next.load(repository: repository)
        #expect(next.cache.statistics.fromDisk == everything, "\(name): the rewritten file is used")
    }

    @Test func unwritableCacheFolder_doesNotFailTheLoad() throws {
        let directory = try TemporaryDirectory()
        let fixture = try commitExample(in: directory)
        let repository = try Repository.open(path: fixture.path)
        let blocker = directory.appending("blocker")
        try Data("a file where the cache folder would be\n".utf8).write(to: URL(fileURLWithPath: blocker))
        let result = try DesiredStateLoader(cacheFolder: blocker + "/cache").load(repository: repository)
        Self.expectSame(result, try DesiredStateLoader().load(repository: repository), "unwritable")
    }
}
