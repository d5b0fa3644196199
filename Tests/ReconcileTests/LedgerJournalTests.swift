import Foundation
import PlumbTesting
@testable import Reconcile
import Testing

/// The ledger's journal: attempts, steps, before-images, outcomes and what they mean for an environment.
struct LedgerJournalTests {
    static func attempt(_ commit: String?, environment: String = "prod", previousGood: String? = nil) -> DeploymentAttempt {
        DeploymentAttempt(environment: environment, account: "000000000000", region: "us-east-1", commit: commit,
                          revision: commit.map { "commit \($0.prefix(7))" } ?? "working tree", author: "A <a@x>", message: "m",
                          kind: .apply, environmentTime: nil, planSummary: "1 to create", planDetail: "{}", previousGoodCommit: previousGood)
    }

    @Test func journal_whenAttemptSucceeds_recordsStepsAndMovesLastGoodCommit() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        let attempt = try await ledger.begin(Self.attempt("c1"))
        let id = try #require(attempt.id)
        try await ledger.recordBeforeImage(attemptId: id, resource: "Function/a", image: nil)
        let step = try await ledger.writeIntent(attemptId: id, phase: .rollout, resource: "Function/a", operation: "lambda:CreateFunction", summary: "create a")
        #expect(step.sequence == 1)
        #expect(try await ledger.unfinishedAttempts(environment: "prod").count == 1)
        try await ledger.markDone(stepId: try #require(step.id))
        try await ledger.finish(attemptId: id, outcome: .succeeded, error: nil)

        let steps = try await ledger.steps(attemptId: id)
        #expect(steps.map(\.status) == [.done])
        #expect(try await ledger.environmentRecord("prod")?.lastGoodCommit == "c1")
        #expect(try await ledger.unfinishedAttempts(environment: "prod").isEmpty)
        #expect(try await ledger.beforeImages(attemptId: id) == ["Function/a": String?.none])
    }

    @Test func journal_whenRolloutFailsOnItsOwn_recordsTheCommitAsFailed() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        let id = try #require(try await ledger.begin(Self.attempt("bad")).id)
        try await ledger.startRollback(attemptId: id, error: "Function/a: health gates failed", blamesCommit: true)
        try await ledger.finish(attemptId: id, outcome: .rolledBack, error: nil)

        let failed = try #require(try await ledger.failedCommit("bad", environment: "prod"))
        #expect(failed.error.contains("health gates failed"))
        #expect(try await ledger.environmentRecord("prod")?.lastGoodCommit == nil)
        #expect(try await ledger.attempt(id: id)?.error == "Function/a: health gates failed")
    }

    @Test func journal_whenAttemptWasInterrupted_doesNotBlameTheCommit() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        let id = try #require(try await ledger.begin(Self.attempt("c2")).id)
        try await ledger.startRollback(attemptId: id, error: "interrupted", blamesCommit: false)
        try await ledger.finish(attemptId: id, outcome: .rolledBack, error: nil)
        #expect(try await ledger.failedCommit("c2", environment: "prod") == nil)
    }

    @Test func journal_whenRollbackFails_keepsTheAttemptOpenForTheNextApply() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        let id = try #require(try await ledger.begin(Self.attempt("c3")).id)
        try await ledger.startRollback(attemptId: id, error: "boom", blamesCommit: true)
        try await ledger.markRollbackFailed(attemptId: id, error: "boom; region down")
        let open = try await ledger.unfinishedAttempts(environment: "prod")
        #expect(open.map(\.outcome) == [.rollbackFailed])
        #expect(try await ledger.failedCommit("c3", environment: "prod") != nil)
    }

    @Test func ledger_reopened_keepsEverything() async throws {
        let folder = try TemporaryDirectory()
        do {
            let ledger = try LedgerStore(stateDirectory: folder.path)
            let id = try #require(try await ledger.begin(Self.attempt("c1")).id)
            try await ledger.finish(attemptId: id, outcome: .succeeded, error: nil)
            try await ledger.setActiveRegion("us-west-2", environment: "prod")
        }
        let reopened = try LedgerStore(stateDirectory: folder.path)
        let record = try #require(try await reopened.environmentRecord("prod"))
        #expect(record.lastGoodCommit == "c1")
        #expect(record.activeRegion == "us-west-2")
        #expect(try await reopened.attempts(environment: "prod").count == 1)
    }
}
