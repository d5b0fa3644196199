/// A growable stack of nodes that hands out finished collections by moving nodes, without
/// reference-count traffic, into arrays of exactly the right size.
///
/// Owns its buffer: `deinit` destroys the nodes still on it and frees it.
final class NodeStack {
    private var base: UnsafeMutablePointer<YAMLNode>
    private var capacity: Int
    private(set) var count = 0

    private let contentOffset = MemoryLayout<YAMLNode>.offset(of: \YAMLNode.content) ?? 0
    private let tagOffset = MemoryLayout<YAMLNode>.offset(of: \YAMLNode.tag) ?? 0
    private let markOffset = MemoryLayout<YAMLNode>.offset(of: \YAMLNode.mark) ?? 0
    private let fileOffset = MemoryLayout<YAMLNode>.offset(of: \YAMLNode.fileName) ?? 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = UnsafeMutablePointer<YAMLNode>.allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    func push(_ node: consuming YAMLNode) {
        if count == capacity { grow() }
        (base + count).initialize(to: node)
        count += 1
    }

    /// Pushes a scalar node built in place.
    func pushScalar(_ text: consuming String, style: ScalarStyle, tag: consuming String?, mark: Mark, file: FileName) {
        if count == capacity { grow() }
        // Initialize the stored properties one by one in the slot: building a whole node first
        // costs a copy and a destroy of it per scalar.
        let slot = UnsafeMutableRawPointer(base + count)
        slot.advanced(by: contentOffset).initializeMemory(as: YAMLNode.Content.self, to: .scalar(Scalar(text: text, style: style)))
        slot.advanced(by: tagOffset).initializeMemory(as: String?.self, to: tag)
        slot.advanced(by: markOffset).initializeMemory(as: Mark.self, to: mark)
        slot.advanced(by: fileOffset).initializeMemory(as: FileName.self, to: file)
        count += 1
    }

    /// The nodes above `start`, moved into an array.
    func popItems(from start: Int) -> [YAMLNode] {
        let n = count - start
        guard n > 0 else { return [] }
        let source = base + start
        let items = [YAMLNode](unsafeUninitializedCapacity: n) { buffer, initialized in
            if let target = buffer.baseAddress { target.moveInitialize(from: source, count: n) }
            initialized = n
        }
        count = start
        return items
    }

    /// The nodes above `start`, taken as alternating keys and values, moved into pairs.
    func popPairs(from start: Int) -> [YAMLNode.Pair] {
        let n = (count - start) / 2
        guard n > 0 else {
            base.advanced(by: start).deinitialize(count: count - start)
            count = start
            return []
        }
        let source = base + start
        let pairs = [YAMLNode.Pair](unsafeUninitializedCapacity: n) { buffer, initialized in
            guard let target = buffer.baseAddress else { return }
            for i in 0..<n {
                (target + i).initialize(to: YAMLNode.Pair(key: (source + 2 * i).move(), value: (source + 2 * i + 1).move()))
            }
            initialized = n
        }
        // A key without a value cannot occur with libyaml; drop it defensively.
        let leftover = count - start - 2 * n
        if leftover > 0 { (source + 2 * n).deinitialize(count: leftover) }
        count = start
        return pairs
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newBase = UnsafeMutablePointer<YAMLNode>.allocate(capacity: newCapacity)
        newBase.moveInitialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
