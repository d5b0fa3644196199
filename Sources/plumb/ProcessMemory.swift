#if canImport(CMalloc) && os(Linux)
import CMalloc
import Glibc
#endif

/// How a command asks the C allocator to handle its memory.
enum ProcessMemory {
    /// Commands that load a whole commit's desired state: ~150 MB of small allocations for
    /// 10,000 functions, made once and kept until the process exits.
    static let commitLoadingCommands: Set<String> = ["validate", "plan", "drift", "apply", "rollback"]

    /// Sets the allocator up for the command named first on the command line. Called first thing
    /// in the process, before the heaps first grow. May replace the process image (see
    /// `useLargePages()`); returns otherwise.
    static func prepare(command: String?) {
        if restoreTunables() { largePages = .requested }
        guard let command, command != "watch" else { return }
        if commitLoadingCommands.contains(command), largePages == .notAsked {
            largePages = useLargePages()
        }
        keepForOneShotCommand()
    }

    /// What became of huge pages for this process.
    enum LargePages: String {
        case notAsked = "not asked for (the command loads no commit)"
        case requested = "asked for (restarted with GLIBC_TUNABLES=glibc.malloc.hugetlb=1)"
        case callerTunables = "as the caller's GLIBC_TUNABLES says"
        case switchedOff = "off (PLUMB_LARGE_PAGES=0)"
        case notOnRequest = "not asked for (transparent huge pages are not 'madvise' here)"
        case restartFailed = "not asked for (the process could not restart itself)"
    }

    /// Set once, first thing in `main`, before any other thread runs.
    nonisolated(unsafe) private(set) static var largePages = LargePages.notAsked

    /// Lets the heap grow in large steps and keeps freed memory instead of handing it back to the
    /// system: a command that loads a whole commit touches ~150 MB for 10,000 functions and exits,
    /// and each page handed back and taken again is one more page fault (a cold plan of 10,000
    /// functions: ~11 % fewer faults). For commands that run once; not for the daemon, whose
    /// memory should shrink again after a large load.
    static func keepForOneShotCommand() {
        #if canImport(CMalloc) && os(Linux)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
        #endif
    }

    /// The environment variable that turns large pages off (`PLUMB_LARGE_PAGES=0`).
    static let switchVariable = "PLUMB_LARGE_PAGES"
    /// Holds the caller's `GLIBC_TUNABLES` (empty when it had none) across the restart, so that
    /// the restarted process can give its children the environment it was given.
    static let savedTunablesVariable = "PLUMB_SAVED_GLIBC_TUNABLES"
    static let tunablesVariable = "GLIBC_TUNABLES"
    static let hugePageTunable = "glibc.malloc.hugetlb"

    /// Asks the C allocator to back its heaps with transparent huge pages (2 MB) where the system
    /// offers them on request only (`/sys/kernel/mm/transparent_hugepage/enabled` is `madvise`,
    /// Debian's default): a cold plan of 10,000 functions then takes ~2,600 page faults instead
    /// of ~27,000, and ~7 % less time (docs/performance.md).
    ///
    /// The allocator reads that setting (`GLIBC_TUNABLES=glibc.malloc.hugetlb=1`) only when a
    /// process starts, so the process starts itself again, once, with the setting added (the same
    /// process id, arguments and open files; ~6 ms). Nothing happens when the caller's
    /// `GLIBC_TUNABLES` already names the setting, when huge pages are always or never used, when
    /// `PLUMB_LARGE_PAGES=0`, or when the restart fails.
    static func useLargePages() -> LargePages {
        #if canImport(CMalloc) && os(Linux)
        if let choice = getenv(switchVariable), String(cString: choice) == "0" { return .switchedOff }
        let current = getenv(tunablesVariable).map { String(cString: $0) } ?? ""
        if current.contains(hugePageTunable) { return .callerTunables }
        guard hugePagesOnRequestOnly() else { return .notOnRequest }
        let tunables = (current.isEmpty ? "" : current + ":") + hugePageTunable + "=1"
        if setenv(savedTunablesVariable, current, 1) == 0, setenv(tunablesVariable, tunables, 1) == 0 {
            _ = execv("/proc/self/exe", CommandLine.unsafeArgv)
        }
        // Still here: the restart failed (no /proc, say); run as we are.
        restoreTunables()
        return .restartFailed
        #else
        return .notOnRequest
        #endif
    }

    /// After the restart: gives `GLIBC_TUNABLES` back its caller's value, so that processes this
    /// one starts (git, function runtimes) run with the environment plumb was given. True when
    /// there was something to give back.
    @discardableResult
    static func restoreTunables() -> Bool {
        #if canImport(CMalloc) && os(Linux)
        guard let saved = getenv(savedTunablesVariable).map({ String(cString: $0) }) else { return false }
        if saved.isEmpty {
            unsetenv(tunablesVariable)
        } else {
            setenv(tunablesVariable, saved, 1)
        }
        unsetenv(savedTunablesVariable)
        return true
        #else
        return false
        #endif
    }

    /// Whether transparent huge pages are used only for memory that asks for them.
    private static func hugePagesOnRequestOnly() -> Bool {
        #if os(Linux)
        guard let file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r") else { return false }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = fread(&buffer, 1, buffer.count, file)
        return String(decoding: buffer.prefix(count), as: UTF8.self).contains("[madvise]")
        #else
        return false
        #endif
    }
}
