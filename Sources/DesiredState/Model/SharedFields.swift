/// The fields of a value kept in one shared, immutable box: copying the value (or an array or
/// dictionary of ten thousand of them) costs one reference count, however many fields it has;
/// changing a field makes a new box. Equal when the fields are (the same box is equal at once).
public struct SharedFields<Fields: Sendable & Hashable>: Sendable, Hashable {
    private final class Box: Sendable {
        let fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// Keeps `fields`.
    public init(_ fields: Fields) {
        box = Box(fields)
    }

    /// The fields.
    public var fields: Fields { box.fields }

    /// Changes the fields (in a new box: copies made before keep the old fields).
    public mutating func change(_ body: (inout Fields) -> Void) {
        var fields = box.fields
        body(&fields)
        box = Box(fields)
    }

    public static func == (lhs: SharedFields, rhs: SharedFields) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }
}
