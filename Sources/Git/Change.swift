/// One path that differs between two trees.
public struct Change: Hashable, Sendable, CustomStringConvertible {
    /// How the path changed.
    public enum Kind: String, Sendable, Hashable {
        /// The path exists only in the newer tree.
        case added
        /// The path exists in both with different contents or a different executable bit.
        case modified
        /// The path exists only in the older tree.
        case deleted
        /// The path changed kind: file ↔ symlink ↔ submodule.
        case typeChanged
    }

    /// How the path changed.
    public var kind: Kind
    /// The path, relative to the folder the changes were listed under (the root by default).
    public var path: String
    /// The blob id before (nil when added).
    public var oldID: ObjectID?
    /// The blob id after (nil when deleted).
    public var newID: ObjectID?
    /// The mode before (nil when added).
    public var oldMode: FileMode?
    /// The mode after (nil when deleted).
    public var newMode: FileMode?

    /// Creates a change.
    public init(kind: Kind, path: String, oldID: ObjectID?, newID: ObjectID?, oldMode: FileMode?, newMode: FileMode?) {
        self.kind = kind
        self.path = path
        self.oldID = oldID
        self.newID = newID
        self.oldMode = oldMode
        self.newMode = newMode
    }

    /// `A path`, `M path`, `D path` or `T path`, as `git diff --name-status` prints.
    public var description: String {
        let letter: String
        switch kind {
        case .added: letter = "A"
        case .modified: letter = "M"
        case .deleted: letter = "D"
        case .typeChanged: letter = "T"
        }
        return "\(letter) \(path)"
    }
}
