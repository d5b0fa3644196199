/// A small, valid desired state used as the starting point of most tests: one function, one
/// state machine invoking it, their roles, and a managed policy. Line numbers in these files are
/// relied on by the tests that break them.
enum Baseline {
    static let function = """
        apiVersion: plumb.dev/v1
        kind: Function
        metadata:
          name: hello
        spec:
          runtime: python3.11
          handler: app.handler
          code: functions/hello
          memoryMB: 256
          timeoutSeconds: 30
          role: hello-exec
          alias: live
          environment:
            GREETING: hello
          rollout:
            strategy: AllAtOnce

        """

    static let iam = """
        apiVersion: plumb.dev/v1
        kind: Role
        metadata:
          name: hello-exec
        spec:
          trust: {service: lambda.amazonaws.com}
        ---
        apiVersion: plumb.dev/v1
        kind: Role
        metadata:
          name: flow-exec
        spec:
          trust: {service: states.amazonaws.com}
          policies: [invoke-hello]
        ---
        apiVersion: plumb.dev/v1
        kind: Policy
        metadata:
          name: invoke-hello
        spec:
          document:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: lambda:InvokeFunction
                Resource: "${function:hello:*}"

        """

    static let flow = """
        apiVersion: plumb.dev/v1
        kind: StateMachine
        metadata:
          name: hello-flow
        spec:
          definition: flows/hello.asl.json
          substitutions:
            Hello: function:hello:live
          role: flow-exec
          alias: live

        """

    static let definition = """
        {
          "StartAt": "Greet",
          "States": {
            "Greet": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "${Hello}", "Payload.$": "$"},
              "OutputPath": "$.Payload",
              "Next": "Done"
            },
            "Done": {"Type": "Succeed"}
          }
        }

        """

    static let handler = """
        def handler(event, context):
            return {"greeting": "hello", "input": event}

        """

    /// The baseline's files by path.
    static var files: [String: String] {
        [
            "manifests/function.yaml": function,
            "manifests/iam.yaml": iam,
            "manifests/flow.yaml": flow,
            "flows/hello.asl.json": definition,
            "functions/hello/app.py": handler,
        ]
    }
}
