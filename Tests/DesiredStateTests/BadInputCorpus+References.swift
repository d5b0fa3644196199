import DesiredState

/// References to missing resources, duplicates, cycles, files outside the repository.
enum ReferenceCorpus {
    static let base = RepositoryContent()
    static let function = "manifests/function.yaml"
    static let flow = "manifests/flow.yaml"

    static let second = """
        apiVersion: plumb.dev/v1
        kind: Function
        metadata:
          name: goodbye
        spec:
          runtime: python3.11
          handler: app.handler
          code: functions/hello
          role: hello-exec
          dependsOn: [hello]

        """

    static let cases: [CorpusCase] = [
        CorpusCase("role that does not exist", base.replacing(function, "role: hello-exec", with: "role: hello-exe"),
                   ExpectedDiagnostic("ref.unknown", function, line: 11, column: 9, message: "spec.role names Role 'hello-exe', which does not exist",
                                      hint: "did you mean 'hello-exec'?")),
        CorpusCase("duplicate kind and name in two files", base.with("manifests/copy.yaml", Baseline.function),
                   ExpectedDiagnostic("ref.duplicate", "manifests/function.yaml", line: 4, column: 9,
                                      message: "Function/hello is defined twice: here and at manifests/copy.yaml:4:9")),
        CorpusCase("dependsOn cycle", base.with("manifests/second.yaml", second)
                    .replacing(function, "  alias: live", with: "  alias: live\n  dependsOn: [goodbye]"),
                   ExpectedDiagnostic("ref.cycle", "manifests/second.yaml", line: 10, column: 15,
                                      message: "dependency cycle: Function/goodbye -> Function/hello -> Function/goodbye")),
        CorpusCase("dependsOn itself", base.replacing(function, "  alias: live", with: "  alias: live\n  dependsOn: [hello]"),
                   ExpectedDiagnostic("ref.cycle", function, line: 13, column: 15, message: "Function/hello depends on itself")),
        CorpusCase("dependsOn a resource that does not exist", base.replacing(function, "  alias: live", with: "  alias: live\n  dependsOn: [helo-flow]"),
                   ExpectedDiagnostic("ref.unknown", function, line: 13, column: 15, message: "names 'helo-flow', which is not a resource", hint: "did you mean 'hello-flow'?")),
        CorpusCase("managed policy that does not exist", base.replacing("manifests/iam.yaml", "policies: [invoke-hello]", with: "policies: [invoke-hallo]"),
                   ExpectedDiagnostic("ref.unknown", "manifests/iam.yaml", line: 14, column: 14, message: "names Policy 'invoke-hallo', which does not exist",
                                      hint: "did you mean 'invoke-hello'?")),
        CorpusCase("pre-traffic hook that does not exist",
                   base.replacing(function, "strategy: AllAtOnce", with: "strategy: AllAtOnce\n    preTraffic: {invoke: smoke-test}"),
                   ExpectedDiagnostic("ref.unknown", function, line: 17, column: 26, message: "names Function 'smoke-test', which does not exist")),
        CorpusCase("policy resource naming a missing function",
                   base.replacing("manifests/iam.yaml", "${function:hello:*}", with: "${function:helo:*}"),
                   ExpectedDiagnostic("ref.unknown", "manifests/iam.yaml", line: 26, column: 19, message: "names Function 'helo', which does not exist")),
        CorpusCase("reference kind misspelt", base.replacing("manifests/iam.yaml", "${function:hello:*}", with: "${funtion:hello:*}"),
                   ExpectedDiagnostic("ref.syntax", "manifests/iam.yaml", line: 26, column: 19, message: "unknown reference kind 'funtion'", hint: "did you mean 'function'?")),
        CorpusCase("substitution naming a missing function", base.replacing(flow, "Hello: function:hello:live", with: "Hello: function:bye:live"),
                   ExpectedDiagnostic("ref.unknown", flow, line: 8, column: 12, message: "names Function 'bye', which does not exist")),
        CorpusCase("substitution naming an alias the function does not have", base.replacing(flow, "Hello: function:hello:live", with: "Hello: function:hello:blue"),
                   ExpectedDiagnostic("ref.unknown-alias", flow, line: 8, column: 12, message: "Function 'hello' has no alias 'blue'", hint: "its alias is 'live'")),
        CorpusCase("patch targeting a missing resource", base.with("environments/prod.yaml", patchEnvironment),
                   ExpectedDiagnostic("ref.patch-target", "environments/prod.yaml", line: 9, column: 7, message: "the patch targets Function/helo, which does not exist",
                                      hint: "did you mean 'hello'?")),
        CorpusCase("patch that breaks the target", base.with("environments/prod.yaml", patchEnvironment.replacingOccurrences(of: "name: helo", with: "name: hello")),
                   ExpectedDiagnostic("schema.range", "environments/prod.yaml", line: 10, column: 25, message: "spec.memoryMB must be within 128–10240 MB, but is 20000"),
                   environment: "prod"),
        CorpusCase("code path escaping the repository", base.replacing(function, "code: functions/hello", with: "code: ../outside/hello"),
                   ExpectedDiagnostic("load.path-escapes", function, line: 8, column: 9, message: "leaves the repository")),
        CorpusCase("code path missing", base.replacing(function, "code: functions/hello", with: "code: functions/hallo"),
                   ExpectedDiagnostic("load.code-missing", function, line: 8, column: 9, message: "the code folder 'functions/hallo' does not exist")),
        CorpusCase("code path is a symlink", linkedCode,
                   ExpectedDiagnostic("load.code-symlink", function, line: 8, column: 9, message: "symbolic link")),
        CorpusCase("code path is a file", base.replacing(function, "code: functions/hello", with: "code: functions/hello/app.py"),
                   ExpectedDiagnostic("load.code-not-folder", function, line: 8, column: 9, message: "is a file, not a folder")),
        CorpusCase("definition file missing", base.replacing(flow, "definition: flows/hello.asl.json", with: "definition: flows/helo.asl.json"),
                   ExpectedDiagnostic("load.missing-file", flow, line: 6, column: 15, message: "the definition 'flows/helo.asl.json' does not exist")),
        CorpusCase("unknown environment", base,
                   ExpectedDiagnostic("ref.unknown-environment", "", line: 0, message: "there is no environment named 'staging'"), environment: "staging"),
    ]

    static let patchEnvironment = """
        apiVersion: plumb.dev/v1
        kind: Environment
        metadata:
          name: prod
        spec:
          account: "123456789012"
          region: eu-west-1
          patches:
            - target: {kind: Function, name: helo}
              merge: {memoryMB: 20000}

        """

    static let linkedCode: RepositoryContent = {
        var content = base.replacing(function, "code: functions/hello", with: "code: functions/linked")
        content.symlinks["functions/linked"] = "hello"
        return content
    }()
}
