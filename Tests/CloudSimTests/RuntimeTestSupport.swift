#if canImport(Glibc)
import Glibc
#endif
import CloudSim
import Foundation
import Testing

/// A temp folder with function code and a runtime of its own, torn down after the test body.
struct RuntimeFixture {
    static let functionArn = "arn:aws:lambda:us-east-1:000000000000:function:demo"

    let root: String
    let codeDirectory: String
    let runtime: FunctionRuntime

    /// Runs `body` with a runtime whose code folder holds `files` (path → Python source).
    static func with<T>(
        files: [String: String],
        maxWorkersPerVersion: Int = 4,
        initTimeoutSeconds: Double = 10,
        idleTimeoutSeconds: Double = 600,
        _ body: (RuntimeFixture) async throws -> T
    ) async throws -> T {
        let root = NSTemporaryDirectory() + "plumb-runtime-test-\(UUID().uuidString)"
        let code = root + "/code"
        for (path, source) in files {
            let file = code + "/" + path
            try FileManager.default.createDirectory(
                atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try source.write(toFile: file, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: code, withIntermediateDirectories: true)
        let configuration = RuntimeConfiguration(
            cacheDirectory: root + "/cache", maxWorkersPerVersion: maxWorkersPerVersion,
            initTimeoutSeconds: initTimeoutSeconds, idleTimeoutSeconds: idleTimeoutSeconds)
        let fixture = RuntimeFixture(root: root, codeDirectory: code, runtime: FunctionRuntime(configuration: configuration))
        defer { try? FileManager.default.removeItem(atPath: root) }
        do {
            let result = try await body(fixture)
            await fixture.runtime.shutdown()
            return result
        } catch {
            await fixture.runtime.shutdown()
            throw error
        }
    }

    /// A request for `handler` of version `version` with `payload` as JSON text.
    func request(
        _ handler: String, payload: String = "{}", version: String = "$LATEST",
        timeoutSeconds: Double = 10, memoryMB: Int = 128, environment: [String: String] = [:],
        runtime: String = "python3.11"
    ) -> InvocationRequest {
        InvocationRequest(
            function: FunctionVersionID(functionArn: RuntimeFixture.functionArn, version: version),
            codeDirectory: codeDirectory, runtime: runtime, handler: handler,
            environment: environment, timeoutSeconds: timeoutSeconds, memoryMB: memoryMB,
            payload: Data(payload.utf8))
    }
}

/// The payload of a successful result, decoded as a JSON object or value.
func successValue(_ result: InvocationResult) throws -> Any {
    guard case .success(let payload) = result.status else {
        Issue.record("expected success, got \(result.status) with log:\n\(result.logTail)")
        throw RuntimeTestFailure.unexpectedStatus
    }
    return try JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])
}

/// The payload of a successful result as a JSON object.
func successObject(_ result: InvocationResult) throws -> [String: Any] {
    try #require(try successValue(result) as? [String: Any])
}

enum RuntimeTestFailure: Error {
    case unexpectedStatus
}

/// Whether `pid` no longer runs: gone, or a zombie nobody reaped (orphans here may be
/// re-parented to an init that does not reap).
func processIsGone(_ pid: Int32) -> Bool {
    if kill(pid, 0) != 0 && errno == ESRCH { return true }
    guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
          let close = stat.lastIndex(of: ")") else { return true }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    return fields.first == "Z" || fields.first == "X"
}

/// Polls `condition` every 20 ms for at most `seconds`; whether it became true.
func eventually(within seconds: Double, _ condition: () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return await condition()
}
