/// A position in a source file: 1-based line and 1-based column (counted in characters).
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    // Stored as 32-bit values so a node fits in 64 bytes.
    private var storedLine: UInt32
    private var storedColumn: UInt32

    /// The 1-based line number.
    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    /// The 1-based column number, counted in Unicode scalars (a tab counts as one).
    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    /// Creates a mark from 1-based line and column numbers (clamped to 0...4294967295).
    public init(line: Int, column: Int) {
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    /// `line:column`, as shown in diagnostics.
    public var description: String { "\(line):\(column)" }

    /// Orders marks by line, then column.
    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        lhs.storedLine != rhs.storedLine ? lhs.storedLine < rhs.storedLine : lhs.storedColumn < rhs.storedColumn
    }
}
