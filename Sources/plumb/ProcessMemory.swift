#if canImport(CMimalloc)
import CMimalloc
#endif
#if canImport(Glibc)
import Glibc
#endif

/// How the process's memory allocator is set up.
///
/// The `plumb` executable links mimalloc ahead of the C library, so mimalloc serves every
/// allocation of the process: Swift's, libgit2's, libyaml's and SQLite's. A command that loads a
/// whole commit makes ~150 MB of small allocations for 10,000 functions and keeps them until it
/// exits; mimalloc allocates and frees them with fewer instructions than the C library's
/// allocator (a cold plan of 10,000 functions: ~7 % fewer in all), and can be told to back its
/// memory with transparent huge pages from inside the process.
enum ProcessMemory {
    /// Commands that load a whole commit's desired state, make their allocations once and exit.
    static let commitLoadingCommands: Set<String> = ["validate", "plan", "drift", "apply", "rollback"]

    /// Sets the allocator up for the command named first on the command line. Called first thing
    /// in `main`, before the command's large allocations; the daemon keeps the allocator's
    /// defaults (its memory should shrink again after a large load).
    static func prepare(command: String?) {
        guard let command, commitLoadingCommands.contains(command) else { return }
        largePages = useLargePages()
    }

    /// What became of huge pages for this process.
    enum LargePages: String {
        case notAsked = "not asked for (the command loads no commit)"
        case requested = "asked for (the allocator's memory is marked for transparent huge pages)"
        case switchedOff = "off (PLUMB_LARGE_PAGES=0)"
        case unavailable = "not asked for (transparent huge pages are off here)"
        case otherAllocator = "not asked for (the process does not use mimalloc)"
    }

    /// Set once, first thing in `main`, before any other thread runs.
    nonisolated(unsafe) private(set) static var largePages = LargePages.notAsked

    /// The environment variable that turns large pages off (`PLUMB_LARGE_PAGES=0`).
    static let switchVariable = "PLUMB_LARGE_PAGES"

    /// Has the allocator mark the memory it takes from the system for transparent huge pages
    /// (2 MB), and commit each thread's first segment at once instead of in small steps: a cold
    /// plan of 10,000 functions then takes ~1,700 page faults instead of ~30,000
    /// (docs/performance.md). Memory so marked is kept until the process exits, which suits a
    /// command that runs once. Nothing happens with `PLUMB_LARGE_PAGES=0`, or where transparent
    /// huge pages are switched off (`/sys/kernel/mm/transparent_hugepage/enabled` is `never`).
    static func useLargePages() -> LargePages {
        #if canImport(CMimalloc)
        if let choice = getenv(switchVariable), String(cString: choice) == "0" { return .switchedOff }
        guard usesMimalloc else { return .otherAllocator }
        guard transparentHugePagesAvailable() else { return .unavailable }
        mi_option_enable(mi_option_large_os_pages)
        mi_option_set(mi_option_eager_commit_delay, 0)
        return .requested
        #else
        return .otherAllocator
        #endif
    }

    /// Whether mimalloc serves the process's `malloc` (it does when it was linked ahead of the
    /// C library, as the package links it).
    static var usesMimalloc: Bool {
        #if canImport(CMimalloc)
        guard let probe = malloc(64) else { return false }
        defer { free(probe) }
        return mi_is_in_heap_region(probe)
        #else
        return false
        #endif
    }

    /// The allocator serving `malloc`, for `PLUMB_TIMINGS=1`: "mimalloc 2.0.9" or the C library's.
    static var allocatorName: String {
        #if canImport(CMimalloc)
        if usesMimalloc {
            let version = Int(mi_version())
            return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
        }
        #endif
        return "the C library's malloc"
    }

    /// Whether the system gives transparent huge pages at least to memory that asks for them.
    private static func transparentHugePagesAvailable() -> Bool {
        #if os(Linux)
        guard let file = fopen("/sys/kernel/mm/transparent_hugepage/enabled", "r") else { return false }
        defer { fclose(file) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = fread(&buffer, 1, buffer.count, file)
        let mode = String(decoding: buffer.prefix(count), as: UTF8.self)
        return mode.contains("[madvise]") || mode.contains("[always]")
        #else
        return false
        #endif
    }
}
