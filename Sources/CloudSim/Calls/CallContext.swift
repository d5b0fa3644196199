import Cloud
import Foundation
import GRDB

/// Everything one API call needs inside its transaction: the database, the caller's scope,
/// the simulated time the call happens at and the store's deterministic random numbers.
struct CallContext {
    /// The open transaction.
    let db: Database
    /// The account and region of the caller.
    let scope: CloudScope
    /// Simulated time of the call, seconds since 1970.
    let now: Double
    /// The store's settings (the random counter advances as the call draws).
    private(set) var settings: SettingsRecord
    private var drawn: Int64 = 0
    /// Whether the store held no faults when the call's transaction began, so the call need
    /// not read them.
    let hasNoFaults: Bool

    /// Both rows every call reads, in one statement (each Invoke is a call).
    private static let settingsAndClock = """
        SELECT s.id, s.seed, s.randomCounter, s.rateLimitsEnabled, s.settleSeconds,
               c.mode, c.virtualTime, c.anchorSimulated, c.anchorReal, c.scale,
               NOT EXISTS (SELECT 1 FROM fault) AS hasNoFaults
        FROM settings s LEFT JOIN clock c ON c.id = 1 WHERE s.id = 1
        """

    /// Reads the settings, the clock and whether there are faults inside `db`'s transaction (the
    /// settings row is created with defaults when missing; without a clock row the time is the
    /// real time).
    init(db: Database, scope: CloudScope) throws {
        self.db = db
        self.scope = scope
        let real = Date().timeIntervalSince1970
        // Read in place (no copy of the row) and by column position (a name is looked up
        // case-insensitively each time): this runs on every call.
        // The cursor resets the statement when it goes, so it is kept until the row is read.
        let cursor = try Row.fetchCursor(db.cachedStatement(sql: Self.settingsAndClock))
        defer { withExtendedLifetime(cursor) {} }
        if let row = try cursor.next() {
            settings = SettingsRecord(id: row[0], seed: row[1], randomCounter: row[2], rateLimitsEnabled: row[3], settleSeconds: row[4])
            let mode: String? = row[5]
            if let mode {
                now = ClockRecord(mode: mode, virtualTime: row[6], anchorSimulated: row[7], anchorReal: row[8], scale: row[9])
                    .simulatedNow(real: real)
            } else {
                now = real
            }
            hasNoFaults = row[10]
        } else {
            settings = try SettingsRecord.current(db)
            now = try ClockRecord.cachedOne(db, "SELECT * FROM clock WHERE id = 1")?.simulatedNow(real: real) ?? real
            hasNoFaults = try !(Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM fault)")) ?? true)
        }
    }

    /// Whether the call drew from the store's random sequence (its counter must be saved).
    var hasDrawn: Bool { drawn > 0 }

    /// The call's time as a `Date`.
    var date: Date { Date(timeIntervalSince1970: now) }

    /// The next 64-bit random number of the store's sequence.
    mutating func random() -> UInt64 {
        let value = SimRandom.value(seed: UInt64(bitPattern: settings.seed), index: UInt64(bitPattern: settings.randomCounter))
        settings.randomCounter += 1
        drawn += 1
        return value
    }

    /// A random number in [0, 1).
    mutating func randomUnit() -> Double { SimRandom.unit(random()) }

    /// A new revision id (UUID-formatted).
    mutating func newRevisionId() -> String { SimRandom.uuid(random(), random()) }

    /// A new IAM unique id with `prefix` (`AROA`, `ANPA`) and 17 characters.
    mutating func newIAMId(prefix: String) -> String {
        prefix + SimRandom.base32([random(), random()], count: 17)
    }

    /// Saves what the call changed in the settings row (the random counter).
    func finish() throws {
        if drawn > 0 {
            try db.executeCached("UPDATE settings SET randomCounter = ? WHERE id = 1", [settings.randomCounter])
        }
    }
}

extension ClockRecord {
    /// Simulated seconds since 1970 given the wall time `real`.
    func simulatedNow(real: Double) -> Double {
        switch ClockMode(rawValue: mode) ?? .virtual {
        case .virtual: return virtualTime
        case .real: return real
        case .scaled: return anchorSimulated + (real - anchorReal) * scale
        }
    }
}
