import Foundation

/// The files of a new desired-state repository: a small working example of every manifest kind,
/// a Python handler, an ASL definition and a README of the layout. It validates as written.
public enum RepositoryScaffold {
    /// Every file, by path relative to the repository root.
    public static let files: [String: String] = [
        "README.md": readme,
        "manifests/hello-function.yaml": function,
        "manifests/hello-flow.yaml": stateMachine,
        "manifests/iam.yaml": iam,
        "manifests/maintenance.yaml": maintenance,
        "environments/dev.yaml": environment,
        "functions/hello/app.py": handler,
        "state-machines/hello-flow.asl.json": definition,
    ]

    /// Writes the files into `directory` (created when missing); refuses to overwrite a file.
    public static func write(to directory: String) throws {
        let manager = FileManager.default
        for (path, text) in files.sorted(by: { $0.key < $1.key }) {
            let target = (directory as NSString).appendingPathComponent(path)
            if manager.fileExists(atPath: target) {
                throw LoadError(.fileSystem, "\(target) already exists; plumb init only writes into a new or empty folder")
            }
            try manager.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: target))
        }
    }

    static let readme = """
        # Desired state

        This repository holds the desired state of a serverless deployment, reconciled by plumb:
        what is committed here is what plumb makes true in the environment.

        | path | holds |
        |---|---|
        | `manifests/` | the manifests: `Function`, `StateMachine`, `Role`, `Policy`, `Maintenance` (any folder works; this is a convention) |
        | `environments/` | one `Environment` manifest per deployment target: account, region, backup region, patches |
        | `functions/<name>/` | each function's code; the folder's git tree id is the code identity, so a release happens exactly when the code or the manifest changes |
        | `state-machines/` | ASL definitions (JSON, as the Step Functions console exports them); `${Name}` placeholders are filled from the state machine's `substitutions` |

        Check the repository before committing, and preview what would change:

        ```sh
        plumb validate --working-tree          # every problem, with file:line:column
        plumb validate --env dev               # the committed state, as the dev environment sees it
        ```

        References are by name (`role: hello-function`, `function:hello:live`); plumb turns them into
        ARNs of the environment's account and region. The manifest reference is `docs/manifests.md`
        in plumb's repository; `docs/manifest.schema.json` there lets editors check manifests as you type.

        """

    static let function = """
        # A Lambda function. Its code is the folder functions/hello; a new version takes over the
        # alias `live` by a canary, checked against the health gates at every step.
        apiVersion: plumb.dev/v1
        kind: Function
        metadata:
          name: hello
          labels: {app: hello}
        spec:
          description: Greets whoever is named in the event.
          runtime: python3.12
          handler: app.handler
          code: functions/hello
          memoryMB: 128
          timeoutSeconds: 10
          environment:
            GREETING: Hello
          role: hello-function
          alias: live
          keepVersions: 3
          rollout:
            strategy: Canary10Percent5Minutes
            healthGates: {maxErrorRate: 0.01, maxP99LatencyMs: 1000, minInvocations: 10}

        """

    static let stateMachine = """
        # A state machine that calls the function. ${Hello} in the definition becomes the ARN of
        # hello's `live` alias in whichever environment is deployed.
        apiVersion: plumb.dev/v1
        kind: StateMachine
        metadata:
          name: hello-flow
          labels: {app: hello}
        spec:
          type: STANDARD
          definition: state-machines/hello-flow.asl.json
          substitutions:
            Hello: function:hello:live
          role: hello-flow
          alias: live
          rollout:
            strategy: AllAtOnce
            smokeTests:
              - input: {name: plumb}
                expect: SUCCEEDED
                timeoutSeconds: 60
          dependsOn: [hello]

        """

    static let iam = """
        # Execution roles: the function's role trusts Lambda, the state machine's role trusts
        # Step Functions and may invoke the function (through the managed policy invoke-hello).
        apiVersion: plumb.dev/v1
        kind: Role
        metadata:
          name: hello-function
        spec:
          description: Execution role of the hello function.
          trust: {service: lambda.amazonaws.com}
          inline:
            write-logs:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Action: [logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents]
                  Resource: "arn:${partition}:logs:${region}:${account}:log-group:/aws/lambda/hello:*"
        ---
        apiVersion: plumb.dev/v1
        kind: Role
        metadata:
          name: hello-flow
        spec:
          description: Execution role of the hello-flow state machine.
          trust: {service: states.amazonaws.com}
          policies: [invoke-hello]
        ---
        apiVersion: plumb.dev/v1
        kind: Policy
        metadata:
          name: invoke-hello
        spec:
          description: Invoke every version and alias of the hello function.
          document:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: lambda:InvokeFunction
                Resource: "${function:hello:*}"

        """

    static let maintenance = """
        # Deployments are held while a freeze window is open; `mode: paused` holds them all.
        apiVersion: plumb.dev/v1
        kind: Maintenance
        metadata:
          name: maintenance
        spec:
          mode: normal
          freezeWindows:
            - days: [saturday, sunday]
              start: "00:00"
              end: "06:00"
              timezone: UTC
              reason: No releases on weekend nights
          blocked: []

        """

    static let environment = """
        # A deployment target. Select it with --env dev. Patches change a resource's spec in this
        # environment only (RFC 7386 merge patches).
        apiVersion: plumb.dev/v1
        kind: Environment
        metadata:
          name: dev
        spec:
          account: "000000000000"
          region: us-east-1
          backupRegion: us-west-2
          tags: {environment: dev}
          patches:
            - target: {kind: Function, name: hello}
              merge:
                rollout: {strategy: AllAtOnce}

        """

    static let handler = """
        \"\"\"Greets whoever the event names: {"name": "plumb"} -> {"message": "Hello, plumb!"}.\"\"\"
        import os


        def handler(event, context):
            name = event.get("name", "world") if isinstance(event, dict) else "world"
            greeting = os.environ.get("GREETING", "Hello")
            return {"message": f"{greeting}, {name}!"}

        """

    static let definition = """
        {
          "Comment": "Calls the hello function once, retrying Lambda's transient errors.",
          "StartAt": "Greet",
          "States": {
            "Greet": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "${Hello}", "Payload.$": "$"},
              "OutputPath": "$.Payload",
              "Retry": [
                {"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2}
              ],
              "Next": "Done"
            },
            "Done": {"Type": "Succeed"}
          }
        }

        """
}
