#if canImport(CMalloc) && os(Linux)
import CMalloc
#endif

/// How a command asks the C allocator to handle its memory.
enum ProcessMemory {
    /// Lets the heap grow in large steps and keeps freed memory instead of handing it back to the
    /// system: a command that loads a whole commit touches ~150 MB for 10,000 functions and exits,
    /// and each page handed back and taken again is one more page fault (a cold plan of 10,000
    /// functions: ~11 % fewer faults). Called first thing in the process, before the heaps first
    /// grow. For commands that run once; not for the daemon, whose memory should shrink again
    /// after a large load.
    static func keepForOneShotCommand() {
        #if canImport(CMalloc) && os(Linux)
        _ = mallopt(M_TOP_PAD, 64 << 20)
        _ = mallopt(M_TRIM_THRESHOLD, 256 << 20)
        #endif
    }
}
