import Foundation
import PlumbTesting
@testable import Reconcile
import Testing

/// History export and import, and retention.
struct LedgerHistoryTests {
    @Test func history_exportedAndImported_carriesAttemptsAndStepsOnce() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(path: folder.appending("a.sqlite"))
        let id = try #require(try await ledger.begin(LedgerJournalTests.attempt("c1")).id)
        let step = try await ledger.writeIntent(attemptId: id, phase: .rollout, resource: "Function/a", operation: "lambda:UpdateAlias", summary: "shift")
        try await ledger.markDone(stepId: try #require(step.id))
        try await ledger.finish(attemptId: id, outcome: .succeeded, error: nil)

        let export = HistoryExport(attempts: try await ledger.history(environment: "prod"))
        let data = try HistoryExport.encoder.encode(export)
        let other = try LedgerStore(path: folder.appending("b.sqlite"))
        let decoded = try HistoryExport.decode(data, file: "history.json")
        #expect(try await other.importHistory(decoded) == HistoryImportResult(imported: 1, skipped: 0))
        #expect(try await other.importHistory(decoded) == HistoryImportResult(imported: 0, skipped: 1))

        let imported = try await other.history(environment: "prod")
        #expect(imported.count == 1)
        #expect(imported.first?.attempt.uuid == export.attempts.first?.attempt.uuid)
        #expect(imported.first?.steps.map(\.summary) == ["shift"])
        // History only: the importing ledger's environment state is untouched.
        #expect(try await other.environmentRecord("prod") == nil)
    }

    @Test func history_exportSince_leavesOutOlderAttempts() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        var old = LedgerJournalTests.attempt("old")
        old.startedAt = Date(timeIntervalSince1970: 1_000_000)
        _ = try await ledger.begin(old)
        _ = try await ledger.begin(LedgerJournalTests.attempt("new"))
        let recent = try await ledger.history(environment: "prod", since: Date(timeIntervalSince1970: 2_000_000))
        #expect(recent.map(\.attempt.commit) == ["new"])
    }

    @Test func history_importOfSomethingElse_isRefusedNamingTheFile() throws {
        #expect(throws: LedgerError.self) { try HistoryExport.decode(Data("{\"x\":1}".utf8), file: "notes.json") }
    }

    @Test func retention_dropsFinishedAttemptsBeyondTheLimitButNeverFailedCommits() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        try await ledger.setRetention(RetentionSettings(maxAttempts: 2, maxAgeDays: nil))
        let failed = try #require(try await ledger.begin(LedgerJournalTests.attempt("bad")).id)
        try await ledger.startRollback(attemptId: failed, error: "gate", blamesCommit: true)
        try await ledger.finish(attemptId: failed, outcome: .rolledBack, error: nil)
        for commit in ["c1", "c2", "c3"] {
            let id = try #require(try await ledger.begin(LedgerJournalTests.attempt(commit)).id)
            try await ledger.finish(attemptId: id, outcome: .succeeded, error: nil)
        }
        let open = try await ledger.begin(LedgerJournalTests.attempt("running"))
        #expect(try await ledger.prune(environment: "prod") == 2)
        let left = try await ledger.attempts(environment: "prod").compactMap(\.commit)
        #expect(left == ["running", "c3", "c2"])
        #expect(open.id != nil)
        #expect(try await ledger.failedCommit("bad", environment: "prod") != nil)
    }

    @Test func retention_refusesNonsense() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        await #expect(throws: LedgerError.self) { try await ledger.setRetention(RetentionSettings(maxAttempts: 0, maxAgeDays: nil)) }
    }
}
