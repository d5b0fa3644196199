import Cloud
import Foundation
import GRDB
import Synchronization

/// Function records that Invoke decoded before, reused while the store's change stamp of the
/// function is the same.
///
/// Every write to a function row, its versions or aliases stamps the row with the next value of
/// the store's change counter (SQLite triggers, see `ChangeCounting`), whichever process writes.
/// A record is reused only when the row read in the caller's transaction still has the id and
/// stamp it had when the record was decoded, under the same counter epoch (a reset or an import
/// renews the epoch, so restarted stamps never match an old entry). Reading the stamp costs one
/// indexed row of three integers instead of decoding the whole record with its configuration.
final class FunctionRecordCache: Sendable {
    /// The cache of this process (entries name their store by its path).
    static let shared = FunctionRecordCache()
    /// Entries kept at most; past that the cache starts again empty.
    static let capacity = 1024

    private struct Key: Hashable {
        var store: String
        var account: String
        var region: String
        var name: String
    }

    private struct Entry {
        var id: Int64
        var stamp: Int64
        var epoch: Int64
        var record: FunctionRecord
    }

    private let entries = Mutex<[Key: Entry]>([:])

    /// The function `name` of the context's scope as `FunctionRecord.require` answers it, from
    /// the cache when its stamp is unchanged in `context`'s transaction.
    func require(_ name: String, store: String, _ context: CallContext) throws -> FunctionRecord {
        let scope = context.scope
        let key = Key(store: store, account: scope.account, region: scope.region, name: name)
        let statement = try context.db.cachedStatement(sql: """
            SELECT id, changeSeq, COALESCE((SELECT epoch FROM changeCounter WHERE id = 1), 0)
            FROM function WHERE account = ? AND region = ? AND name = ?
            """)
        // Read in place: the cursor resets the statement when it goes, once the row is read.
        let cursor = try Row.fetchCursor(statement, arguments: [scope.account, scope.region, name])
        let stamped = try withExtendedLifetime(cursor) {
            try cursor.next().map { row -> (id: Int64, stamp: Int64, epoch: Int64) in (row[0], row[1], row[2]) }
        }
        guard let (id, stamp, epoch) = stamped else {
            // No such function: the usual lookup answers ResourceNotFound.
            return try FunctionRecord.require(name, context)
        }
        if let entry = entries.withLock({ $0[key] }), entry.id == id, entry.stamp == stamp, entry.epoch == epoch {
            return entry.record
        }
        let record = try FunctionRecord.require(name, context)
        // The record was read in the same transaction as the stamp, so they belong together.
        guard record.id == id else { return record }
        entries.withLock { entries in
            if entries.count >= Self.capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(id: id, stamp: stamp, epoch: epoch, record: record)
        }
        return record
    }
}
