/// A reference written in a manifest or document, remembered with its place so that it can be
/// checked once every manifest is known.
struct ReferenceSite: Sendable, Hashable {
    /// What it refers to.
    var expression: ReferenceExpression
    /// Where it is written.
    var location: FileLocation
    /// The field path, for messages.
    var field: String
}
