import Cloud
import Foundation
import GRDB
import Synchronization

/// The simulated cloud's SQLite file: a WAL-mode `DatabasePool`, migrated when opened.
///
/// Every API call is one write transaction (`BEGIN IMMEDIATE`), so a process killed in the
/// middle of a call leaves the file as it was before the call, and several processes can use
/// one store at once (SQLite serializes the writers; a busy writer is waited for).
final class SimStore: Sendable {
    /// The database.
    let pool: DatabasePool
    /// The SQLite file's path.
    let path: String
    /// Tasks sleeping on the virtual clock, woken in order of their wake time.
    let virtualSleepers: VirtualSleepers
    /// Read-only connections of their own for the read every Invoke makes (see `HotReaders`).
    let hotReaders: HotReaders

    /// Opens (creating when missing) the store at `path` and migrates it to the current schema.
    ///
    /// - Parameter initialSettings: settings for a store that does not exist yet.
    init(path: String, initialSettings: SimSettings) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(60)
        configuration.label = "plumb.sim"
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync: a killed process loses nothing committed; only power loss
            // may drop the latest transactions (never corrupting the file).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw SimError("Could not open the simulated cloud at \(path): \(error). Check the --state-dir folder exists and is writable.")
        }
        let migrator = SimMigrations.migrator
        let superseded = try pool.read { db in try migrator.hasBeenSuperseded(db) }
        if superseded {
            throw SimError("The simulated cloud at \(path) was written by a newer plumb (its schema has migrations this plumb does not know). Use that plumb, or `plumb sim reset` to start over.")
        }
        try migrator.migrate(pool)
        try pool.write { db in
            if try SettingsRecord.fetchOne(db, key: 1) == nil {
                try SettingsRecord(seed: Int64(bitPattern: initialSettings.seed), randomCounter: 0,
                                   rateLimitsEnabled: initialSettings.rateLimitsEnabled,
                                   settleSeconds: initialSettings.settleSeconds).insert(db)
            }
            if try ClockRecord.fetchOne(db, key: 1) == nil {
                let start = initialSettings.clockStart.timeIntervalSince1970
                try ClockRecord(mode: initialSettings.clockMode.rawValue, virtualTime: start, anchorSimulated: start,
                                anchorReal: Date().timeIntervalSince1970, scale: initialSettings.clockScale).insert(db)
            }
        }
        self.pool = pool
        self.path = path
        self.hotReaders = HotReaders(path: path, configuration: configuration, count: 2)
        self.virtualSleepers = VirtualSleepers(advance: ClockRecord.advancer(pool, path: path))
    }
}

/// Read-only connections to the store for the short read transaction of every Invoke
/// (`SimCloud.readNow`), each behind a lock that is only tried: a free one is used at once, and
/// when all are busy the caller uses the pool's readers instead.
///
/// The pool hands out a reader through a barrier queue, a semaphore, a group and a lock, and
/// checks the schema version in a read transaction of its own before each use; on this path,
/// run for every task of every execution, that cost about as much as the reads themselves.
/// These connections skip it: Invoke's read runs plain SQL, whose prepared statements SQLite
/// itself recompiles when another process changes the schema, and needs no schema cache.
final class HotReaders: Sendable {
    private let path: String
    private let configuration: Configuration
    private let count: Int
    /// The connections, opened on first use (most commands never invoke).
    private let opened = Mutex<[(lock: NSLock, queue: DatabaseQueue)]?>(nil)

    /// Up to `count` connections to the WAL database at `path`, opened when first needed (none
    /// when they cannot be opened: the pool then serves every read).
    init(path: String, configuration: Configuration, count: Int) {
        var configuration = configuration
        configuration.readonly = true
        configuration.label = "plumb.sim.hot-reader"
        self.path = path
        self.configuration = configuration
        self.count = count
    }

    /// Runs `body` on a free connection, or answers nil when all are busy.
    func withFreeReader<T>(_ body: (Database) throws -> T) throws -> T? {
        let readers = opened.withLock { readers in
            if let readers { return readers }
            let made = (0..<count).compactMap { _ in
                (try? DatabaseQueue(path: path, configuration: configuration)).map { (lock: NSLock(), queue: $0) }
            }
            readers = made
            return made
        }
        for reader in readers where reader.lock.try() {
            defer { reader.lock.unlock() }
            return try reader.queue.inDatabase(body)
        }
        return nil
    }
}

/// An error of the simulator itself (not an AWS API answer): a store that cannot be opened,
/// a bad command-line value. The message says what to do.
public struct SimError: Error, Sendable, CustomStringConvertible {
    /// What went wrong and what to do.
    public var message: String
    /// Creates the error.
    public init(_ message: String) { self.message = message }
    /// The message.
    public var description: String { message }
}
