import Foundation

/// Asks a running `plumb watch` for its status (for `plumb status` and scripts).
public enum DaemonClient {
    /// The daemon's `/status` for the state folder `stateDirectory`, or nil when no daemon runs
    /// for that folder (no `watch.json`, its process gone, or nothing listening).
    /// - Throws: `LoopbackHTTPClient.Failure` when a daemon answers with something that is not its status.
    public static func status(stateDirectory: String, timeout: Double = 5) async throws -> DaemonStatus? {
        guard let record = DaemonAddress.read(stateDirectory: stateDirectory), let (host, port) = record.hostAndPort else { return nil }
        let response: LoopbackHTTPClient.Response
        do {
            response = try await Blocking.run {
                try LoopbackHTTPClient.send(host: host, port: port, method: "GET", path: "/status", timeout: timeout)
            }
        } catch {
            return nil
        }
        guard response.status == 200 else {
            throw LoopbackHTTPClient.Failure(description: "the daemon at \(record.address) answered /status with HTTP \(response.status): \(response.text)")
        }
        do {
            return try DaemonStatus.decoder.decode(DaemonStatus.self, from: Data(response.body))
        } catch {
            throw LoopbackHTTPClient.Failure(description: "the daemon at \(record.address) sent a status this plumb cannot read: \(error)")
        }
    }

    /// The status of the controller deploying `environment`, if a daemon runs for `stateDirectory`.
    public static func controllerStatus(stateDirectory: String, environment: String, timeout: Double = 5) async throws -> ControllerStatus? {
        try await status(stateDirectory: stateDirectory, timeout: timeout)?.controllers.first { $0.environment == environment }
    }
}
