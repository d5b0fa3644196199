extension Checker {
    /// An edge of the dependency graph: the dependent needs `dependency` first.
    struct Edge {
        var dependency: Int
        /// Where the edge is written, for explicit `dependsOn` entries: the manifest and the entry's index.
        var site: (manifest: DecodedManifest, index: Int)?
    }

    /// Finds the resource a `dependsOn` entry (`name` or `Kind/name`) names, reporting failures.
    mutating func resolveDependency(_ text: String, from manifest: DecodedManifest, location: @autoclosure () -> FileLocation,
                                    field: String) -> ResourceID? {
        if let id = ResourceLookup.parseQualified(text) {
            guard [.function, .stateMachine, .role, .policy].contains(id.kind) else {
                error("ref.dependency-kind", manifest, at: location(), field: field, "\(id.kind.rawValue) resources are not deployed, so nothing can depend on them")
                return nil
            }
            if exists(id.kind, id.name) { return id }
            reportUnknown(id.kind, id.name, from: manifest, at: location(), field: field)
            return nil
        }
        let kinds = [ResourceKind.function, .stateMachine, .role, .policy].filter { exists($0, text) }
        if kinds.count == 1 { return ResourceID(kinds[0], text) }
        if kinds.count > 1 {
            error("ref.ambiguous", manifest, at: location(), field: field,
                  "'\(text)' names both \(kinds.map { "a \($0.rawValue)" }.joined(separator: " and ")); say which",
                  hint: "write \(kinds[0].rawValue)/\(text)")
            return nil
        }
        let all = names(of: .function) + names(of: .stateMachine)
        error("ref.unknown", manifest, at: location(), field: field, "\(field) names '\(text)', which is not a resource of this desired state",
              hint: ResourceLookup.hint(for: text, among: all, kind: .function))
        return nil
    }

    /// Reports the problems of one resource's `dependsOn` entries (unknown or ambiguous names),
    /// as the dependency graph does, without building the graph.
    mutating func checkDependencies(of manifest: DecodedManifest, _ entries: [String]) {
        let catalog = self.catalog
        for (index, text) in entries.enumerated() {
            _ = resolveDependency(text, from: manifest, location: catalog.locate(manifest, [.key("dependsOn"), .index(index)]),
                                  field: "spec.dependsOn[\(index)]")
        }
    }

    /// Checks `dependsOn` (existence, cycles) and returns the deployment order.
    mutating func dependencyOrder(functionResources: [FunctionResource], stateMachineResources: [StateMachineResource],
                                  roleResources: [RoleResource], policyResources: [PolicyResource]) -> [ResourceID] {
        var ids: [ResourceID] = []
        ids.reserveCapacity(functionResources.count + stateMachineResources.count + roleResources.count + policyResources.count)
        ids += policyResources.map { ResourceID(.policy, $0.name) }
        ids += roleResources.map { ResourceID(.role, $0.name) }
        ids += functionResources.map { ResourceID(.function, $0.name) }
        ids += stateMachineResources.map { ResourceID(.stateMachine, $0.name) }
        // Each resource's place in `ids` is known from its kind's offset; only the other end of
        // an edge is looked up, by name among its kind.
        let functionStart = policyResources.count + roleResources.count
        let machineStart = functionStart + functionResources.count
        func places<T>(_ resources: [T], from start: Int, name: (T) -> String) -> [String: Int] {
            var byName: [String: Int] = [:]
            byName.reserveCapacity(resources.count)
            for (offset, resource) in resources.enumerated() { byName[name(resource)] = start + offset }
            return byName
        }
        let policyPlaces = places(policyResources, from: 0, name: \.name)
        let rolePlaces = places(roleResources, from: policyResources.count, name: \.name)
        let functionPlaces = places(functionResources, from: functionStart, name: \.name)
        let machinePlaces = places(stateMachineResources, from: machineStart, name: \.name)
        func position(_ id: ResourceID) -> Int? {
            switch id.kind {
            case .policy: return policyPlaces[id.name]
            case .role: return rolePlaces[id.name]
            case .function: return functionPlaces[id.name]
            case .stateMachine: return machinePlaces[id.name]
            case .maintenance, .environment: return nil
            }
        }
        var edges = [[Edge]](repeating: [], count: ids.count)

        func implicit(_ from: Int, _ to: Int?) {
            guard let to, from != to else { return }
            edges[from].append(Edge(dependency: to, site: nil))
        }
        for (offset, role) in roleResources.enumerated() {
            for policy in role.spec.policies { implicit(policyResources.count + offset, policyPlaces[policy]) }
        }
        for (offset, function) in functionResources.enumerated() {
            implicit(functionStart + offset, rolePlaces[function.spec.role])
            if let hook = function.spec.rollout.preTraffic { implicit(functionStart + offset, functionPlaces[hook.invoke]) }
        }
        for (offset, machine) in stateMachineResources.enumerated() {
            implicit(machineStart + offset, rolePlaces[machine.spec.role])
            for invocation in machine.invokedFunctions { implicit(machineStart + offset, functionPlaces[invocation.function]) }
        }
        var explicit: [(ResourceID, DecodedManifest, [String])] = []
        for function in functionResources where !function.spec.dependsOn.isEmpty {
            if let manifest = catalog.functions[function.name]?.manifest { explicit.append((ResourceID(.function, function.name), manifest, function.spec.dependsOn)) }
        }
        for machine in stateMachineResources where !machine.spec.dependsOn.isEmpty {
            if let manifest = catalog.stateMachines[machine.name]?.manifest { explicit.append((ResourceID(.stateMachine, machine.name), manifest, machine.spec.dependsOn)) }
        }
        let catalog = self.catalog
        for (id, manifest, entries) in explicit {
            for (index, text) in entries.enumerated() {
                let field = "spec.dependsOn[\(index)]"
                guard let dependency = resolveDependency(text, from: manifest, location: catalog.locate(manifest, [.key("dependsOn"), .index(index)]),
                                                         field: field),
                      let a = position(id), let b = position(dependency) else { continue }
                if a == b {
                    error("ref.cycle", manifest, at: locate(manifest, "dependsOn", index), field: field, "\(id) depends on itself",
                          hint: "remove '\(text)' from dependsOn")
                    continue
                }
                edges[a].append(Edge(dependency: b, site: (manifest, index)))
            }
        }
        // A graph Kahn's algorithm orders completely has no cycle to look for.
        let (order, complete) = topologicalOrder(ids: ids, edges: edges)
        if !complete { reportCycles(ids: ids, edges: edges) }
        return order
    }

    /// Reports each strongly connected component with more than one resource, with one whole cycle through it.
    private mutating func reportCycles(ids: [ResourceID], edges: [[Edge]]) {
        for component in StronglyConnected.components(count: ids.count, successors: { edges[$0].map(\.dependency) }) where component.count > 1 {
            let members = Set(component)
            guard let start = component.min(), let cycle = StronglyConnected.cycle(from: start, within: members, successors: { edges[$0].map(\.dependency) }) else { continue }
            let text = (cycle + [start]).map { ids[$0].description }.joined(separator: " -> ")
            var site: (FileLocation, String)?
            var owner = ids[start]
            for (offset, node) in cycle.enumerated() {
                let next = offset + 1 < cycle.count ? cycle[offset + 1] : start
                if let edge = edges[node].first(where: { $0.dependency == next && $0.site != nil }), let found = edge.site {
                    site = (locate(found.manifest, "dependsOn", found.index), "spec.dependsOn[\(found.index)]")
                    owner = ids[node]
                    break
                }
            }
            diagnostics.append(Diagnostic(.error, "ref.cycle", at: site?.0 ?? .none, resource: owner, field: site?.1 ?? "spec.dependsOn",
                                          "dependency cycle: \(text)",
                                          hint: "remove one of these dependsOn entries; nothing in a cycle can be deployed first"))
        }
    }

    /// Kahn's algorithm, taking the lowest position (IAM first, then functions, then state machines, by name) among the ready resources.
    /// Also answers whether every resource was ordered (false when some are in or behind a
    /// cycle: those follow in their own order).
    private func topologicalOrder(ids: [ResourceID], edges: [[Edge]]) -> (order: [ResourceID], complete: Bool) {
        var waiting = [Int](repeating: 0, count: ids.count)
        var dependents = [[Int]](repeating: [], count: ids.count)
        for (node, list) in edges.enumerated() {
            for edge in list {
                waiting[node] += 1
                dependents[edge.dependency].append(node)
            }
        }
        var ready = MinHeap(waiting.indices.filter { waiting[$0] == 0 })
        var order: [ResourceID] = []
        order.reserveCapacity(ids.count)
        var placed = [Bool](repeating: false, count: ids.count)
        while let node = ready.pop() {
            order.append(ids[node])
            placed[node] = true
            for dependent in dependents[node] {
                waiting[dependent] -= 1
                if waiting[dependent] == 0 { ready.push(dependent) }
            }
        }
        let complete = order.count == ids.count
        for node in ids.indices where !placed[node] { order.append(ids[node]) }
        return (order, complete)
    }
}
