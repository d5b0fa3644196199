import Foundation

/// The parts of a function ARN the runtime needs, and the environment Lambda gives a function.
struct LambdaEnvironment: Sendable {
    /// `arn:<partition>:lambda:<region>:<account>:function:<name>`, qualifier ignored.
    var region: String
    var account: String
    var functionName: String

    /// Parses the unqualified (or qualified) function ARN of `function`.
    init(_ function: FunctionVersionID) throws {
        let parts = function.functionArn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 7, parts[0] == "arn", parts[2] == "lambda", parts[5] == "function",
              !parts[3].isEmpty, !parts[6].isEmpty else {
            throw FunctionRuntimeError(.invalidRequest,
                "'\(function.functionArn)' is not a function ARN: expected arn:aws:lambda:<region>:<account>:function:<name>")
        }
        region = String(parts[3])
        account = String(parts[4])
        functionName = String(parts[6])
    }

    /// The CloudWatch log group Lambda writes the function's logs to.
    var logGroupName: String { "/aws/lambda/\(functionName)" }

    /// A log stream name for a new execution environment: `YYYY/MM/DD/[<version>]<32 hex>`.
    static func newLogStreamName(version: String, now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let day = calendar.dateComponents([.year, .month, .day], from: now)
        let date = String(format: "%04d/%02d/%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
        let id = UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        return "\(date)/[\(version)]\(id)"
    }

    /// The worker's whole environment: the function's variables, then Lambda's reserved ones
    /// (which win, as Lambda refuses to let a function set them), then runtime-private ones.
    func variables(
        for request: InvocationRequest, logStreamName: String, runtimeDirectory: String
    ) -> [String: String] {
        var env = request.environment
        let reserved: [String: String] = [
            "AWS_REGION": region,
            "AWS_DEFAULT_REGION": region,
            "AWS_EXECUTION_ENV": "AWS_Lambda_\(request.runtime)",
            "AWS_LAMBDA_FUNCTION_NAME": functionName,
            "AWS_LAMBDA_FUNCTION_VERSION": request.function.version,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": String(request.memoryMB),
            "AWS_LAMBDA_LOG_GROUP_NAME": logGroupName,
            "AWS_LAMBDA_LOG_STREAM_NAME": logStreamName,
            "AWS_LAMBDA_INITIALIZATION_TYPE": "on-demand",
            "_HANDLER": request.handler,
            "LAMBDA_TASK_ROOT": request.codeDirectory,
            "LAMBDA_RUNTIME_DIR": runtimeDirectory,
            "LANG": "en_US.UTF-8",
            "TZ": ":UTC",
            "PATH": "/usr/local/bin:/usr/bin/:/bin:/opt/bin",
            "PYTHONIOENCODING": "utf-8",
        ]
        env.merge(reserved) { _, reservedValue in reservedValue }
        // Read by glibc at start-up so extra threads do not reserve 64 MiB of address space
        // each under the memory cap; the bootstrap removes it before loading the handler.
        env["MALLOC_ARENA_MAX"] = "1"
        return env
    }
}
