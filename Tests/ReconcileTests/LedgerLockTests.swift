import Foundation
import PlumbTesting
@testable import Reconcile
import Spawn
import Testing

/// The environment lock: one applier at a time, the holder named, stale holders taken over.
struct LedgerLockTests {
    @Test func lock_whenHeldByALiveProcess_failsAtOnceNamingTheHolder() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        _ = try await ledger.acquire(environment: "prod", commit: "abcdef1234", waitSeconds: nil)
        let second = try LedgerStore(stateDirectory: folder.path)
        let error = await #expect(throws: LockHeldError.self) {
            _ = try await second.acquire(environment: "prod", commit: nil, waitSeconds: nil)
        }
        let message = error?.description ?? ""
        #expect(message.contains("pid \(ProcessInfo.processInfo.processIdentifier)"))
        #expect(message.contains("abcdef1"))
        #expect(message.contains("--wait-for-lock"))
    }

    @Test func lock_whenReleased_canBeTakenAgainAndOtherEnvironmentsAreIndependent() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        let lease = try await ledger.acquire(environment: "prod", commit: nil, waitSeconds: nil)
        _ = try await ledger.acquire(environment: "test", commit: nil, waitSeconds: nil)
        try await ledger.release(lease)
        #expect(try await ledger.holder(environment: "prod") == nil)
        _ = try await ledger.acquire(environment: "prod", commit: nil, waitSeconds: nil)
    }

    @Test func lock_whenWaiting_isTakenOnceTheHolderReleases() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        let lease = try await ledger.acquire(environment: "prod", commit: nil, waitSeconds: nil)
        // The wait is long on purpose: with the whole suite running on two cores, this task and the
        // waiter can each sit runnable for many seconds. Only a release that never lands should fail.
        async let waited = ledger.acquire(environment: "prod", commit: nil, waitSeconds: 600)
        try await Task.sleep(nanoseconds: 300_000_000)
        try await ledger.release(lease)
        let second = try await waited
        #expect(second.token != lease.token)
    }

    @Test func lock_whenHolderProcessIsGone_isTakenOver() async throws {
        let folder = try TemporaryDirectory()
        let ledger = try LedgerStore(stateDirectory: folder.path)
        // A real process that has ended: its pid is no longer alive.
        let ended = try Spawn.run("/bin/sh", ["-c", "echo $$"], timeout: 10)
        let pid = try #require(Int32(ended.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)))
        try await ledger.pool.write { db in
            try LockRecord(environment: "prod", pid: pid, processStart: nil, host: ProcessIdentity.host, since: Date(),
                           commit: "c1", token: "stale").save(db)
        }
        let lease = try await ledger.acquire(environment: "prod", commit: "c2", waitSeconds: nil)
        #expect(lease.token != "stale")
        #expect(try await ledger.holder(environment: "prod")?.commit == "c2")
    }
}
