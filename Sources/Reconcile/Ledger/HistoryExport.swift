import Foundation
import GRDB

/// A portable copy of deployment history: attempts with their steps, as JSON.
public struct HistoryExport: Sendable, Codable, Hashable {
    /// The format name and version.
    public var format: String
    /// When it was written.
    public var exportedAt: Date
    /// The attempts, oldest first.
    public var attempts: [AttemptHistory]

    /// The format written by this plumb.
    public static let currentFormat = "plumb-history/1"

    /// Creates an export.
    public init(exportedAt: Date = Date(), attempts: [AttemptHistory]) {
        self.format = HistoryExport.currentFormat
        self.exportedAt = exportedAt
        self.attempts = attempts
    }

    /// The JSON encoder used for exports (ISO 8601 dates, sorted keys).
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return encoder
    }

    /// Reads an export, naming the file when it is not one.
    public static func decode(_ data: Data, file: String) throws -> HistoryExport {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let export: HistoryExport
        do {
            export = try decoder.decode(HistoryExport.self, from: data)
        } catch {
            throw LedgerError("\(file) is not a plumb history export: \(error). Write one with `plumb history export`.")
        }
        guard export.format == currentFormat else {
            throw LedgerError("\(file) has format '\(export.format)'; this plumb reads '\(currentFormat)'.")
        }
        return export
    }
}

/// How many attempts an import added and skipped.
public struct HistoryImportResult: Sendable, Hashable, Codable {
    /// Attempts added.
    public var imported: Int
    /// Attempts already in the ledger (same uuid), left as they were.
    public var skipped: Int
}

extension LedgerStore {
    /// Adds the attempts of `export` that the ledger does not hold yet (by uuid), with their steps.
    ///
    /// Imported attempts are history only: they do not change an environment's last good
    /// commit, its failed commits or its active region. An imported attempt that never finished
    /// is recorded as finished, so that it is never mistaken for an interrupted local one.
    public func importHistory(_ export: HistoryExport) async throws -> HistoryImportResult {
        try await pool.write { db in
            var result = HistoryImportResult(imported: 0, skipped: 0)
            for entry in export.attempts {
                if try DeploymentAttempt.filter(DeploymentAttempt.Columns.uuid == entry.attempt.uuid).fetchCount(db) > 0 {
                    result.skipped += 1
                    continue
                }
                var attempt = entry.attempt
                attempt.id = nil
                attempt.phase = .finished
                try attempt.insert(db)
                guard let attemptId = attempt.id else { continue }
                for var step in entry.steps {
                    step.id = nil
                    step.attemptId = attemptId
                    try step.insert(db)
                }
                result.imported += 1
            }
            return result
        }
    }
}
