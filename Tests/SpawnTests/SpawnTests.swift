import Foundation
import Spawn
import Testing

@Suite struct SpawnTests {
    @Test func run_collectsOutputAndExitCode() throws {
        let result = try Spawn.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(result.status == 3)
        #expect(result.stdoutText == "out\n")
        #expect(result.stderrText == "err\n")
    }

    @Test func run_feedsLargeInputWithoutDeadlock() throws {
        let input = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        let result = try Spawn.run("/bin/cat", [], input: input)
        #expect(result.status == 0)
        #expect(result.stdout == input)
    }

    @Test func child_startsWithEmptySignalMask() async throws {
        // Run from a concurrency thread, where the parent's mask may block signals.
        let result = try await Task.detached { try Spawn.run("/bin/grep", ["^SigBlk", "/proc/self/status"]) }.value
        #expect(result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "SigBlk:\t0000000000000000")
    }

    @Test func run_killsChildPastTimeout() throws {
        let start = Date()
        #expect(throws: SpawnError.self) { try Spawn.run("/bin/sleep", ["30"], timeout: 0.3) }
        #expect(Date().timeIntervalSince(start) < 20)
    }

    @Test func childProcess_terminateDeliversSigterm() throws {
        let child = try ChildProcess(executable: "/bin/sleep", arguments: ["30"], stdout: .null, stderr: .null)
        #expect(child.isRunning)
        child.terminate(grace: 5)
        #expect(child.pollExit() == 128 + SIGTERM)
    }

    @Test func run_inDirectoryAndEnvironment() throws {
        let result = try Spawn.run("/bin/sh", ["-c", "pwd; echo $PLUMB_X"], environment: ["PLUMB_X": "42", "PATH": "/bin:/usr/bin"], directory: "/tmp")
        #expect(result.stdoutText == "/tmp\n42\n")
    }

    @Test func missingProgram_isAClearError() {
        #expect(throws: SpawnError.self) { try Spawn.run("definitely-not-a-program-xyz", []) }
    }
}
