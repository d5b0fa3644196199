import Foundation

/// The file a running `plumb watch` leaves in each state folder it serves
/// (`<state-dir>/watch.json`), so that `plumb status` and scripts can find its HTTP address.
public struct DaemonAddress: Sendable, Codable, Hashable {
    /// The file's name inside the state folder.
    public static let fileName = "watch.json"

    /// The daemon's process id.
    public var pid: Int32
    /// `127.0.0.1:port`.
    public var address: String
    /// When it started.
    public var startedAt: Date
    /// The controllers it runs for this state folder.
    public var controllers: [String]

    /// Creates the record.
    public init(pid: Int32, address: String, startedAt: Date, controllers: [String]) {
        self.pid = pid
        self.address = address
        self.startedAt = startedAt
        self.controllers = controllers
    }

    /// The file's path for `stateDirectory`.
    public static func path(stateDirectory: String) -> String {
        (stateDirectory as NSString).appendingPathComponent(fileName)
    }

    /// Writes the record atomically into `stateDirectory`.
    public func write(stateDirectory: String) throws {
        try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(self).write(to: URL(fileURLWithPath: DaemonAddress.path(stateDirectory: stateDirectory)), options: .atomic)
    }

    /// The record in `stateDirectory` when its process is still running; nil otherwise.
    public static func read(stateDirectory: String) -> DaemonAddress? {
        guard let data = FileManager.default.contents(atPath: path(stateDirectory: stateDirectory)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        guard let record = try? decoder.decode(DaemonAddress.self, from: data) else { return nil }
        guard kill(record.pid, 0) == 0 || errno == EPERM else { return nil }
        return record
    }

    /// Removes the record from `stateDirectory` if it is this process's.
    public static func remove(stateDirectory: String, pid: Int32 = getpid()) {
        guard let data = FileManager.default.contents(atPath: path(stateDirectory: stateDirectory)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              (object["pid"] as? NSNumber)?.int32Value == pid else { return }
        try? FileManager.default.removeItem(atPath: path(stateDirectory: stateDirectory))
    }

    /// Host and port of `address`.
    public var hostAndPort: (host: String, port: UInt16)? {
        guard let colon = address.lastIndex(of: ":"), let port = UInt16(address[address.index(after: colon)...]) else { return nil }
        return (String(address[..<colon]), port)
    }
}
