import Cloud
import Foundation
import GRDB

/// ListFunctions' store query: every function of a region with `$LATEST`'s configuration read
/// by `StoredConfigScanner` straight from SQLite's copy of the stored JSON (no per-field JSON
/// calls in SQLite, no Foundation decoding; a text the scanner does not read goes through
/// `StoredConfigCodec`). Columns are read by position (the query names them in this order).
enum FunctionListing {
    /// `$LATEST` of every function in `scope`, by name, as seen at `now`.
    static func latest(_ db: Database, scope: CloudScope, now: Double) throws -> [FunctionConfiguration] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, codeId, revisionId, createdAt, lastModified, settleUntil, settlingFrom, lastVersion, reservedConcurrency,
                   configuration
            FROM function WHERE account = ? AND region = ? ORDER BY name
            """, arguments: [scope.account, scope.region])
        var result: [FunctionConfiguration] = []
        while let row = try rows.next() {
            let scanned = try row.withUnsafeData(atIndex: 10) { data in
                data.flatMap { $0.withUnsafeBytes(StoredConfigScanner.scan) }
            }
            let config = try scanned ?? StoredConfigCodec.decode(row[10])
            let settling: String? = row[7]
            let record = FunctionRecord(
                id: row[0], account: scope.account, region: scope.region, name: row[1], configuration: config,
                codeId: row[2], revisionId: row[3], createdAt: row[4], lastModified: row[5], settleUntil: row[6],
                settlingFrom: try settling.map(StoredConfigCodec.decode), lastVersion: row[8], reservedConcurrency: row[9])
            result.append(record.latestView(scope, now: now))
        }
        return result
    }
}
