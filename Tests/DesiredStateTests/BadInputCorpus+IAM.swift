import DesiredState

/// Policy grammar errors, risky grants, and roles that cannot do their job.
enum IAMCorpus {
    static let base = RepositoryContent()
    static let iam = "manifests/iam.yaml"

    /// The baseline with the invoke policy's statement replaced by `statement` (lines 24 onward).
    static func statement(_ statement: String) -> RepositoryContent {
        base.replacing(iam, """
                  - Effect: Allow
                    Action: lambda:InvokeFunction
                    Resource: "${function:hello:*}"
            """, with: statement + """

                  - Effect: Allow
                    Action: lambda:InvokeFunction
                    Resource: "${function:hello:*}"
            """)
    }

    static let cases: [CorpusCase] = [
        CorpusCase("Effect misspelt", statement("      - {Effect: Alow, Action: lambda:GetFunction, Resource: \"${function:hello}\"}"),
                   ExpectedDiagnostic("iam.effect", iam, line: 24, column: 18, message: "Effect must be Allow or Deny, but is 'Alow'", hint: "did you mean 'Allow'?")),
        CorpusCase("action without a service", statement("      - {Effect: Allow, Action: InvokeFunction, Resource: \"${function:hello}\"}"),
                   ExpectedDiagnostic("iam.action", iam, line: 24, column: 33, message: "'InvokeFunction' is not an action: write service:Action")),
        CorpusCase("Principal in an identity policy", statement("      - {Effect: Allow, Principal: '*', Action: lambda:GetFunction, Resource: \"${function:hello}\"}"),
                   ExpectedDiagnostic("iam.principal", iam, line: 24, message: "an identity policy must not specify a Principal")),
        CorpusCase("Action and NotAction together", statement("      - {Effect: Deny, Action: lambda:GetFunction, NotAction: lambda:InvokeFunction, Resource: \"${function:hello}\"}"),
                   ExpectedDiagnostic("iam.exclusive", iam, line: 24, message: "either Action or NotAction, not both")),
        CorpusCase("statement without Resource", statement("      - {Effect: Allow, Action: lambda:GetFunction}"),
                   ExpectedDiagnostic("iam.missing-element", iam, line: 24, column: 9, message: "the statement has neither Resource nor NotResource")),
        CorpusCase("unknown condition operator",
                   statement("      - {Effect: Allow, Action: lambda:GetFunction, Resource: \"${function:hello}\", Condition: {StringEqual: {aws:RequestedRegion: us-east-1}}}"),
                   ExpectedDiagnostic("iam.condition-operator", iam, line: 24, message: "unknown condition operator 'StringEqual'", hint: "did you mean 'StringEquals'?")),
        CorpusCase("resource that is not an ARN", statement("      - {Effect: Allow, Action: lambda:GetFunction, Resource: function/hello}"),
                   ExpectedDiagnostic("iam.resource", iam, line: 24, message: "'function/hello' is not a resource")),
        CorpusCase("policy Version that does not exist", base.replacing(iam, "Version: \"2012-10-17\"", with: "Version: \"2012-10-18\""),
                   ExpectedDiagnostic("iam.version", iam, line: 22, column: 14, message: "policy Version must be \"2012-10-17\"")),
        CorpusCase("every action allowed", statement("      - {Effect: Allow, Action: '*', Resource: \"${function:hello}\"}"),
                   ExpectedDiagnostic("iam.wildcard-action", iam, line: 24, message: "allows every action", severity: .warning)),
        CorpusCase("every resource allowed", statement("      - {Effect: Allow, Action: lambda:GetFunction, Resource: '*'}"),
                   ExpectedDiagnostic("iam.wildcard-resource", iam, line: 24, message: "applies to every resource", severity: .warning)),
        CorpusCase("iam:PassRole on every role", statement("      - {Effect: Allow, Action: iam:PassRole, Resource: '*'}"),
                   ExpectedDiagnostic("iam.passrole-wildcard", iam, line: 24, message: "iam:PassRole on every resource", severity: .warning)),
        CorpusCase("Allow with NotAction", statement("      - {Effect: Allow, NotAction: iam:*, Resource: \"${function:hello}\"}"),
                   ExpectedDiagnostic("iam.allow-not-action", iam, line: 24, message: "Allow with NotAction grants every action except", severity: .warning)),
        CorpusCase("trust policy document without a Principal",
                   base.replacing(iam, "  trust: {service: lambda.amazonaws.com}", with: "  trust:\n    Version: \"2012-10-17\"\n    Statement: [{Effect: Allow, Action: sts:AssumeRole}]"),
                   ExpectedDiagnostic("iam.trust-principal", iam, line: 8, message: "a trust policy statement needs a Principal")),
        CorpusCase("function role that does not trust Lambda",
                   base.replacing(iam, "  trust: {service: lambda.amazonaws.com}", with: "  trust: {service: states.amazonaws.com}"),
                   ExpectedDiagnostic("iam.trust-lambda", "manifests/function.yaml", line: 11, column: 9, message: "role 'hello-exec' does not trust lambda.amazonaws.com")),
        CorpusCase("state machine role that does not trust Step Functions",
                   base.replacing(iam, "  trust: {service: states.amazonaws.com}", with: "  trust: {service: lambda.amazonaws.com}"),
                   ExpectedDiagnostic("iam.trust-states", "manifests/flow.yaml", line: 9, column: 9, message: "role 'flow-exec' does not trust states.amazonaws.com")),
        CorpusCase("state machine role that cannot invoke the function",
                   base.replacing(iam, "Resource: \"${function:hello:*}\"", with: "Resource: \"${function:hello}\""),
                   ExpectedDiagnostic("iam.missing-invoke", "manifests/flow.yaml", line: 9, column: 9,
                                      message: "role 'flow-exec' does not allow lambda:InvokeFunction on arn:aws:lambda:us-east-1:000000000000:function:hello:live, which state 'Greet' invokes")),
        CorpusCase("state machine role allowed the invoke only under a condition",
                   base.replacing(iam, "Resource: \"${function:hello:*}\"", with: "Resource: \"${function:hello:*}\"\n        Condition: {StringEquals: {aws:SourceAccount: \"111122223333\"}}"),
                   ExpectedDiagnostic("iam.missing-invoke", "manifests/flow.yaml", line: 9, column: 9, message: "role 'flow-exec' does not allow lambda:InvokeFunction")),
        CorpusCase("state machine role denied the invoke",
                   statement("      - {Effect: Deny, Action: 'lambda:Invoke*', Resource: \"${function:*}\"}"),
                   ExpectedDiagnostic("iam.missing-invoke", "manifests/flow.yaml", line: 9, column: 9, message: "role 'flow-exec' denies lambda:InvokeFunction")),
    ]
}
