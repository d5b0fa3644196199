import Cloud
import CloudSim
import DesiredState
import Foundation
import Git
import PlumbTesting
import Reconcile
import Synchronization
import Testing

/// Planning a commit loaded from the digest of an earlier one gives the plan of a whole load,
/// reading only what changed, and declines whenever a resource it left out must be compared.
@Suite struct PlanFromDigestTests {
    /// A converged world, a whole plan of its commit that fills the verification cache, and that
    /// commit's digest.
    /// The world's manifests one per file (the digest path handles files of functions and
    /// state machines only); `memory` is orders' memory.
    static func split(_ world: LiveIntegrationTests.World, memory: Int) throws {
        let documents = LiveIntegrationTests.manifests.replacingOccurrences(of: "MEMORY", with: String(memory)).components(separatedBy: "---\n")
        for (index, document) in documents.enumerated() { try world.repo.write("manifests/\(index).yaml", document) }
        if FileManager.default.fileExists(atPath: world.repo.absolute("manifests.yaml")) { try world.repo.delete("manifests.yaml") }
        _ = try world.repo.commit("orders at \(memory) MB, one manifest per file")
    }

    static func start() async throws -> (world: LiveIntegrationTests.World, repository: Repository, digest: DesiredDigest, cacheFolder: String) {
        let world = try await LiveIntegrationTests.World()
        try split(world, memory: 256)
        let cacheFolder = world.folder.appending("state/cache")
        let repository = try Repository.open(path: world.repo.path)
        let whole = try DesiredStateLoader().load(repository: repository)
        let first = try await PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope),
                                          refreshBudget: 0).run(try whole.validState())
        #expect(first.plan.isEmpty)
        let key = DesiredDigest.Key(repository: repository.gitDirectory, path: nil, environment: nil, region: nil)
        let digest = try #require(DesiredDigest(result: whole, commit: try repository.resolve("HEAD"), key: key, environmentNames: [],
                                                fingerprints: PlanSession.digestFingerprints(of: whole.state, outcome: first)))
        return (world, repository, digest, cacheFolder)
    }

    @Test func oneChangedFunction_isPlannedLikeAWholeLoad_readingOnlyIt() async throws {
        let (world, repository, digest, cacheFolder) = try await Self.start()
        try Self.split(world, memory: 512)
        let load = try #require(try DesiredStateLoader().loadChanges(repository: repository, since: digest))
        #expect(load.changed == [ResourceID(.function, "orders")])
        let session = PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope), refreshBudget: 0)
        let (outcome, next) = try #require(try await session.run(changes: load))
        #expect(outcome.detailed == 1)
        #expect(outcome.plan.diffPaths == ["Function/orders memoryMB"])
        let whole = try await PlanSession(provider: world.provider).run(try world.desired())
        #expect(outcome.plan.diffPaths == whole.plan.diffPaths)
        #expect(outcome.plan.changes.map(\.resource) == whole.plan.changes.map(\.resource))
        #expect(next.commit == (try repository.resolve("HEAD")))
        #expect(next.resources[ResourceID(.function, "orders")]?.fingerprint != digest.resources[ResourceID(.function, "orders")]?.fingerprint)
        #expect(next.resources[ResourceID(.function, "billing")] == digest.resources[ResourceID(.function, "billing")])
    }

    @Test func aResourceLeftOutThatChangedOrVanished_isNotPlannedThisWay() async throws {
        let (world, repository, digest, cacheFolder) = try await Self.start()
        try Self.split(world, memory: 512)
        let session = { PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope), refreshBudget: 0) }
        // Out-of-band edits right after the plans' reads: AWS's rate limits would refuse some.
        try await world.cloud.setRateLimits(enabled: false)
        _ = try await world.provider.updateFunctionConfiguration("billing", FunctionConfigurationUpdate(memorySize: 1024))
        let moved = try #require(try DesiredStateLoader().loadChanges(repository: repository, since: digest))
        #expect(try await session().run(changes: moved) == nil, "billing's token moved and billing was not loaded")
        let whole = try await session().run(try world.desired())
        #expect(whole.plan.diffPaths.sorted() == ["Function/billing memoryMB", "Function/orders memoryMB"])

        try await world.provider.deleteFunction("billing", qualifier: nil)
        let vanished = try #require(try DesiredStateLoader().loadChanges(repository: repository, since: digest))
        #expect(try await session().run(changes: vanished) == nil, "billing no longer exists and was not loaded")
        let including = try #require(try DesiredStateLoader().loadChanges(repository: repository, since: digest,
                                                                          including: [ResourceID(.function, "billing")]))
        let planned = try #require(try await session().run(changes: including))
        #expect(planned.outcome.plan.changes.contains { $0.resource == ResourceID(.function, "billing") && $0.action == .create })
    }

    /// The fingerprints a plan hands over before it compares (for the digest it writes meanwhile)
    /// are those of every resource, equal to the ones a digest made after the plan would hold.
    @Test func fingerprintsHandedOverEarly_areTheDigestsOfTheWholeLoad() async throws {
        let world = try await LiveIntegrationTests.World()
        try Self.split(world, memory: 256)
        let whole = try DesiredStateLoader().load(repository: try Repository.open(path: world.repo.path))
        let desired = try whole.validState()
        let early = Mutex<[ResourceID: UInt64]?>(nil)
        var session = PlanSession(provider: world.provider, cache: VerificationCache(folder: world.folder.appending("state/cache"), scope: world.provider.scope))
        session.onDesiredFingerprints = { prints in early.withLock { $0 = prints } }
        let outcome = try await session.run(desired)
        let handed = try #require(early.withLock { $0 })
        #expect(handed.count == desired.deploymentOrder.count)
        #expect(PlanSession.digestFingerprints(of: desired, known: handed) == PlanSession.digestFingerprints(of: desired, outcome: outcome))
        for id in desired.deploymentOrder {
            #expect(handed[id] == (try Self.resource(id, in: desired)).map { Fingerprint.desired($0, shutdown: false) }, "\(id)")
        }
    }

    static func resource(_ id: ResourceID, in desired: DesiredState) throws -> DesiredResource? {
        switch id.kind {
        case .function: return desired.functions.first { $0.name == id.name }.map(DesiredResource.function)
        case .stateMachine: return desired.stateMachines.first { $0.name == id.name }.map(DesiredResource.stateMachine)
        case .role: return desired.roles.first { $0.name == id.name }.map(DesiredResource.role)
        case .policy: return desired.policies.first { $0.name == id.name }.map(DesiredResource.policy)
        default: return nil
        }
    }
}
