import Cloud
import Foundation
import GRDB

/// The simulated cloud's clock, stored in the database so every process agrees on the time.
///
/// - `virtual`: time stands still until something sleeps or advances it; a sleep moves the clock
///   forward at once, so a five-minute canary passes instantly but still in order: sleepers of
///   this process wake one at a time in order of their wake time (`VirtualSleepers`).
/// - `real`: wall-clock time; sleeps really wait.
/// - `scaled`: wall-clock time times `scale` from an anchor; sleeps wait `seconds / scale`.
///
/// Time never moves backwards.
public struct SimClock: CloudClock {
    let store: SimStore

    /// The current mode, scale and time.
    public struct State: Sendable, Hashable, Codable {
        /// How time passes.
        public var mode: ClockMode
        /// Simulated seconds per real second (scaled mode).
        public var scale: Double
        /// The current simulated time.
        public var now: Date
    }

    /// The current simulated time.
    public func now() async throws -> Date {
        try await state().now
    }

    /// The clock's mode, scale and time.
    public func state() async throws -> State {
        try await store.pool.read { db in
            guard let record = try ClockRecord.fetchOne(db, key: 1) else { throw SimError("The clock row is missing from \(store.path).") }
            return record.state(real: Date().timeIntervalSince1970)
        }
    }

    /// Waits `seconds` of simulated time (virtual: the clock moves `seconds` past the time of the
    /// call at once, after the sleepers that wake earlier).
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        let sleepers = virtualSleepers
        let record = try await arrive(sleepers)
        guard record.mode == ClockMode.virtual.rawValue else {
            sleepers.withdraw()
            return try await realWait(record, seconds: seconds)
        }
        try await sleepers.sleep(until: record.virtualTime + seconds)
    }

    /// Waits until simulated time reaches `deadline` (virtual: moves the clock there at once when
    /// it is later, after the sleepers that wake earlier).
    public func sleep(until deadline: Date) async throws {
        let target = deadline.timeIntervalSince1970
        let sleepers = virtualSleepers
        let record = try await arrive(sleepers)
        if record.mode == ClockMode.virtual.rawValue, target > record.virtualTime {
            return try await sleepers.sleep(until: target)
        }
        sleepers.withdraw()
        let remaining = target - record.simulatedNow(real: Date().timeIntervalSince1970)
        if remaining > 0 { try await realWait(record, seconds: remaining) }
    }

    /// Announces a sleeper to `sleepers` and reads the clock row (withdrawing it when the read fails).
    private func arrive(_ sleepers: VirtualSleepers) async throws -> ClockRecord {
        sleepers.arrive()
        do {
            return try await currentRecord()
        } catch {
            sleepers.withdraw()
            throw error
        }
    }

    /// The virtual clock's sleepers of this opening of the store.
    var virtualSleepers: VirtualSleepers { store.virtualSleepers }

    /// The clock row. Read asynchronously: a synchronous read would block a thread of the
    /// cooperative pool while the store's readers wait for that pool (many sleeps at once deadlock).
    func currentRecord() async throws -> ClockRecord {
        try await store.pool.read { db in
            guard let record = try ClockRecord.fetchOne(db, key: 1) else { throw SimError("The clock row is missing from \(store.path).") }
            return record
        }
    }

    /// Moves a virtual or scaled clock forward by `seconds`; answers the new time.
    @discardableResult
    public func advance(by seconds: Double) async throws -> Date {
        guard seconds >= 0, seconds.isFinite else {
            throw SimError("Cannot advance the clock by \(seconds) seconds: time only moves forward. Give a positive duration.")
        }
        return try await modify { record, now in
            switch ClockMode(rawValue: record.mode) ?? .virtual {
            case .virtual: record.virtualTime = now + seconds
            case .scaled: record.anchorSimulated += seconds
            case .real: throw SimError("The clock is real: it cannot be advanced. Switch it with `plumb sim clock mode virtual` or `scaled` first.")
            }
        }
    }

    /// Sets a virtual or scaled clock to `time` (not earlier than now); answers the new time.
    @discardableResult
    public func set(to time: Date) async throws -> Date {
        let target = time.timeIntervalSince1970
        return try await modify { record, now in
            guard target >= now else {
                throw SimError("Cannot set the clock to \(time): it is already \(Date(timeIntervalSince1970: now)) and time only moves forward. Use `plumb sim reset` to start over.")
            }
            switch ClockMode(rawValue: record.mode) ?? .virtual {
            case .virtual: record.virtualTime = target
            case .scaled:
                record.anchorSimulated = target
                record.anchorReal = Date().timeIntervalSince1970
            case .real: throw SimError("The clock is real: it cannot be set. Switch it with `plumb sim clock mode virtual` or `scaled` first.")
            }
        }
    }

    /// Switches the mode, keeping the current simulated time (a real clock jumps to wall time, if later).
    @discardableResult
    public func setMode(_ mode: ClockMode, scale: Double = 1) async throws -> Date {
        guard scale > 0, scale.isFinite else {
            throw SimError("A clock scale must be a positive number (simulated seconds per real second); got \(scale).")
        }
        return try await modify { record, now in
            let real = Date().timeIntervalSince1970
            record.mode = mode.rawValue
            record.scale = scale
            record.virtualTime = now
            record.anchorSimulated = now
            record.anchorReal = real
            if mode == .real, real < now {
                throw SimError("The simulated time \(Date(timeIntervalSince1970: now)) is ahead of wall time; a real clock would move it backwards. Use `scaled` with scale 1 instead.")
            }
        }
    }

    /// Lets `seconds` of simulated time pass in real or scaled mode (a virtual clock does not wait).
    func realDelay(seconds: Double) async throws {
        guard seconds > 0 else { return }
        let record = try await store.pool.read { db in try ClockRecord.fetchOne(db, key: 1) }
        if let record { try await realWait(record, seconds: seconds) }
    }

    private func modify(_ change: @escaping @Sendable (inout ClockRecord, Double) throws -> Void) async throws -> Date {
        try await store.pool.write { db in
            guard var record = try ClockRecord.fetchOne(db, key: 1) else { throw SimError("The clock row is missing from \(store.path).") }
            let now = record.simulatedNow(real: Date().timeIntervalSince1970)
            try change(&record, now)
            try record.update(db)
            return Date(timeIntervalSince1970: record.simulatedNow(real: Date().timeIntervalSince1970))
        }
    }

    private func realWait(_ record: ClockRecord, seconds: Double) async throws {
        switch ClockMode(rawValue: record.mode) ?? .virtual {
        case .virtual: return
        case .real: try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        case .scaled: try await Task.sleep(nanoseconds: UInt64(seconds / max(record.scale, 1e-9) * 1e9))
        }
    }
}

extension ClockRecord {
    /// Moves the virtual clock of the store in `pool` to `target` when that is later (the
    /// waker of `VirtualSleepers`).
    static func advancer(_ pool: DatabasePool, path: String) -> @Sendable (Double) async throws -> Void {
        { target in
            try await pool.write { db in
                guard var record = try ClockRecord.fetchOne(db, key: 1) else { throw SimError("The clock row is missing from \(path).") }
                if record.mode == ClockMode.virtual.rawValue, target > record.virtualTime {
                    record.virtualTime = target
                    try record.update(db)
                }
            }
        }
    }

    /// The public view of the row at wall time `real`.
    func state(real: Double) -> SimClock.State {
        SimClock.State(mode: ClockMode(rawValue: mode) ?? .virtual, scale: scale,
                       now: Date(timeIntervalSince1970: simulatedNow(real: real)))
    }
}
