import DesiredState

/// Manifests with wrong types, ranges, names, enums and unknown fields.
enum SchemaCorpus {
    static let base = RepositoryContent()
    static let function = "manifests/function.yaml"

    static let cases: [CorpusCase] = [
        CorpusCase("memoryMB is a string", base.replacing(function, "memoryMB: 256", with: "memoryMB: lots"),
                   ExpectedDiagnostic("schema.type", function, line: 9, column: 13, message: "spec.memoryMB must be an integer, but found the string 'lots'")),
        CorpusCase("memoryMB below the Lambda minimum", base.replacing(function, "memoryMB: 256", with: "memoryMB: 64"),
                   ExpectedDiagnostic("schema.range", function, line: 9, column: 13, message: "spec.memoryMB must be within 128–10240 MB, but is 64")),
        CorpusCase("timeout above 900 seconds", base.replacing(function, "timeoutSeconds: 30", with: "timeoutSeconds: 901"),
                   ExpectedDiagnostic("schema.range", function, line: 10, column: 19, message: "within 1–900 seconds, but is 901")),
        CorpusCase("negative reserved concurrency", base.replacing(function, "  alias: live", with: "  alias: live\n  reservedConcurrency: -1"),
                   ExpectedDiagnostic("schema.range", function, line: 13, column: 24, message: "spec.reservedConcurrency must be within 0–")),
        CorpusCase("unknown field with a suggestion", base.replacing(function, "memoryMB: 256", with: "memorySize: 256"),
                   ExpectedDiagnostic("schema.unknown-field", function, line: 9, column: 3, message: "unknown field 'memorySize' in spec", hint: "did you mean 'memoryMB'?")),
        CorpusCase("misspelt field", base.replacing(function, "handler: app.handler", with: "handlr: app.handler"),
                   ExpectedDiagnostic("schema.unknown-field", function, line: 7, column: 3, message: "unknown field 'handlr'", hint: "did you mean 'handler'?")),
        CorpusCase("missing required field", base.replacing(function, "  runtime: python3.11\n", with: ""),
                   ExpectedDiagnostic("schema.missing-field", function, line: 6, message: "missing required field 'runtime' in spec")),
        CorpusCase("unknown kind", base.replacing(function, "kind: Function", with: "kind: Functon"),
                   ExpectedDiagnostic("schema.unknown-kind", function, line: 2, column: 7, message: "unknown kind 'Functon'", hint: "did you mean 'Function'?")),
        CorpusCase("unsupported apiVersion", base.replacing(function, "apiVersion: plumb.dev/v1", with: "apiVersion: plumb.dev/v2"),
                   ExpectedDiagnostic("schema.api-version", function, line: 1, column: 13, message: "unsupported apiVersion 'plumb.dev/v2'")),
        CorpusCase("function name AWS refuses", base.replacing(function, "name: hello", with: "name: hello world"),
                   ExpectedDiagnostic("schema.name", function, line: 4, column: 9, message: "'hello world' is not a function name: ' ' is not allowed")),
        CorpusCase("function name too long", base.replacing(function, "name: hello", with: "name: " + String(repeating: "f", count: 65)),
                   ExpectedDiagnostic("schema.name", function, line: 4, column: 9, message: "is 65 characters long; a function name has at most 64")),
        CorpusCase("reserved environment variable", base.replacing(function, "GREETING: hello", with: "AWS_REGION: eu-west-1"),
                   ExpectedDiagnostic("schema.env-reserved", function, line: 14, column: 5, message: "'AWS_REGION' is reserved by Lambda")),
        CorpusCase("environment value typed as a boolean by YAML 1.2", base.replacing(function, "GREETING: hello", with: "GREETING: true"),
                   ExpectedDiagnostic("schema.type", function, line: 14, column: 15, message: "must be a string, but found the bool true", hint: "quote the value")),
        CorpusCase("unknown rollout strategy", base.replacing(function, "strategy: AllAtOnce", with: "strategy: Canary10Percent"),
                   ExpectedDiagnostic("schema.strategy", function, line: 16, column: 15, message: "unknown rollout strategy 'Canary10Percent'")),
        CorpusCase("traffic steps that do not increase",
                   base.replacing(function, "strategy: AllAtOnce", with: "strategy:\n      steps: [{weight: 50, pauseSeconds: 60}, {weight: 20}]"),
                   ExpectedDiagnostic("schema.steps-order", function, line: 17, message: "step weights must increase: 20 does not exceed the previous step's 50")),
        CorpusCase("error rate written as a percentage",
                   base.replacing(function, "strategy: AllAtOnce", with: "strategy: AllAtOnce\n    healthGates: {maxErrorRate: 5}"),
                   ExpectedDiagnostic("schema.range", function, line: 17, column: 33, message: "maxErrorRate must be within 0–1", hint: "write 0.05 for 5%")),
        CorpusCase("maintenance day misspelt", base.with("manifests/maintenance.yaml", maintenance(days: "[sundy]", start: "\"02:00\"")),
                   ExpectedDiagnostic("schema.enum", "manifests/maintenance.yaml", line: 7, column: 14, message: "must be one of monday", hint: "did you mean 'sunday'?")),
        CorpusCase("maintenance time out of range", base.with("manifests/maintenance.yaml", maintenance(days: "[sunday]", start: "\"25:00\"")),
                   ExpectedDiagnostic("schema.time", "manifests/maintenance.yaml", line: 8, column: 14, message: "must be a 24-hour time \"HH:MM\", but is '25:00'")),
        CorpusCase("account id not quoted", base.with("environments/prod.yaml", environment(account: "123456789012", region: "us-east-1")),
                   ExpectedDiagnostic("schema.type", "environments/prod.yaml", line: 6, column: 12, message: "spec.account must be a string, but found the integer 123456789012",
                                      hint: "quote the value")),
        CorpusCase("region that does not exist", base.with("environments/prod.yaml", environment(account: "\"123456789012\"", region: "us-east")),
                   ExpectedDiagnostic("schema.region", "environments/prod.yaml", line: 7, column: 11, message: "'us-east' is not an AWS region name")),
        CorpusCase("role session duration out of range",
                   base.replacing("manifests/iam.yaml", "  trust: {service: lambda.amazonaws.com}", with: "  trust: {service: lambda.amazonaws.com}\n  maxSessionDuration: 60"),
                   ExpectedDiagnostic("schema.range", "manifests/iam.yaml", line: 7, column: 23, message: "within 3600–43200 seconds, but is 60")),
    ]

    static func maintenance(days: String, start: String) -> String {
        """
        apiVersion: plumb.dev/v1
        kind: Maintenance
        metadata:
          name: maintenance
        spec:
          freezeWindows:
            - days: \(days)
              start: \(start)
              end: "04:00"

        """
    }

    static func environment(account: String, region: String) -> String {
        """
        apiVersion: plumb.dev/v1
        kind: Environment
        metadata:
          name: prod
        spec:
          account: \(account)
          region: \(region)

        """
    }
}
