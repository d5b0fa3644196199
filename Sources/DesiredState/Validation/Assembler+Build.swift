import Foundation
import Synchronization

extension Assembler {
    /// Resolves and checks every resource and builds the desired state.
    mutating func build() -> DesiredState {
        let resolver = Resolver(target: catalog.target)
        var checker = Checker(catalog: catalog)
        let policyResources = catalog.policies.keys.sorted().compactMap { catalog.policies[$0].map { checker.policy($0, resolver: resolver) } }
        let roleResources = catalog.roles.keys.sorted().compactMap { catalog.roles[$0].map { checker.role($0, resolver: resolver) } }
        diagnostics += checker.diagnostics
        var policiesByName: [String: PolicyResource] = [:]
        for policy in policyResources { policiesByName[policy.name] = policy }
        for role in roleResources { catalog.roleFacts[role.name] = Checker.facts(of: role, policies: policiesByName) }
        for path in Set(catalog.functions.values.map(\.spec.code)) where !path.isEmpty {
            catalog.codeStatus[path] = Checker.codeStatus(path, in: catalog.source)
        }

        let functionEntries = catalog.functions.keys.sorted().compactMap { catalog.functions[$0] }
        let machineEntries = catalog.stateMachines.keys.sorted().compactMap { catalog.stateMachines[$0] }
        let shared = catalog
        let (functionResources, functionDiagnostics) = Self.parallelMap(functionEntries, workers: parallelism, catalog: shared) { checker, entry in
            checker.function(entry)
        }
        let (stateMachineResources, machineDiagnostics) = Self.parallelMap(machineEntries, workers: parallelism, catalog: shared) { checker, entry in
            checker.stateMachine(entry, resolver: resolver)
        }
        diagnostics += functionDiagnostics
        diagnostics += machineDiagnostics

        var graphChecker = Checker(catalog: catalog)
        graphChecker.checkMaintenance()
        let order = graphChecker.dependencyOrder(functionResources: functionResources, stateMachineResources: stateMachineResources,
                                                 roleResources: roleResources, policyResources: policyResources)
        diagnostics += graphChecker.diagnostics
        let environmentResources = catalog.environments.keys.sorted().compactMap { name in
            catalog.environments[name].map { EnvironmentResource(name: name, spec: $0.spec, source: $0.manifest.parsed.location) }
        }
        return DesiredState(revision: catalog.revision, target: catalog.target, functions: functionResources, stateMachines: stateMachineResources,
                            roles: roleResources, policies: policyResources,
                            maintenance: catalog.maintenance.map { MaintenanceResource(name: $0.name, spec: $0.spec, source: $0.manifest.parsed.location) },
                            environments: environmentResources, deploymentOrder: order, codeReader: CodeReader(source: catalog.source))
    }

    /// Checks `entries` on up to `workers` threads, each with its own checker; results keep the
    /// order of `entries`, diagnostics are gathered in that order too.
    static func parallelMap<Spec, Resource: Sendable>(_ entries: [Entry<Spec>], workers: Int, catalog: Catalog,
                                                      _ body: @Sendable (inout Checker, Entry<Spec>) -> Resource) -> ([Resource], [Diagnostic]) {
        // Small runs handed out as threads free up: a thread slowed down (by another task of the
        // process, or by heavier entries) takes fewer of them, so none waits for it at the end.
        let chunks = entries.count < 256 || workers <= 1 ? 1 : min(64, entries.count / 32)
        let slots = ChunkSlots<(resources: [Resource], diagnostics: [Diagnostic])>(count: chunks)
        let size = (entries.count + chunks - 1) / max(chunks, 1)
        ParallelRuns.run(count: chunks, workers: workers) { chunk in
            var checker = Checker(catalog: catalog)
            let range = min(entries.count, chunk * size)..<min(entries.count, (chunk + 1) * size)
            var resources: [Resource] = []
            resources.reserveCapacity(range.count)
            for index in range { resources.append(body(&checker, entries[index])) }
            slots[chunk] = (resources, checker.diagnostics)
        }
        var resources: [Resource] = []
        resources.reserveCapacity(entries.count)
        var diagnostics: [Diagnostic] = []
        for chunk in 0..<chunks {
            guard let result = slots[chunk] else { continue }
            resources += result.resources
            diagnostics += result.diagnostics
        }
        return (resources, diagnostics)
    }
}

extension Checker {
    /// Blocked entries should name resources that exist.
    mutating func checkMaintenance() {
        guard let maintenance = catalog.maintenance else { return }
        for (index, entry) in maintenance.spec.blocked.enumerated() {
            let known: Bool
            if let id = ResourceLookup.parseQualified(entry) {
                known = exists(id.kind, id.name)
            } else {
                known = [ResourceKind.function, .stateMachine, .role, .policy].contains { exists($0, entry) }
            }
            if !known {
                warning("ref.unknown-blocked", maintenance.manifest, at: locate(maintenance.manifest, "blocked", index), field: "spec.blocked[\(index)]",
                        "'\(entry)' is blocked, but no resource has that name, so nothing is held",
                        hint: ResourceLookup.hint(for: entry, among: names(of: .function) + names(of: .stateMachine), kind: .function))
            }
        }
    }
}

/// Work split into numbered items, run on at most `workers` threads that each take the next
/// `run` items not yet taken until none are left.
enum ParallelRuns {
    static func run(count: Int, workers: Int, run: Int = 1, _ body: @Sendable (Int) -> Void) {
        let threads = min(max(1, workers), count)
        guard threads > 1 else {
            for item in 0..<count { body(item) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let start = next.wrappingAdd(run, ordering: .relaxed).oldValue
                guard start < count else { return }
                for item in start..<min(start + run, count) { body(item) }
            }
        }
    }
}

/// Fixed slots written by parallel workers, each slot by exactly one worker.
final class ChunkSlots<T>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        storage = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        storage.initialize(repeating: nil)
    }

    deinit {
        storage.baseAddress?.deinitialize(count: storage.count)
        storage.deallocate()
    }

    subscript(index: Int) -> T? {
        get { storage[index] }
        set { storage[index] = newValue }
    }

    /// The filled slots, in order.
    var values: [T] { storage.compactMap { $0 } }
}
