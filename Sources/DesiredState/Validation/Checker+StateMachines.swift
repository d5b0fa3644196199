import Cloud
import StatesLanguage
import YAML

extension Checker {
    /// Resolves one state machine: role (trust and invoke permissions), definition (checked,
    /// substituted), invoked functions, smoke tests.
    mutating func stateMachine(_ entry: Entry<StateMachineSpec>, resolver: Resolver) -> StateMachineResource {
        let manifest = entry.manifest
        var spec = entry.spec
        let roleKnown = checkName(.role, spec.role, from: manifest, field: "spec.role", keys: "role")
        if let environment = catalog.environment, !environment.tags.isEmpty { spec.tags.merge(environment.tags) { own, _ in own } }
        let catalog = self.catalog
        var resolved: [String: String] = [:]
        var functionARNs: [String: LambdaReference] = [:]
        let plainTarget = !target.account.utf8.contains(UInt8(ascii: ":")) && !target.region.utf8.contains(UInt8(ascii: ":"))
        for (key, value) in spec.substitutions {
            if let reference = ReferenceExpression.parse(substitution: value) {
                checkReference(reference, from: manifest, at: catalog.locate(manifest, [.key("substitutions"), .key(key)]), field: "spec.substitutions.\(key)")
                let arn = resolver.value(of: reference)
                resolved[key] = arn ?? value
                if plainTarget, let arn, case .resource(.function, let name, let qualifier) = reference,
                   let known = LambdaReference(name: name, qualifier: qualifier, account: target.account, region: target.region) {
                    functionARNs[arn] = known
                }
            } else {
                resolved[key] = value
            }
        }
        loadSmokeInputs(&spec, manifest)
        var definition = JSONValue.null
        var invocations: [FunctionInvocation] = []
        if let file = referencedFile(spec.definition, from: manifest, field: "spec.definition", location: catalog.locate(manifest, [.key("definition")]),
                                     what: "definition") {
            do {
                let analysis = try cache.definition(file, from: source)
                adopt(analysis.diagnostics, for: manifest.id)
                checkPlaceholders(analysis, spec: spec, manifest: manifest)
                definition = analysis.substituted { resolver.resolve($0, in: .definition, substitutions: resolved) } ?? .null
                invocations = checkTasks(analysis, spec: spec, manifest: manifest, resolver: resolver, substitutions: resolved,
                                         functionARNs: functionARNs)
            } catch {
                self.error("load.unreadable", manifest, at: locate(manifest, "definition"), field: "spec.definition",
                           "the definition '\(spec.definition)' cannot be read: \(error)")
            }
        }
        if roleKnown, let facts = catalog.roleFacts[spec.role] { checkRole(facts, of: manifest, role: spec.role, invocations: invocations) }
        return StateMachineResource(name: entry.name, labels: manifest.parsed.labels, spec: spec, arn: target.stateMachineARN(entry.name),
                                    roleARN: target.roleARN(spec.role), definition: definition, invokedFunctions: invocations,
                                    source: manifest.parsed.location)
    }

    /// The role trusts Step Functions and may invoke every function the definition invokes.
    private mutating func checkRole(_ facts: RoleFacts, of manifest: DecodedManifest, role: String, invocations: [FunctionInvocation]) {
        if !facts.trustedServices.contains("states.amazonaws.com") {
            error("iam.trust-states", manifest, at: locate(manifest, "role"), field: "spec.role",
                  "role '\(role)' does not trust states.amazonaws.com, so Step Functions cannot run the state machine with it",
                  hint: "add states.amazonaws.com to the trust of Role/\(role) (trust: {service: states.amazonaws.com})")
        }
        var checked = Set<String>()
        for invocation in invocations where checked.insert(invocation.arn).inserted {
            // The evaluator the simulated cloud uses, with no request context: a conditional Allow does not count.
            guard let decision = try? PolicyEvaluator.evaluate(action: "lambda:InvokeFunction", resource: invocation.arn, policies: facts.permissions),
                  !decision.isAllowed else { continue }
            var message = "role '\(role)' does not allow lambda:InvokeFunction on \(invocation.arn), which state '\(invocation.state)' invokes"
            if case .explicitlyDenied(let statement) = decision {
                message = "role '\(role)' denies lambda:InvokeFunction on \(invocation.arn) (\(statement)), which state '\(invocation.state)' invokes"
            }
            error("iam.missing-invoke", manifest, at: locate(manifest, "role"), field: "spec.role", message,
                  hint: "allow lambda:InvokeFunction on ${function:\(invocation.function)\(invocation.qualifier == nil ? "" : ":*")} in a policy of Role/\(role)")
        }
    }

    /// Every `${Name}` needs a substitution; every substitution should be used.
    private mutating func checkPlaceholders(_ analysis: DefinitionAnalysis, spec: StateMachineSpec, manifest: DecodedManifest) {
        var used = Set<String>()
        for site in analysis.placeholders {
            let (occurrences, unterminated) = Placeholders.scan(site.body)
            if unterminated != nil {
                diagnostics.append(Diagnostic(.error, "ref.syntax", at: site.location, resource: manifest.id, field: site.field,
                                              "'\(site.body)' has a '${' without a closing '}'"))
            }
            for occurrence in occurrences {
                let expression = ReferenceExpression.parse(placeholder: occurrence.body, in: .definition)
                switch expression {
                case .substitution(let key):
                    used.insert(key)
                    if spec.substitutions[key] == nil {
                        let known = Array(spec.substitutions.keys)
                        diagnostics.append(Diagnostic(.error, "asl.unknown-substitution", at: site.location, resource: manifest.id, field: site.field,
                                                      "the definition uses ${\(key)}, but \(manifest.id) has no substitution '\(key)'",
                                                      hint: suggestion(for: key, among: known).map { "did you mean ${\($0)}?" }
                                                        ?? "add '\(key): function:NAME:ALIAS' (or a literal) to spec.substitutions"))
                    }
                case .invalid(let message, let hint):
                    diagnostics.append(Diagnostic(.error, "ref.syntax", at: site.location, resource: manifest.id, field: site.field, message, hint: hint))
                case .resource:
                    checkReference(expression, from: manifest, at: site.location, field: site.field)
                case .environmentValue, .foreign:
                    break
                }
            }
        }
        for key in spec.substitutions.keys.sorted() where !used.contains(key) {
            warning("asl.unused-substitution", manifest, at: locate(manifest, "substitutions", key), field: "spec.substitutions.\(key)",
                    "the substitution '\(key)' is not used by the definition", hint: "remove it, or write ${\(key)} where it belongs")
        }
    }

    /// Reads smoke-test inputs given as files.
    private mutating func loadSmokeInputs(_ spec: inout StateMachineSpec, _ manifest: DecodedManifest) {
        for index in spec.rollout.smokeTests.indices {
            guard let path = spec.rollout.smokeTests[index].inputFile else { continue }
            let field = "spec.rollout.smokeTests[\(index)].inputFile"
            let catalog = self.catalog
            func location() -> FileLocation { catalog.locate(manifest, [.key("rollout"), .key("smokeTests"), .index(index), .key("inputFile")]) }
            guard let file = referencedFile(path, from: manifest, field: field, location: location(), what: "smoke test input") else { continue }
            do {
                let data = try cache.dataFile(file, from: source)
                adopt(data.diagnostics, for: manifest.id)
                if let value = data.value { spec.rollout.smokeTests[index].input = value }
            } catch {
                self.error("load.unreadable", manifest, at: location(), field: field, "the smoke test input '\(path)' cannot be read: \(error)")
            }
        }
    }
}
