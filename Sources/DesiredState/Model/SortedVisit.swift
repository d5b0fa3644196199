extension Dictionary where Key == String {
    /// Calls `body` with each entry in order of key (`String`'s `<`), without copying the entries
    /// into a sorted array: their positions are sorted in stack memory. For the small maps of a
    /// manifest (variables, tags, labels), visited for every resource when fingerprinting and
    /// caching.
    @inlinable
    public func forEachSortedByKey(_ body: (String, Value) throws -> Void) rethrows {
        try withUnsafeTemporaryAllocation(of: Index.self, capacity: count) { buffer in
            var positions = buffer
            var filled = 0
            var index = startIndex
            while index != endIndex {
                positions.initializeElement(at: filled, to: index)
                filled += 1
                index = self.index(after: index)
            }
            defer { _ = positions.deinitialize() }
            positions.sort { self[$0].key < self[$1].key }
            for position in positions {
                let (key, value) = self[position]
                try body(key, value)
            }
        }
    }
}
