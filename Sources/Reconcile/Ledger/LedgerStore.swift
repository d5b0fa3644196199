import Foundation
import GRDB

/// An error of the ledger itself (a file that cannot be opened, an unknown attempt).
public struct LedgerError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and what to do.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}

/// The ledger: every deployment attempt with its journaled steps, per-environment state, failed
/// commits and environment locks, in one SQLite file (WAL) under the state folder.
///
/// Writes are single transactions, so a process killed at any point leaves the file as it was
/// after the last completed write; several processes may open it at once.
public final class LedgerStore: Sendable {
    /// The database.
    let pool: DatabasePool
    /// The SQLite file.
    public let path: String

    /// The ledger file's name inside the state folder.
    public static let fileName = "ledger.sqlite"

    /// Opens (creating when missing) the ledger of `stateDirectory`.
    public convenience init(stateDirectory: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: stateDirectory, withIntermediateDirectories: true)
        } catch {
            throw LedgerError("Could not create the state folder \(stateDirectory): \(error.localizedDescription). Choose a writable --state-dir.")
        }
        try self.init(path: (stateDirectory as NSString).appendingPathComponent(LedgerStore.fileName))
    }

    /// Opens (creating when missing) the ledger at `path` and migrates it.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "plumb.ledger"
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync: a killed process loses nothing committed.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw LedgerError("Could not open the ledger at \(path): \(error). Check that the --state-dir folder is writable.")
        }
        let migrator = LedgerMigrations.migrator
        if try pool.read({ db in try migrator.hasBeenSuperseded(db) }) {
            throw LedgerError("The ledger at \(path) was written by a newer plumb (its schema has migrations this plumb does not know). Use that plumb.")
        }
        try migrator.migrate(pool)
        self.pool = pool
        self.path = path
    }
}
