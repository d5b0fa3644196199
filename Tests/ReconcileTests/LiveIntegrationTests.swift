import Cloud
import CloudSim
import DesiredState
import Foundation
import Git
import PlumbTesting
@testable import Reconcile
import Testing

/// Reading, planning and drift against a real simulated cloud (SQLite store in a temp folder),
/// with desired state loaded from a git repository made with the git CLI.
@Suite struct LiveIntegrationTests {
    static let manifests = """
        apiVersion: plumb.dev/v1
        kind: Policy
        metadata: {name: logs}
        spec:
          document:
            Version: "2012-10-17"
            Statement: [{Effect: Allow, Action: [logs:CreateLogStream, logs:PutLogEvents], Resource: "arn:aws:logs:us-east-1:000000000000:*"}]
        ---
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: exec}
        spec:
          trust: {service: lambda.amazonaws.com}
          policies: [logs]
          inline: {tmp: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::bucket/*"}]}}
        ---
        apiVersion: plumb.dev/v1
        kind: Role
        metadata: {name: states}
        spec: {trust: {service: states.amazonaws.com}}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: orders}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec, alias: live, memoryMB: MEMORY,
               reservedConcurrency: 4, environment: {LOG_LEVEL: INFO, DB_PASSWORD: hunter2}, tags: {team: payments}}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: billing}
        spec: {runtime: python3.11, handler: app.handler, code: code, role: exec}
        ---
        apiVersion: plumb.dev/v1
        kind: StateMachine
        metadata: {name: flow}
        spec: {definition: flow.asl.json, role: states, alias: live}
        """
    static let definition = #"{"Comment": "flow", "StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"n": 1.5}, "End": true}}}"#

    /// A repository at commit 1 (orders at 256 MB), a simulated cloud seeded from it, and its provider.
    struct World {
        let folder: TemporaryDirectory
        let repo: GitFixture
        let cloud: SimCloud
        let provider: SimProvider

        init() async throws {
            folder = try TemporaryDirectory()
            repo = try GitFixture(path: folder.appending("repo"))
            try repo.write("manifests.yaml", LiveIntegrationTests.manifests.replacingOccurrences(of: "MEMORY", with: "256"))
            try repo.write("flow.asl.json", LiveIntegrationTests.definition)
            try repo.write("code/app.py", DesiredFixture.handler)
            _ = try repo.commit("first")
            cloud = try SimCloud(stateDirectory: folder.appending("state"))
            provider = try cloud.provider()
            try await ConvergedSeeder.seed(try desired(), into: provider)
        }

        func desired(_ ref: String = "HEAD") throws -> DesiredState {
            let repository = try Repository.open(path: repo.path)
            return try DesiredStateLoader().load(repository: repository, revision: ref).validState()
        }

        func commitMemory(_ memory: Int) throws {
            try repo.write("manifests.yaml", LiveIntegrationTests.manifests.replacingOccurrences(of: "MEMORY", with: String(memory)))
            _ = try repo.commit("memory \(memory)")
        }
    }

    @Test func inSyncEnvironment_producesAnEmptyPlanAndNoDrift() async throws {
        let world = try await World()
        let live = try await LiveStateReader(provider: world.provider).read()
        #expect(live.functions["orders"]?.details?.aliases.map(\.name) == ["live"])
        #expect(live.functions["orders"]?.details?.reservedConcurrency == 4)
        #expect(live.stateMachines["flow"]?.details?.routedVersions.count == 1)
        #expect(live.roles["exec"]?.inlinePolicies?.keys.sorted() == ["tmp"])
        #expect(live.policies["logs"]?.defaultDocument != nil)
        let desired = try world.desired()
        let plan = Planner.plan(desired: desired, live: live, now: live.readAt)
        #expect(plan.isEmpty, "unexpected changes: \(plan.diffPaths)")
        #expect(!Drift.report(desired: desired, live: live, now: live.readAt).hasDrift)
    }

    @Test func outOfBandEdits_showUpAsDriftWithTheField() async throws {
        let world = try await World()
        _ = try await world.provider.updateFunctionConfiguration("orders", FunctionConfigurationUpdate(memorySize: 1024))
        _ = try await world.provider.putFunctionConcurrency("orders", reservedConcurrentExecutions: 0)
        try await world.provider.tagResource("arn:aws:states:us-east-1:000000000000:stateMachine:flow", tags: ["hotfix": "yes"])
        let live = try await LiveStateReader(provider: world.provider).read()
        let report = Drift.report(desired: try world.desired(), live: live, now: live.readAt)
        #expect(report.hasDrift)
        #expect(report.modified.map(\.resource.description) == ["Function/orders", "StateMachine/flow"])
        let orders = report.modified[0].diffs
        #expect(orders.map(\.path) == ["latest.memoryMB", "reservedConcurrency"])
        #expect(orders[0].desired == "256" && orders[0].live == "1024")
        #expect(report.modified[1].diffs.map(\.path) == ["tags.hotfix"])
    }

    @Test func planSession_afterOneFileCommit_readsOnlyWhatChanged() async throws {
        let world = try await World()
        let cacheFolder = world.folder.appending("state/cache")
        let first = try await PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope),
                                          refreshBudget: 0).run(try world.desired())
        #expect(first.plan.isEmpty && first.trusted == 0 && first.detailed == first.listed)
        let again = try await PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope),
                                          refreshBudget: 0).run(try world.desired())
        #expect(again.plan.isEmpty && again.detailed == 0 && again.trusted == again.listed)
        try world.commitMemory(512)
        let changed = try await PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope),
                                            refreshBudget: 0).run(try world.desired())
        #expect(changed.detailed == 1)
        #expect(changed.plan.diffPaths == ["Function/orders memoryMB"])
        let change = try #require(changed.plan.changes.first)
        guard case .function(let before)? = change.live else {
            Issue.record("the change has no before image")
            return
        }
        #expect(before.details?.aliases.first?.functionVersion == "1")
    }

    @Test func planSession_withoutCache_readsOnlyWhatChangedSinceTheBaselineCommit() async throws {
        let world = try await World()
        let baseline = try world.desired()
        let same = try await PlanSession(provider: world.provider, baseline: baseline).run(try world.desired())
        #expect(same.plan.isEmpty && same.detailed == 0 && same.trusted == same.listed)
        try world.commitMemory(1024)
        _ = try await world.provider.updateFunctionConfiguration("billing", FunctionConfigurationUpdate(timeout: 7))
        let outcome = try await PlanSession(provider: world.provider, baseline: baseline).run(try world.desired())
        #expect(outcome.plan.diffPaths.sorted() == ["Function/billing timeoutSeconds", "Function/orders memoryMB"])
        #expect(outcome.detailed == 2)
        #expect(outcome.plan.changes.allSatisfy { outcome.live.isDetailed($0.resource) })
    }

    @Test func planSession_withReadsStartedEarly_plansOnWhatTheyRead() async throws {
        let world = try await World()
        let baseline = try world.desired()
        try world.commitMemory(1024)
        let prefetch = LivePrefetch(LiveStateReader(provider: world.provider), counters: false, list: true)
        _ = try await prefetch.counters  // the reads have ended
        // An edit after the list was read: a plan that takes the list does not see it.
        _ = try await world.provider.updateFunctionConfiguration("billing", FunctionConfigurationUpdate(timeout: 7))
        var session = PlanSession(provider: world.provider, baseline: baseline)
        session.prefetch = prefetch
        let early = try await session.run(try world.desired())
        #expect(early.plan.diffPaths == ["Function/orders memoryMB"])
        #expect(early.detailed == 1)
        // The list is handed over once: the same session then lists by itself, and plans what a
        // session without reads started early plans.
        let again = try await session.run(try world.desired())
        #expect(again.plan.diffPaths.sorted() == ["Function/billing timeoutSeconds", "Function/orders memoryMB"])
        let own = try await PlanSession(provider: world.provider, baseline: baseline).run(try world.desired())
        #expect(again.plan.diffPaths == own.plan.diffPaths && again.listed == own.listed && again.detailed == own.detailed)
    }

    @Test func planSession_readsStartedForAnotherRegion_areNotUsed() async throws {
        let world = try await World()
        let elsewhere = try world.cloud.provider(account: "000000000000", region: "eu-west-1")
        var session = PlanSession(provider: world.provider, baseline: try world.desired())
        session.prefetch = LivePrefetch(LiveStateReader(provider: elsewhere), counters: true, list: true)
        let outcome = try await session.run(try world.desired())
        #expect(outcome.plan.isEmpty, "unexpected changes: \(outcome.plan.diffPaths)")
        #expect(outcome.listed > 0)
    }

    @Test func planSession_outOfBandEditOfListedState_isReadAgain() async throws {
        let world = try await World()
        let cacheFolder = world.folder.appending("state/cache")
        _ = try await PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope)).run(try world.desired())
        _ = try await world.provider.updateFunctionConfiguration("billing", FunctionConfigurationUpdate(timeout: 9))
        let outcome = try await PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope),
                                            refreshBudget: 0).run(try world.desired())
        #expect(outcome.plan.diffPaths == ["Function/billing timeoutSeconds"])
        #expect(outcome.live.isDetailed(ResourceID(.function, "billing")))
    }

    @Test func planSession_outOfBandEditsTheListCannotShow_areReadAgainAtOnce() async throws {
        let world = try await World()
        let cacheFolder = world.folder.appending("state/cache")
        let session = { PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope), refreshBudget: 0) }
        _ = try await session().run(try world.desired())
        #expect(try await session().run(try world.desired()).detailed == 0)
        _ = try await world.provider.putFunctionConcurrency("orders", reservedConcurrentExecutions: 9)
        try await world.provider.tagResource("arn:aws:states:us-east-1:000000000000:stateMachine:flow", tags: ["hotfix": "yes"])
        try await world.provider.detachRolePolicy("exec", policyArn: "arn:aws:iam::000000000000:policy/logs")
        let outcome = try await session().run(try world.desired())
        #expect(outcome.detailed == 3)
        #expect(outcome.plan.diffPaths.sorted() == ["Function/orders reservedConcurrency", "Role/exec policies.logs", "StateMachine/flow tags.hotfix"])
        #expect(try await session().run(try world.desired()).detailed == 3)
    }

    @Test func planSession_unmanagedResource_isReadOnceThenKnown_untilItsTokenMoves() async throws {
        let world = try await World()
        let role = try await world.provider.getRole("exec")
        try await world.provider.clock.sleep(seconds: 10)
        _ = try await world.provider.createFunction(CreateFunctionRequest(
            functionName: "foreign", runtime: "python3.11", role: role.arn, handler: "app.handler",
            code: CodeBundle(id: "foreign-code", files: ["app.py": CodeFile(text: DesiredFixture.handler)])))
        let cacheFolder = world.folder.appending("state/cache")
        let session = { PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope), refreshBudget: 0) }
        let foreign = ResourceID(.function, "foreign")
        _ = try await session().run(try world.desired())
        let read = try await session().run(try world.desired())
        #expect(read.plan.unmanaged == [foreign] && read.detailed == 1)
        let known = try await session().run(try world.desired())
        #expect(known.plan.unmanaged == [foreign] && known.detailed == 0 && known.plan.isEmpty)
        try await world.provider.tagResource("arn:aws:lambda:us-east-1:000000000000:function:foreign", tags: ["plumb:managed": "true"])
        let managed = try await session().run(try world.desired())
        #expect(managed.plan.unmanaged.isEmpty && managed.detailed == 1)
        #expect(managed.plan.changes.map { "\($0.action) \($0.resource)" } == ["delete Function/foreign"])
    }

    @Test func planSession_whileTheWatermarkStays_rebuildsTheTokensFromTheCache_andSeesTheNextChange() async throws {
        let world = try await World()
        let cacheFolder = world.folder.appending("state/cache")
        let session = { PlanSession(provider: world.provider, cache: VerificationCache(folder: cacheFolder, scope: world.provider.scope), refreshBudget: 0) }
        _ = try await session().run(try world.desired())
        // The cache holds every token at the watermark the plan read them at.
        var cache = VerificationCache(folder: cacheFolder, scope: world.provider.scope)
        let watermark = try #require(cache.snapshot?.watermark)
        let reader = LiveStateReader(provider: world.provider)
        #expect(try await reader.counters(unlessAt: watermark) == .unchanged(watermark: watermark))
        #expect(try await reader.counters(unlessAt: nil) == .read(try #require(cache.counters(at: watermark))))
        #expect(cache.counters(at: watermark &+ 1) == nil)
        let again = try await session().run(try world.desired())
        #expect(again.plan.isEmpty && again.detailed == 0 && again.trusted == again.listed)
        // A pending change has no entry: its token is kept beside the entries, and it is read again.
        try world.commitMemory(512)
        #expect(try await session().run(try world.desired()).plan.diffPaths == ["Function/orders memoryMB"])
        cache = VerificationCache(folder: cacheFolder, scope: world.provider.scope)
        #expect(cache.snapshot?.watermark == watermark && cache.snapshot?.others.keys.map(\.description) == ["Function/orders"])
        #expect(try await reader.counters(unlessAt: nil) == .read(try #require(cache.counters(at: watermark))))
        let pending = try await session().run(try world.desired())
        #expect(pending.plan.diffPaths == ["Function/orders memoryMB"] && pending.detailed == 1)
        // A function made and deleted out of band (no versions, aliases or tags) moves the watermark both times.
        // (Simulated time passes first, so that the calls made here are within the rate limits.)
        try await world.provider.clock.sleep(seconds: 10)
        let role = try await world.provider.getRole("exec")
        _ = try await world.provider.createFunction(CreateFunctionRequest(
            functionName: "foreign", runtime: "python3.11", role: role.arn, handler: "app.handler",
            code: CodeBundle(id: "foreign-code", files: ["app.py": CodeFile(text: DesiredFixture.handler)])))
        #expect(try await session().run(try world.desired()).plan.unmanaged == [ResourceID(.function, "foreign")])
        try await world.provider.clock.sleep(seconds: 10)
        try await world.provider.deleteFunction("foreign", qualifier: nil)
        let gone = try await session().run(try world.desired())
        #expect(gone.plan.unmanaged.isEmpty && gone.plan.diffPaths == ["Function/orders memoryMB"])
        // Any other change to the entries drops the snapshot.
        cache = VerificationCache(folder: cacheFolder, scope: world.provider.scope)
        #expect(cache.snapshot != nil)
        cache.entries[ResourceID(.function, "billing")] = nil
        #expect(cache.snapshot == nil)
    }

    @Test func planSession_withManyResourcesToRead_listsInstead() async throws {
        let world = try await World()
        let cacheFolder = world.folder.appending("state/cache")
        var cache = VerificationCache(folder: cacheFolder, scope: world.provider.scope)
        _ = try await PlanSession(provider: world.provider, cache: cache).run(try world.desired())
        cache = VerificationCache(folder: cacheFolder, scope: world.provider.scope)
        #expect(cache.basis == .counters && !cache.entries.isEmpty)
        _ = try await world.provider.updateFunctionConfiguration("billing", FunctionConfigurationUpdate(timeout: 9))
        _ = try await world.provider.putFunctionConcurrency("orders", reservedConcurrentExecutions: 9)
        var session = PlanSession(provider: world.provider, cache: cache, refreshBudget: 0)
        session.oneByOneLimit = 1
        let outcome = try await session.run(try world.desired())
        #expect(outcome.plan.diffPaths.sorted() == ["Function/billing timeoutSeconds", "Function/orders reservedConcurrency"])
        #expect(outcome.live.stateMachines["flow"] != nil, "everything was listed")
        session.oneByOneLimit = nil
        let again = try await session.run(try world.desired())
        #expect(again.plan.diffPaths.sorted() == outcome.plan.diffPaths.sorted() && again.live.stateMachines["flow"] == nil)
    }

    @Test func reader_retriesThrottledCalls() async throws {
        let world = try await World()
        _ = try await world.cloud.addFault(.throttle(rate: 1), target: FaultTarget(operation: "lambda:ListFunctions"), remaining: 3)
        let live = try await LiveStateReader(provider: world.provider).list()
        #expect(live.functions.keys.sorted() == ["billing", "orders"])
    }
}
