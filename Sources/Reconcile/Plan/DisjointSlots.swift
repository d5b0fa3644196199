/// A fixed number of slots that concurrent workers fill, each slot written by exactly one
/// worker and read only after every worker finished (so no two threads touch the same slot).
final class DisjointSlots<Value>: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Value>

    /// `count` slots, each holding `initial`.
    init(count: Int, initial: Value) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: initial)
    }

    deinit {
        storage.deinitialize()
        storage.deallocate()
    }

    /// The value of slot `position`; set it from one worker only.
    subscript(position: Int) -> Value {
        get { storage[position] }
        set { storage[position] = newValue }
    }

    /// Every slot's value, in order (once the workers are done).
    var values: [Value] { Array(storage) }
}
