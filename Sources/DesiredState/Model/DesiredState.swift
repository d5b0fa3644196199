/// Which content a desired state was read from.
public enum Revision: Sendable, Hashable, CustomStringConvertible {
    /// A commit, by its full id (40 hex digits).
    case commit(String)
    /// A folder on disk (a working tree), not committed.
    case workingTree(String)

    /// `commit abc1234` or `working tree PATH`.
    public var description: String {
        switch self {
        case .commit(let id): return "commit \(id.prefix(7))"
        case .workingTree(let path): return "working tree \(path)"
        }
    }
}

/// The desired state of one environment: every resource with the environment applied and every
/// reference resolved to an ARN, ready to be compared with the live environment.
public struct DesiredState: Sendable {
    /// Where it was read from.
    public var revision: Revision
    /// The environment, account and region the ARNs point into.
    public var target: DeploymentTarget
    /// Functions, by name order.
    public var functions: [FunctionResource]
    /// State machines, by name order.
    public var stateMachines: [StateMachineResource]
    /// Roles, by name order.
    public var roles: [RoleResource]
    /// Managed policies, by name order.
    public var policies: [PolicyResource]
    /// The maintenance settings, or nil when the repository has no Maintenance manifest (normal operation).
    public var maintenance: MaintenanceResource?
    /// Every environment the repository declares.
    public var environments: [EnvironmentResource]
    /// Every deployable resource (policies, roles, functions, state machines) in an order that puts
    /// each after what it depends on: IAM first, then functions, then state machines, refined by `dependsOn`.
    public var deploymentOrder: [ResourceID]
    /// Reads function code from where the desired state was loaded.
    public var codeReader: CodeReader

    /// The function named `name` (binary search: the array is sorted by name).
    public func function(named name: String) -> FunctionResource? {
        Self.find(name, in: functions, by: \.name)
    }

    /// The state machine named `name`.
    public func stateMachine(named name: String) -> StateMachineResource? {
        Self.find(name, in: stateMachines, by: \.name)
    }

    /// The role named `name`.
    public func role(named name: String) -> RoleResource? {
        Self.find(name, in: roles, by: \.name)
    }

    /// The policy named `name`.
    public func policy(named name: String) -> PolicyResource? {
        Self.find(name, in: policies, by: \.name)
    }

    /// Binary search in an array sorted by `key`.
    private static func find<T>(_ name: String, in items: [T], by key: KeyPath<T, String>) -> T? {
        var low = 0
        var high = items.count
        while low < high {
            let middle = (low + high) / 2
            let candidate = items[middle][keyPath: key]
            if candidate == name { return items[middle] }
            if candidate < name { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The resources whose changes maintenance holds (`blocked`), resolved to identities.
    public var blockedResources: Set<ResourceID> {
        guard let maintenance else { return [] }
        var result = Set<ResourceID>()
        for entry in maintenance.spec.blocked {
            if let id = ResourceLookup.parseQualified(entry) {
                result.insert(id)
            } else {
                for kind in [ResourceKind.function, .stateMachine, .role, .policy] { result.insert(ResourceID(kind, entry)) }
            }
        }
        return result
    }
}

/// The outcome of loading and validating desired state: the state (usable only without errors)
/// and every diagnostic found.
public struct LoadResult: Sendable {
    /// The desired state as far as it could be built; do not deploy it when `hasErrors`.
    public var state: DesiredState
    /// Every error and warning, sorted by file and position.
    public var diagnostics: [Diagnostic]

    /// A result of `state` with `diagnostics`.
    public init(state: DesiredState, diagnostics: [Diagnostic]) {
        self.state = state
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
    /// The errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    /// The warnings.
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    /// The state when there are no errors; otherwise throws `ValidationFailure` with the diagnostics.
    public func validState() throws -> DesiredState {
        if hasErrors { throw ValidationFailure(diagnostics: diagnostics) }
        return state
    }
}

/// Thrown when desired state with errors is asked for: nothing may be deployed from it.
public struct ValidationFailure: Error, Sendable, CustomStringConvertible {
    /// Every diagnostic (errors and warnings).
    public var diagnostics: [Diagnostic]

    /// A summary and the errors, one per line.
    public var description: String {
        let errors = diagnostics.filter { $0.severity == .error }
        return "the desired state has \(errors.count) error\(errors.count == 1 ? "" : "s"):\n"
            + errors.map(\.description).joined(separator: "\n")
    }
}
