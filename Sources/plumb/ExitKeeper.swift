import Synchronization

/// Values a command keeps until the process exits instead of freeing them on return: freeing the
/// desired state and live state of a large environment (hundreds of thousands of small objects)
/// costs tens of milliseconds that a command about to exit need not spend. The operating system
/// takes the memory back at exit.
enum ExitKeeper {
    private static let kept = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
