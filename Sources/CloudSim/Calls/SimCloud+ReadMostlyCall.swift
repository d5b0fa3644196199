import Cloud
import Foundation
import GRDB

extension SimCloud {
    /// Runs a call that writes only in rare cases in a read transaction on one of the store's
    /// readers, so that it neither waits for nor holds up the store's single writer.
    ///
    /// Invoke's planning is such a call: it writes only to record a throttle, spend a fault or
    /// advance the random sequence. When the store has faults or (for a gated call) rate limits
    /// on, or the call drew a random number or tried to write, nothing of the attempt is kept and
    /// the call runs again as `call` does (one write transaction), so the outcome is the same
    /// either way.
    func readMostlyCall<T: Sendable>(_ operation: SimOperation, in scope: CloudScope, gated: Bool = true,
                                     _ body: @escaping @Sendable (inout CallContext) throws -> T) async throws -> T {
        let attempt: Result<T, CloudError>?
        do {
            attempt = try readNow { db -> Result<T, CloudError>? in
                var context = try CallContext(db: db, scope: scope)
                if gated && context.settings.rateLimitsEnabled { return nil }
                if !context.hasNoFaults { return nil }
                let result: Result<T, CloudError>
                do {
                    result = .success(try body(&context))
                } catch let error as CloudError {
                    result = .failure(error)
                }
                return context.hasDrawn ? nil : result
            }
        } catch {
            // The read-only connection refused a write (or the read failed): run it as a write.
            attempt = nil
        }
        if let attempt { return try attempt.get() }
        return try await call(operation, in: scope, gated: gated, body)
    }

    /// Runs `body` in a read transaction on the calling thread (a reader is seldom busy; it never
    /// waits for the writer).
    ///
    /// The transaction is opened and closed with statements the reader keeps prepared: this runs
    /// on every Invoke, and compiling `BEGIN` and `COMMIT` again each time was about a tenth of
    /// its cost.
    ///
    /// A free connection of the store's own `HotReaders` is used when there is one, else one of
    /// the pool's readers.
    private func readNow<T>(_ body: (Database) throws -> T) throws -> T {
        let transaction = { (db: Database) throws -> T in
            try db.cachedStatement(sql: "BEGIN DEFERRED TRANSACTION").execute()
            do {
                let value = try body(db)
                try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
                return value
            } catch {
                if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK TRANSACTION") }
                throw error
            }
        }
        if let value = try store.hotReaders.withFreeReader(transaction) { return value }
        return try store.pool.unsafeRead(transaction)
    }
}
