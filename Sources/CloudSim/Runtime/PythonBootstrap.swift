import Foundation
import Spawn

/// The Python side of the runtime: a script run by every `python3.x` worker, and the interpreter.
///
/// The script (`PythonBootstrap.script`) loads the handler once, then serves framed requests
/// from stdin until stdin reaches end of file (the parent died or let it go), the parent
/// process changes (checked every 2 s while idle), or it was idle longer than it was told.
///
/// Memory cap rule: before importing the handler the worker sets `RLIMIT_AS` to the address
/// space it has mapped at that moment (the interpreter, ~15–20 MiB) plus `memoryMB` plus
/// 64 MiB for reservations that are not memory use (thread stacks). The environment variable
/// `MALLOC_ARENA_MAX=1` stops glibc from reserving 64 MiB per thread. So a handler can
/// allocate about its memory size before `MemoryError`, which becomes `Runtime.OutOfMemory`.
enum PythonBootstrap {
    /// Exit status the script uses after reporting that it ran out of memory.
    static let outOfMemoryExitStatus: Int32 = 86

    /// Seconds a worker waits past the runtime's idle timeout before leaving on its own, so
    /// the runtime always stops an idle worker before the worker stops itself.
    static let idleExitGraceSeconds: Double = 30

    /// Writes the script into `directory` (once per script content) and returns its path.
    static func install(in directory: String) throws -> String {
        let bytes = Data(script.utf8)
        let path = (directory as NSString).appendingPathComponent("bootstrap-\(fingerprint(bytes)).py")
        let manager = FileManager.default
        if let existing = manager.contents(atPath: path), existing == bytes { return path }
        do {
            try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let temporary = path + ".\(getpid()).\(UUID().uuidString).tmp"
            try bytes.write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? manager.removeItem(atPath: temporary)
                throw FunctionRuntimeError(.runtimeUnavailable, "cannot install the Python bootstrap at \(path): \(reason)")
            }
        } catch let error as FunctionRuntimeError {
            throw error
        } catch {
            throw FunctionRuntimeError(.runtimeUnavailable,
                "cannot write the Python bootstrap into \(directory): \(error.localizedDescription); set RuntimeConfiguration.cacheDirectory to a writable folder")
        }
        return path
    }

    /// `resolveInterpreter()`, run once per process (every runtime shares the answer).
    static let defaultInterpreter: Result<String, FunctionRuntimeError> = {
        do {
            return .success(try resolveInterpreter())
        } catch let error as FunctionRuntimeError {
            return .failure(error)
        } catch {
            return .failure(FunctionRuntimeError(.runtimeUnavailable, "cannot find python3: \(error)"))
        }
    }()

    /// The real interpreter behind `python3` on `PATH` (a pyenv shim resolves to its target).
    static func resolveInterpreter() throws -> String {
        let output: ProcessOutput
        do {
            output = try Spawn.run("python3", ["-c", "import sys; print(sys.executable)"], timeout: 30)
        } catch {
            throw FunctionRuntimeError(.runtimeUnavailable,
                "python3 is needed to run python3.x functions but could not be started (\(error)); install Python 3 or set RuntimeConfiguration.pythonExecutable")
        }
        let path = output.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        guard output.status == 0, path.hasPrefix("/") else {
            throw FunctionRuntimeError(.runtimeUnavailable,
                "python3 did not report its executable (exit status \(output.status): \(output.stderrText.prefix(200))); set RuntimeConfiguration.pythonExecutable")
        }
        return path
    }

    /// Whether `runtime` runs on the machine's Python 3: `python3.` followed by digits.
    static func supports(runtime: String) -> Bool {
        guard runtime.hasPrefix("python3.") else { return false }
        let minor = runtime.dropFirst("python3.".count)
        return !minor.isEmpty && minor.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// FNV-1a of the script, so differing scripts never share a file name.
    private static func fingerprint(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
