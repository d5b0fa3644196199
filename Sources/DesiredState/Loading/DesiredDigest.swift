import Foundation
import Git

/// What a process needs to know about a validated load of one commit to plan a later commit that
/// changes only some functions and state machines without loading every resource again (see
/// `DesiredStateLoader.loadChanges(repository:revision:since:)`): each deployable resource's
/// manifest file, what it uses besides its manifest, and a fingerprint of its resolved value (the
/// caller's: the plan's verification cache compares those); the deployment order, the target,
/// the names of the Environment manifests and the load's diagnostics (warnings only: a load with
/// errors has no digest).
///
/// Kept in a file of the desired-state cache folder per environment named on the command line;
/// a damaged file or one of another version is not used, and the caller compares the key.
public struct DesiredDigest: Sendable, Equatable {
    /// The loads a digest stands for: repository, sub-path, environment and region as asked for.
    public struct Key: Sendable, Hashable {
        /// The repository's git directory.
        public var repository: String
        /// The sub-path of the manifests, as the loader keys it ("" for the whole tree).
        public var path: String
        /// The environment the load applied, or nil.
        public var environment: String?
        /// The region the load was asked to use instead of the environment's, or nil.
        public var region: String?

        /// Creates a key; `path` is normalized as the loader does.
        public init(repository: String, path: String?, environment: String?, region: String?) {
            self.repository = repository
            self.path = DesiredStateLoader.root(path)
            self.environment = environment
            self.region = region
        }
    }

    /// One deployable resource.
    public struct Resource: Sendable, Equatable {
        /// The manifest file that defines it.
        public var file: String
        /// The caller's fingerprint of its resolved value.
        public var fingerprint: UInt64
        /// Paths it reads besides its manifest: a function's code folder; a state machine's
        /// definition and smoke-test input files.
        var uses: [String]
        /// The functions a state machine's definition invokes, sorted (they order deployment).
        var invoked: [String]
    }

    /// Which loads it stands for.
    public var key: Key
    /// The commit loaded.
    public var commit: ObjectID
    /// The environment, account and region of the load.
    public var target: DeploymentTarget
    /// The names of the commit's Environment manifests, sorted; nil when they were not looked up.
    public var environmentNames: [String]?
    /// Every diagnostic of the load (warnings).
    public var diagnostics: [Diagnostic]
    /// The deployable resources in deployment order.
    public var deploymentOrder: [ResourceID]
    /// The deployable resources.
    public var resources: [ResourceID: Resource]
    /// Manifest files that define no deployable resource but shape the others or the plan
    /// (environments, maintenance).
    var contextFiles: [String]

    /// The digest of a load, or nil when the load cannot have one: it has errors, is in emergency
    /// shutdown (where a plan reads everything), or a deployable resource has no fingerprint in
    /// `fingerprints`.
    public init?(result: LoadResult, commit: ObjectID, key: Key, environmentNames: [String]?, fingerprints: [ResourceID: UInt64]) {
        guard !result.hasErrors, result.state.maintenance?.spec.mode != .emergencyShutdown else { return nil }
        let state = result.state
        var resources: [ResourceID: Resource] = [:]
        resources.reserveCapacity(state.functions.count + state.stateMachines.count + state.roles.count + state.policies.count)
        func add(_ id: ResourceID, _ file: String, uses: [String] = [], invoked: [String] = []) -> Bool {
            guard let fingerprint = fingerprints[id], !file.isEmpty else { return false }
            resources[id] = Resource(file: file, fingerprint: fingerprint, uses: uses, invoked: invoked)
            return true
        }
        for function in state.functions {
            guard add(ResourceID(.function, function.name), function.source.file, uses: Self.uses(function)) else { return nil }
        }
        for machine in state.stateMachines {
            guard add(ResourceID(.stateMachine, machine.name), machine.source.file, uses: Self.uses(machine), invoked: Self.invoked(machine)) else { return nil }
        }
        for role in state.roles where !add(ResourceID(.role, role.name), role.source.file) { return nil }
        for policy in state.policies where !add(ResourceID(.policy, policy.name), policy.source.file) { return nil }
        // The order lists every deployable resource once (the digest file relies on it).
        guard state.deploymentOrder.count == resources.count, state.deploymentOrder.allSatisfy({ resources[$0] != nil }) else { return nil }
        self.key = key
        self.commit = commit
        target = state.target
        self.environmentNames = environmentNames
        diagnostics = result.diagnostics
        deploymentOrder = state.deploymentOrder
        self.resources = resources
        contextFiles = Array(Set(state.environments.map(\.source.file) + (state.maintenance.map { [$0.source.file] } ?? []))).sorted()
    }

    init(key: Key, commit: ObjectID, target: DeploymentTarget, environmentNames: [String]?, diagnostics: [Diagnostic],
         deploymentOrder: [ResourceID], resources: [ResourceID: Resource], contextFiles: [String]) {
        self.key = key
        self.commit = commit
        self.target = target
        self.environmentNames = environmentNames
        self.diagnostics = diagnostics
        self.deploymentOrder = deploymentOrder
        self.resources = resources
        self.contextFiles = contextFiles
    }

    /// What a function reads besides its manifest.
    static func uses(_ function: FunctionResource) -> [String] {
        function.spec.code.isEmpty ? [] : [function.spec.code]
    }

    /// What a state machine reads besides its manifest.
    static func uses(_ machine: StateMachineResource) -> [String] {
        [machine.spec.definition] + machine.spec.rollout.smokeTests.compactMap(\.inputFile)
    }

    /// The functions a state machine invokes, sorted and without repeats.
    static func invoked(_ machine: StateMachineResource) -> [String] {
        Array(Set(machine.invokedFunctions.map(\.function))).sorted()
    }
}
