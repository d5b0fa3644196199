#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Who holds an environment's lock.
public struct LockHolder: Sendable, Codable, Hashable, CustomStringConvertible {
    /// The holder's process id.
    public var pid: Int32
    /// When the process started (clock ticks since boot, Linux), to tell a reused pid from the holder.
    public var processStart: Int64?
    /// The holder's host.
    public var host: String
    /// When it took the lock.
    public var since: Date
    /// The commit it is applying.
    public var commit: String?

    /// `pid 123 on host since 2026-01-01T00:00:00Z applying commit abc1234`.
    public var description: String {
        let when = ISO8601DateFormatter().string(from: since)
        let what = commit.map { " applying commit \($0.prefix(7))" } ?? ""
        return "pid \(pid) on \(host) since \(when)\(what)"
    }
}

/// A lock taken: give it back with `release`.
public struct LockLease: Sendable, Hashable {
    /// The environment locked.
    public var environment: String
    /// A token unique to this lease.
    public var token: String
}

/// Thrown when another live applier holds the environment's lock.
public struct LockHeldError: Error, Sendable, CustomStringConvertible {
    /// The environment.
    public var environment: String
    /// The holder.
    public var holder: LockHolder
    /// Whether the caller waited before giving up.
    public var waited: Bool

    /// Names the holder and what to do.
    public var description: String {
        // Lock keys of accounts (see `Deployer`) read as they are; environments by their name.
        let subject = environment.hasPrefix("account ") ? "AWS \(environment)" : "environment '\(environment)'"
        return waited
            ? "Gave up waiting for \(subject): it is still locked by \(holder). Try again later."
            : "\(subject.prefix(1).uppercased() + subject.dropFirst()) is locked by \(holder). Wait for it to finish, or pass --wait-for-lock to wait."
    }
}

/// One applier per environment: a lock naming its holder, taken over when the holder's process is gone.
///
/// Kept behind a protocol so advisory locks of a shared database can take SQLite's place.
public protocol EnvironmentLock: Sendable {
    /// Takes the lock of `environment`; when held by a live process, fails at once, or waits up to
    /// `waitSeconds` (polling) when given.
    func acquire(environment: String, commit: String?, waitSeconds: Double?) async throws -> LockLease
    /// Gives the lock back (nothing happens when it was taken over meanwhile).
    func release(_ lease: LockLease) async throws
    /// The current holder, nil when free.
    func holder(environment: String) async throws -> LockHolder?
}

/// Whether a process is alive: on this host, by signal 0 and its start time; elsewhere, assumed alive.
public enum ProcessLiveness {
    /// Whether `holder`'s process still runs.
    public static func isAlive(_ holder: LockHolder) -> Bool {
        guard holder.host == ProcessIdentity.host else { return true }
        if kill(holder.pid, 0) != 0 && errno == ESRCH { return false }
        if let recorded = holder.processStart, let current = startTime(of: holder.pid), recorded != current { return false }
        return true
    }

    /// The start time of `pid` in clock ticks since boot (field 22 of `/proc/PID/stat`), nil when unknown.
    public static func startTime(of pid: Int32) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may hold spaces) start at field 3.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19 else { return nil }
        return Int64(fields[19])
    }
}
