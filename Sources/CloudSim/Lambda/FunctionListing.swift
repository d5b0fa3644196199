import Cloud
import Foundation
import GRDB

/// ListFunctions' store query: every function of a region with `$LATEST`'s configuration read
/// field by field by SQLite's JSON functions, instead of decoding each row's configuration
/// JSON in Swift (the listing of a region with 10,000 functions spent most of its time there).
/// Columns are read by position (the query names them in this order).
enum FunctionListing {
    /// `$LATEST` of every function in `scope`, by name, as seen at `now`.
    static func latest(_ db: Database, scope: CloudScope, now: Double) throws -> [FunctionConfiguration] {
        let environments = try self.environments(db, scope: scope)
        var architectures: [String: [String]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, name, codeId, revisionId, createdAt, lastModified, settleUntil, settlingFrom, lastVersion, reservedConcurrency,
                   json_extract(configuration, '$.runtime'), json_extract(configuration, '$.role'),
                   json_extract(configuration, '$.handler'), json_extract(configuration, '$.description'),
                   json_extract(configuration, '$.timeout'), json_extract(configuration, '$.memorySize'),
                   json_extract(configuration, '$.architectures'), json_extract(configuration, '$.ephemeralStorageSize'),
                   json_extract(configuration, '$.codeId'), json_extract(configuration, '$.codeSha256'),
                   json_extract(configuration, '$.codeSize')
            FROM function WHERE account = ? AND region = ? ORDER BY name
            """, arguments: [scope.account, scope.region])
        var result: [FunctionConfiguration] = []
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let architecturesText: String = row[16]
            let architecture: [String]
            if let known = architectures[architecturesText] {
                architecture = known
            } else {
                architecture = try JSONDecoder().decode([String].self, from: Data(architecturesText.utf8))
                architectures[architecturesText] = architecture
            }
            let config = StoredFunctionConfig(
                runtime: row[10], role: row[11], handler: row[12], description: row[13], timeout: row[14], memorySize: row[15],
                environment: environments[id] ?? [:], architectures: architecture, ephemeralStorageSize: row[17],
                codeId: row[18], codeSha256: row[19], codeSize: row[20])
            let settling: String? = row[7]
            let record = FunctionRecord(
                id: id, account: scope.account, region: scope.region, name: row[1], configuration: config,
                codeId: row[2], revisionId: row[3], createdAt: row[4], lastModified: row[5], settleUntil: row[6],
                settlingFrom: try settling.map(StoredConfigCodec.decode), lastVersion: row[8], reservedConcurrency: row[9])
            result.append(record.latestView(scope, now: now))
        }
        return result
    }

    /// `$LATEST`'s environment variables of every function in `scope`, by function id (SQLite
    /// answers one function's variables together).
    static func environments(_ db: Database, scope: CloudScope) throws -> [Int64: [String: String]] {
        var result: [Int64: [String: String]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT function.id, variable.key, variable.value
            FROM function, json_each(function.configuration, '$.environment') AS variable
            WHERE function.account = ? AND function.region = ?
            """, arguments: [scope.account, scope.region])
        var current: Int64?
        var variables: [String: String] = [:]
        while let row = try rows.next() {
            let id: Int64 = row[0]
            if id != current {
                if let current { result[current, default: [:]].merge(variables) { $1 } }
                current = id
                variables = [:]
            }
            variables[row[1]] = row[2] as String
        }
        if let current { result[current, default: [:]].merge(variables) { $1 } }
        return result
    }
}
