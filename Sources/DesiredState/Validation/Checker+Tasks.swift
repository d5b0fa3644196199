extension Checker {
    /// A Lambda function named by a Task: full ARN, partial ARN (`ACCOUNT:function:NAME`) or name, each optionally qualified.
    struct LambdaReference {
        var name: String
        var qualifier: String?
        var account: String?
        var region: String?

        /// A function reference known without parsing an ARN; nil when the name or qualifier could
        /// not appear as one component of an ARN (empty, or holding a colon).
        init?(name: String, qualifier: String?, account: String, region: String) {
            let colon = UInt8(ascii: ":")
            guard !name.isEmpty, !name.utf8.contains(colon), !(qualifier?.utf8.contains(colon) ?? false) else { return nil }
            self.name = name
            self.qualifier = qualifier
            self.account = account
            self.region = region
        }

        init?(_ text: String) {
            let parts = ReferenceExpression.colonParts(Substring(text)).map(String.init)
            var rest = parts[...]
            if parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function" {
                region = parts[3]
                account = parts[4]
                rest = parts[6...]
            } else if parts.count >= 3, parts[1] == "function" {
                account = parts[0]
                rest = parts[2...]
            } else if parts.first == "arn" {
                return nil
            }
            guard let name = rest.first, !name.isEmpty, rest.count <= 2 else { return nil }
            self.name = name
            qualifier = rest.count == 2 ? rest[rest.startIndex + 1] : nil
        }
    }

    /// Resolves each Task's resource and checks the functions it invokes.
    /// `functionARNs` holds the function references of the substitutions by the ARN they resolve
    /// to: a Task naming one of those is known without parsing the ARN back.
    mutating func checkTasks(_ analysis: DefinitionAnalysis, spec: StateMachineSpec, manifest: DecodedManifest, resolver: Resolver,
                             substitutions: [String: String], functionARNs: [String: LambdaReference] = [:]) -> [FunctionInvocation] {
        var invocations: [FunctionInvocation] = []
        for task in analysis.tasks {
            let resource = resolver.resolve(task.resource, in: .definition, substitutions: substitutions)
            if ASCII.contains(resource, "${") { continue }
            let field = task.field + ".Resource"
            if spec.type == .express, resource.hasSuffix(".sync") || ASCII.contains(resource, ".sync:") || resource.hasSuffix(".waitForTaskToken") {
                diagnostics.append(Diagnostic(.error, "asl.express-integration", at: task.resourceLocation, resource: manifest.id, field: field,
                                              "an EXPRESS state machine cannot use '\(resource)' (.sync and .waitForTaskToken need STANDARD)",
                                              hint: "use type: STANDARD, or call the integration without waiting"))
            }
            let reference: (text: String, location: FileLocation, field: String)
            if resource.hasPrefix("arn:"), ASCII.contains(resource, ":states:::lambda:invoke") {
                guard let name = task.functionName else { continue }
                reference = (resolver.resolve(name, in: .definition, substitutions: substitutions),
                             task.functionNameLocation ?? task.resourceLocation, task.field + ".Parameters.FunctionName")
            } else if resource.hasPrefix("arn:"), ASCII.contains(resource, ":lambda:") {
                reference = (resource, task.resourceLocation, field)
            } else if resource.hasPrefix("arn:") {
                continue
            } else {
                diagnostics.append(Diagnostic(.error, "asl.resource", at: task.resourceLocation, resource: manifest.id, field: field,
                                              "Resource resolves to '\(resource)', which is not an ARN",
                                              hint: "substitute a reference such as function:NAME:ALIAS"))
                continue
            }
            if ASCII.contains(reference.text, "${") { continue }
            let known = functionARNs[reference.text]
            guard let lambda = known ?? LambdaReference(reference.text) else {
                diagnostics.append(Diagnostic(.error, "asl.function-name", at: reference.location, resource: manifest.id, field: reference.field,
                                              "'\(reference.text)' does not name a Lambda function"))
                continue
            }
            guard exists(.function, lambda.name) else {
                diagnostics.append(Diagnostic(.error, "asl.unknown-function", at: reference.location, resource: manifest.id, field: reference.field,
                                              "state '\(task.state)' invokes function '\(lambda.name)', which is not in the desired state",
                                              hint: ResourceLookup.hint(for: lambda.name, among: names(of: .function), kind: .function) + unreadableNote))
                continue
            }
            checkReference(.resource(kind: .function, name: lambda.name, qualifier: lambda.qualifier), from: manifest,
                           at: reference.location, field: reference.field)
            if let account = lambda.account, let region = lambda.region ?? Optional(target.region),
               account != target.account || region != target.region {
                diagnostics.append(Diagnostic(.warning, "asl.hard-coded-arn", at: reference.location, resource: manifest.id, field: reference.field,
                                              "'\(reference.text)' is hard-coded to account \(account) in \(region), but this environment is \(target.account) in \(target.region)",
                                              hint: "reference the function as ${function:\(lambda.name)\(lambda.qualifier.map { ":" + $0 } ?? "")} so the ARN follows the environment"))
            }
            invocations.append(FunctionInvocation(function: lambda.name, qualifier: lambda.qualifier,
                                                  arn: known != nil ? reference.text : target.functionARN(lambda.name, qualifier: lambda.qualifier),
                                                  state: task.state))
        }
        return invocations
    }
}
