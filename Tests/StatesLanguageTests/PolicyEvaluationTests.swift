import Cloud
import StatesLanguage
import Testing

@Suite struct PolicyEvaluationTests {
    static let function = "arn:aws:lambda:us-east-1:123456789012:function:microservice-deployer"

    func policy(_ name: String, _ statements: String) throws -> NamedPolicyDocument {
        NamedPolicyDocument(name: name, document: try json(#"{"Version": "2012-10-17", "Statement": "# + statements + "}"))
    }

    func decide(_ policies: [NamedPolicyDocument], action: String = "lambda:InvokeFunction", resource: String = function,
                context: [String: [String]] = [:]) throws -> PolicyDecision {
        try PolicyEvaluator.evaluate(action: action, resource: resource, policies: policies, context: context)
    }

    @Test func noMatchingStatement_isAnImplicitDeny() throws {
        let decision = try decide([try policy("logs", #"{"Effect": "Allow", "Action": "logs:*", "Resource": "*"}"#)])
        #expect(decision == .implicitlyDenied)
        #expect(decision.denialMessage(principal: "arn:aws:sts::123456789012:assumed-role/sfn/exec", action: "lambda:InvokeFunction", resource: Self.function)
                == "User: arn:aws:sts::123456789012:assumed-role/sfn/exec is not authorized to perform: lambda:InvokeFunction on resource: \(Self.function) because no identity-based policy allows the lambda:InvokeFunction action")
    }

    @Test func allowWithWildcards_allowsAndNamesTheStatement() throws {
        let decision = try decide([try policy("invoke", #"[{"Sid": "Logs", "Effect": "Allow", "Action": "logs:PutLogEvents", "Resource": "*"}, {"Sid": "Invoke", "Effect": "Allow", "Action": ["lambda:Invoke*"], "Resource": ["arn:aws:lambda:*:123456789012:function:microservice-*"]}]"#)])
        #expect(decision == .allowed(by: PolicyStatementReference(policyName: "invoke", statementIndex: 1, sid: "Invoke")))
        #expect(decision.isAllowed)
    }

    @Test func explicitDeny_winsOverAllowInAnotherPolicy() throws {
        let decision = try decide([
            try policy("allow-all", #"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#),
            try policy("deny-deployer", #"{"Sid": "NoDeployer", "Effect": "Deny", "Action": "lambda:InvokeFunction", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:microservice-deployer*"}"#),
        ])
        #expect(decision == .explicitlyDenied(by: PolicyStatementReference(policyName: "deny-deployer", statementIndex: 0, sid: "NoDeployer")))
        #expect(decision.denialMessage(principal: "p", action: "lambda:InvokeFunction", resource: "r")?.hasSuffix("with an explicit deny in an identity-based policy") == true)
    }

    @Test func actionsMatchCaseInsensitivelyAndResourcesCaseSensitively() throws {
        let policies = [try policy("p", #"{"Effect": "Allow", "Action": "LAMBDA:invokefunction", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:Microservice-?eployer"}"#)]
        #expect(try decide(policies, resource: "arn:aws:lambda:us-east-1:123456789012:function:Microservice-Deployer").isAllowed)
        #expect(try decide(policies) == .implicitlyDenied)
    }

    @Test func questionMarkMatchesExactlyOneCharacterAndStarCrossesColons() throws {
        let policies = [try policy("p", #"{"Effect": "Allow", "Action": "lambda:InvokeFunctio?", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:microservice-deployer*"}"#)]
        #expect(try decide(policies, resource: Self.function + ":live").isAllowed)
        #expect(try decide(policies, action: "lambda:InvokeFunctionUrl") == .implicitlyDenied)
    }

    @Test func notActionAndNotResource_matchEverythingElse() throws {
        let notAction = [try policy("p", #"{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}"#)]
        #expect(try decide(notAction).isAllowed)
        #expect(try decide(notAction, action: "iam:CreateRole") == .implicitlyDenied)
        let notResource = [
            try policy("allow", #"{"Effect": "Allow", "Action": "lambda:*", "Resource": "*"}"#),
            try policy("deny-others", #"{"Effect": "Deny", "Action": "lambda:InvokeFunction", "NotResource": "arn:aws:lambda:us-east-1:123456789012:function:microservice-*"}"#),
        ]
        #expect(try decide(notResource).isAllowed)
        #expect(try !decide(notResource, resource: "arn:aws:lambda:us-east-1:123456789012:function:other").isAllowed)
    }

    @Test func conditions_evaluateKnownOperatorsAgainstTheContext() throws {
        let policies = [try policy("p", #"{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*", "Condition": {"StringEquals": {"aws:RequestedRegion": ["us-east-1", "us-west-2"]}, "Bool": {"aws:SecureTransport": true}}}"#)]
        #expect(try decide(policies, context: ["aws:requestedregion": ["us-west-2"], "aws:SecureTransport": ["true"]]).isAllowed)
        #expect(try decide(policies, context: ["aws:RequestedRegion": ["eu-west-1"], "aws:SecureTransport": ["true"]]) == .implicitlyDenied)
        #expect(try decide(policies, context: [:]) == .implicitlyDenied)
    }

    @Test func conditions_negatedIfExistsAndNullOperators() throws {
        let deny = try policy("deny", #"{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:PrincipalTag/team": "ops"}}}"#)
        let allow = try policy("allow", #"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)
        #expect(try !decide([allow, deny], context: [:]).isAllowed)
        #expect(try decide([allow, deny], context: ["aws:PrincipalTag/team": ["ops"]]).isAllowed)
        let ifExists = try policy("allow", #"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThanIfExists": {"lambda:Size": "10"}}}"#)
        #expect(try decide([ifExists]).isAllowed)
        #expect(try decide([ifExists], context: ["lambda:Size": ["20"]]) == .implicitlyDenied)
        let null = try policy("allow", #"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Null": {"aws:TokenIssueTime": "true"}}}"#)
        #expect(try decide([null]).isAllowed)
        #expect(try decide([null], context: ["aws:TokenIssueTime": ["x"]]) == .implicitlyDenied)
    }

    @Test func conditions_setOperators() throws {
        let anyValue = try policy("p", #"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringLike": {"aws:TagKeys": ["env*"]}}}"#)
        #expect(try decide([anyValue], context: ["aws:TagKeys": ["owner", "environment"]]).isAllowed)
        #expect(try decide([anyValue], context: ["aws:TagKeys": ["owner"]]) == .implicitlyDenied)
        let allValues = try policy("p", #"{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["env", "owner"]}}}"#)
        #expect(try decide([allValues], context: ["aws:TagKeys": ["env"]]).isAllowed)
        #expect(try decide([allValues], context: ["aws:TagKeys": ["env", "cost"]]) == .implicitlyDenied)
    }

    @Test func unsupportedCondition_isConservative() throws {
        let block = #""Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}"#
        let allow = try policy("allow", #"{"Effect": "Allow", "Action": "*", "Resource": "*", "# + block + "}")
        #expect(try decide([allow], context: ["aws:SourceIp": ["10.1.2.3"]]) == .implicitlyDenied)
        let deny = try policy("deny", #"{"Effect": "Deny", "Action": "*", "Resource": "*", "# + block + "}")
        let everything = try policy("all", #"{"Effect": "Allow", "Action": "*", "Resource": "*"}"#)
        #expect(try !decide([everything, deny], context: ["aws:SourceIp": ["192.168.0.1"]]).isAllowed)
    }

    @Test(arguments: [
        (#"{"Statement": [{"Action": "*", "Resource": "*"}]}"#, "Statement[0].Effect"),
        (#"{"Statement": [{"Effect": "Allow", "Resource": "*"}]}"#, "Statement[0]"),
        (#"{"Statement": [{"Effect": "Allow", "Action": "*", "NotAction": "x", "Resource": "*"}]}"#, "Statement[0]"),
        (#"{"Statement": [{"Effect": "Allow", "Action": 3, "Resource": "*"}]}"#, "Statement[0].Action"),
        (#"{"Version": "2012-10-17"}"#, "Statement"),
        (#"[1]"#, "document"),
    ])
    func malformedPolicy_isReportedWithItsLocation(document: String, location: String) throws {
        let named = NamedPolicyDocument(name: "broken", document: try json(document))
        #expect {
            try PolicyEvaluator.evaluate(action: "a:b", resource: "r", policies: [named])
        } throws: { error in
            (error as? PolicyDocumentError)?.location == location && (error as? PolicyDocumentError)?.policyName == "broken"
        }
    }
}
