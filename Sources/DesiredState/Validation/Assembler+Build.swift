extension Assembler {
    /// Resolves and checks every resource and builds the desired state.
    mutating func build() -> DesiredState {
        let resolver = Resolver(target: target)
        let policyResources = buildPolicies(resolver)
        let roleResources = buildRoles(resolver)
        let functionResources = buildFunctions()
        let stateMachineResources = buildStateMachines(resolver)
        checkMaintenance()
        let order = dependencyOrder(functionResources: functionResources, stateMachineResources: stateMachineResources,
                                    roleResources: roleResources, policyResources: policyResources)
        checkPermissions(functionResources: functionResources, stateMachineResources: stateMachineResources,
                         roleResources: roleResources, policyResources: policyResources)
        let environmentResources = environments.keys.sorted().compactMap { name in
            environments[name].map { EnvironmentResource(name: name, spec: $0.spec, source: $0.manifest.parsed.location) }
        }
        return DesiredState(revision: revision, target: target, functions: functionResources, stateMachines: stateMachineResources,
                            roles: roleResources, policies: policyResources,
                            maintenance: maintenance.map { MaintenanceResource(name: $0.name, spec: $0.spec, source: $0.manifest.parsed.location) },
                            environments: environmentResources, deploymentOrder: order, codeReader: CodeReader(source: source))
    }

    /// Blocked entries should name resources that exist.
    private mutating func checkMaintenance() {
        guard let maintenance else { return }
        for (index, entry) in maintenance.spec.blocked.enumerated() {
            let known: Bool
            if let id = ResourceLookup.parseQualified(entry) {
                known = exists(id.kind, id.name)
            } else {
                known = [ResourceKind.function, .stateMachine, .role, .policy].contains { exists($0, entry) }
            }
            if !known {
                let location = maintenance.manifest.parsed.spec["blocked"]?[index].map(FieldReader.location) ?? maintenance.manifest.parsed.location
                warning("ref.unknown-blocked", maintenance.manifest, at: location, field: "spec.blocked[\(index)]",
                        "'\(entry)' is blocked, but no resource has that name, so nothing is held",
                        hint: ResourceLookup.hint(for: entry, among: names(of: .function) + names(of: .stateMachine), kind: .function))
            }
        }
    }
}
