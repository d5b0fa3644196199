import Synchronization

/// The name of a file nodes came from, by its number in a table of the process: every node
/// keeps its file's name, and a number (instead of a `String`, whose storage is shared and
/// reference-counted) makes copying and destroying a node touch one reference count fewer. A
/// document of a thousand nodes names its file once in the table; the table keeps every name
/// given to it for the life of the process (the files a process reads, a few thousand names).
struct FileName: Sendable, Hashable {
    /// The place of the name in the table.
    let number: Int

    /// The number of `name` (added to the table when new).
    init(_ name: String) {
        number = FileName.table.withLock { table in
            if let known = table.numbers[name] { return known }
            table.names.append(name)
            table.numbers[name] = table.names.count - 1
            return table.names.count - 1
        }
    }

    /// The name.
    var name: String {
        FileName.table.withLock { $0.names[number] }
    }

    private struct Table {
        var names: [String] = []
        var numbers: [String: Int] = [:]
    }

    private static let table = Mutex(Table())
}
