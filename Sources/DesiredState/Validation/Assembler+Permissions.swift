import StatesLanguage

extension Assembler {
    /// Cross-resource IAM checks: execution roles trust the right service, and a state machine's
    /// role may invoke every function its definition invokes.
    mutating func checkPermissions(functionResources: [FunctionResource], stateMachineResources: [StateMachineResource],
                                   roleResources: [RoleResource], policyResources: [PolicyResource]) {
        var rolesByName: [String: RoleResource] = [:]
        for role in roleResources { rolesByName[role.name] = role }
        var policyDocuments: [String: JSONValue] = [:]
        for policy in policyResources { policyDocuments[policy.name] = policy.document }
        var trusts: [String: Set<String>] = [:]
        func trusted(_ role: RoleResource) -> Set<String> {
            if let known = trusts[role.name] { return known }
            let services = Self.trustedServices(role.trustPolicy)
            trusts[role.name] = services
            return services
        }
        for function in functionResources {
            guard let role = rolesByName[function.spec.role], let entry = functions[function.name] else { continue }
            if !trusted(role).contains("lambda.amazonaws.com") {
                error("iam.trust-lambda", entry.manifest, at: Self.locate(entry.manifest, "role"), field: "spec.role",
                      "role '\(role.name)' does not trust lambda.amazonaws.com, so Lambda cannot run the function with it",
                      hint: "add lambda.amazonaws.com to the trust of Role/\(role.name) (trust: {service: lambda.amazonaws.com})")
            }
        }
        var evaluators: [String: PolicyEvaluator] = [:]
        for machine in stateMachineResources {
            guard let role = rolesByName[machine.spec.role], let entry = stateMachines[machine.name] else { continue }
            if !trusted(role).contains("states.amazonaws.com") {
                error("iam.trust-states", entry.manifest, at: Self.locate(entry.manifest, "role"), field: "spec.role",
                      "role '\(role.name)' does not trust states.amazonaws.com, so Step Functions cannot run the state machine with it",
                      hint: "add states.amazonaws.com to the trust of Role/\(role.name) (trust: {service: states.amazonaws.com})")
            }
            let evaluator: PolicyEvaluator
            if let known = evaluators[role.name] {
                evaluator = known
            } else {
                let documents = role.spec.policies.compactMap { policyDocuments[$0] } + role.inlinePolicies.values
                evaluator = PolicyEvaluator(documents: documents)
                evaluators[role.name] = evaluator
            }
            var checked = Set<String>()
            for invocation in machine.invokedFunctions where checked.insert(invocation.arn).inserted {
                let decision = evaluator.decide(action: "lambda:InvokeFunction", resource: invocation.arn)
                guard decision != .allowed else { continue }
                let denied = decision == .explicitlyDenied ? "denies" : "does not allow"
                error("iam.missing-invoke", entry.manifest, at: Self.locate(entry.manifest, "role"), field: "spec.role",
                      "role '\(role.name)' \(denied) lambda:InvokeFunction on \(invocation.arn), which state '\(invocation.state)' invokes",
                      hint: "allow lambda:InvokeFunction on ${function:\(invocation.function)\(invocation.qualifier == nil ? "" : ":*")} in a policy of Role/\(role.name)")
            }
        }
    }

    /// The service principals a trust policy allows to assume the role.
    static func trustedServices(_ document: JSONValue) -> Set<String> {
        var services = Set<String>()
        let raw = document["Statement"]
        for statement in raw?.arrayValue ?? (raw.map { [$0] } ?? []) {
            guard statement["Effect"]?.stringValue == "Allow" else { continue }
            let actions: [String]
            switch statement["Action"] {
            case .string(let text)?: actions = [text]
            case .array(let items)?: actions = items.compactMap(\.stringValue)
            default: actions = []
            }
            guard actions.contains(where: { Wildcard.matches($0, "sts:AssumeRole", ignoringCase: true) }) else { continue }
            switch statement["Principal"]?["Service"] {
            case .string(let text)?: services.insert(text)
            case .array(let items)?: services.formUnion(items.compactMap(\.stringValue))
            default: break
            }
        }
        return services
    }
}
