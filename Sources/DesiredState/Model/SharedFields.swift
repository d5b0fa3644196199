/// The fields of a value kept in one shared, immutable box: copying the value (or an array or
/// dictionary of ten thousand of them) costs one reference count, however many fields it has;
/// changing a field makes a new box. Equal when the fields are (the same box is equal at once).
///
/// Inlinable, so that reading one field of the box from another module reads just that field.
public struct SharedFields<Fields: Sendable & Hashable>: Sendable, Hashable {
    @usableFromInline
    final class Box: Sendable {
        @usableFromInline let fields: Fields
        @inlinable init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var box: Box

    /// Keeps `fields`.
    @inlinable
    public init(_ fields: Fields) {
        box = Box(fields)
    }

    /// The fields.
    @inlinable
    public var fields: Fields {
        _read { yield box.fields }
    }

    /// Changes the fields (in a new box: copies made before keep the old fields).
    @inlinable
    public mutating func change(_ body: (inout Fields) -> Void) {
        var fields = box.fields
        body(&fields)
        box = Box(fields)
    }

    @inlinable
    public static func == (lhs: SharedFields, rhs: SharedFields) -> Bool {
        lhs.box === rhs.box || lhs.box.fields == rhs.box.fields
    }

    @inlinable
    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
    }
}

extension SharedFields: Codable where Fields: Codable {
    /// Decodes the fields themselves (no wrapping: the same keys as `Fields`).
    public init(from decoder: any Decoder) throws {
        self.init(try Fields(from: decoder))
    }

    /// Encodes the fields themselves (no wrapping: the same keys as `Fields`).
    public func encode(to encoder: any Encoder) throws {
        try fields.encode(to: encoder)
    }
}
