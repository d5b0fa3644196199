import Foundation

/// A small desired state for end-to-end tests: two roles, a managed policy, two functions and a
/// state machine that invokes them through their `live` aliases.
struct MiniRepo {
    /// The body of `hello`'s handler (Python, after `def handler(event, context):`).
    var helloBody = "return {\"hello\": event.get(\"name\", \"world\")}"
    /// `hello`'s memory.
    var helloMemory = 128
    /// `hello`'s rollout strategy.
    var helloStrategy = "AllAtOnce"
    /// `greeter`'s environment variable GREETING.
    var greeting = "hi"
    /// `greeter`'s rollout strategy.
    var greeterStrategy = "Canary10Percent5Minutes"
    /// `greeter`'s reserved concurrency.
    var greeterConcurrency = 5
    /// The state machine's comment (a change to its definition).
    var flowComment = "say hello"
    /// Whether the state machine ends in a Fail state (its smoke test then fails).
    var flowFails = false
    /// The Maintenance manifest's spec lines (empty: no Maintenance manifest).
    var maintenance: [String] = []
    /// An Environment manifest (empty: none).
    var environment: [String] = []
    /// The invoke policy's extra statements (JSON objects).
    var extraStatements: [String] = []
    /// Whether a third function, `spare`, that nothing references, is declared.
    var spare = false

    /// The repository's files.
    var files: [String: String] {
        var files: [String: String] = [
            "functions/hello/app.py": "def handler(event, context):\n    \(helloBody)\n",
            "functions/greeter/app.py": "import os\n\ndef handler(event, context):\n    return {\"greeting\": os.environ.get(\"GREETING\", \"\")}\n",
            "state-machines/flow.asl.json": """
                {"Comment": "\(flowComment)", "StartAt": "Hello",
                 "States": {
                   "Hello": {"Type": "Task", "Resource": "${Hello}", "Retry": \(retry), "Next": "Greet"},
                   "Greet": \(flowFails ? #"{"Type": "Fail", "Error": "Broken", "Cause": "the flow fails"}"# : #"{"Type": "Task", "Resource": "${Greeter}", "Retry": \#(retry), "End": true}"#)}}
                """,
            "manifests/iam.yaml": iam,
            "manifests/functions.yaml": functions + (spare ? spareFunction : ""),
            "manifests/flow.yaml": flow,
        ]
        files["manifests/maintenance.yaml"] = (["apiVersion: plumb.dev/v1", "kind: Maintenance", "metadata: {name: maintenance}", "spec:"]
            + (maintenance.isEmpty ? ["mode: normal"] : maintenance).map { "  " + $0 }).joined(separator: "\n") + "\n"
        if !environment.isEmpty {
            files["manifests/environment.yaml"] = (["apiVersion: plumb.dev/v1", "kind: Environment", "metadata: {name: prod}", "spec:"]
                + environment.map { "  " + $0 }).joined(separator: "\n") + "\n"
        }
        return files
    }

    /// Retries of throttled Lambda calls, as AWS recommends for Task states.
    var retry: String {
        #"[{"ErrorEquals": ["Lambda.TooManyRequestsException", "Lambda.ServiceException"], "IntervalSeconds": 1, "MaxAttempts": 6, "BackoffRate": 2}]"#
    }

    var iam: String {
        let statements = ([#"{"Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": ["${function:hello:*}", "${function:greeter:*}"]}"#]
            + extraStatements).joined(separator: ", ")
        return """
            apiVersion: plumb.dev/v1
            kind: Role
            metadata: {name: fn-role}
            spec:
              trust: {service: lambda.amazonaws.com}
              inline:
                logs: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "logs:PutLogEvents", Resource: "*"}]}
            ---
            apiVersion: plumb.dev/v1
            kind: Policy
            metadata: {name: invoke-fns}
            spec:
              document: {"Version": "2012-10-17", "Statement": [\(statements)]}
            ---
            apiVersion: plumb.dev/v1
            kind: Role
            metadata: {name: sm-role}
            spec:
              trust: {service: states.amazonaws.com}
              policies: [invoke-fns]

            """
    }

    var functions: String {
        """
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: hello}
        spec:
          runtime: python3.11
          handler: app.handler
          code: functions/hello
          memoryMB: \(helloMemory)
          timeoutSeconds: 10
          role: fn-role
          alias: live
          keepVersions: 2
          rollout:
            strategy: \(helloStrategy)
            healthGates: {maxErrorRate: 0.05, minInvocations: 10}
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: greeter}
        spec:
          runtime: python3.11
          handler: app.handler
          code: functions/greeter
          environment: {GREETING: "\(greeting)"}
          reservedConcurrency: \(greeterConcurrency)
          role: fn-role
          alias: live
          rollout:
            strategy: \(greeterStrategy)
            healthGates: {maxErrorRate: 0.05, maxP99LatencyMs: 5000, minInvocations: 10}

        """
    }

    var spareFunction: String {
        """
        ---
        apiVersion: plumb.dev/v1
        kind: Function
        metadata: {name: spare}
        spec:
          runtime: python3.11
          handler: app.handler
          code: functions/greeter
          role: fn-role

        """
    }

    var flow: String {
        """
        apiVersion: plumb.dev/v1
        kind: StateMachine
        metadata: {name: flow}
        spec:
          definition: state-machines/flow.asl.json
          substitutions: {Hello: "function:hello:live", Greeter: "function:greeter:live"}
          role: sm-role
          alias: live
          rollout:
            smokeTests: [{input: {name: smoke}, expect: SUCCEEDED, timeoutSeconds: 60}]
          dependsOn: [hello, greeter]

        """
    }
}
