import CGit2
import Foundation

/// Who made a commit and when (a copy of a libgit2 `git_signature`).
public struct Signature: Hashable, Sendable {
    /// The person's name.
    public var name: String
    /// The person's email address.
    public var email: String
    /// Seconds since 1970-01-01 00:00:00 UTC.
    public var secondsSince1970: Int64
    /// The offset from UTC of the person's clock, in minutes (e.g. 120 for +02:00).
    public var utcOffsetMinutes: Int

    /// The moment, as a `Date`.
    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    /// The offset as git prints it, e.g. `+0200` or `-0530`.
    public var utcOffsetText: String {
        let sign = utcOffsetMinutes < 0 ? "-" : "+"
        let minutes = abs(utcOffsetMinutes)
        let hours = minutes / 60
        let rest = minutes % 60
        return sign + (hours < 10 ? "0" : "") + String(hours) + (rest < 10 ? "0" : "") + String(rest)
    }

    /// Creates a signature from its parts.
    public init(name: String, email: String, secondsSince1970: Int64, utcOffsetMinutes: Int) {
        self.name = name
        self.email = email
        self.secondsSince1970 = secondsSince1970
        self.utcOffsetMinutes = utcOffsetMinutes
    }

    init(_ signature: UnsafePointer<git_signature>) {
        let value = signature.pointee
        name = value.name.map { String(cString: $0) } ?? ""
        email = value.email.map { String(cString: $0) } ?? ""
        secondsSince1970 = Int64(value.when.time)
        utcOffsetMinutes = Int(value.when.offset)
    }
}

/// A commit's metadata, copied out of libgit2.
public struct Commit: Hashable, Sendable {
    /// The commit's id.
    public var id: ObjectID
    /// The id of the commit's root tree.
    public var treeID: ObjectID
    /// Parent commit ids, first parent first (empty for a root commit, two or more for a merge).
    public var parents: [ObjectID]
    /// Who wrote the change.
    public var author: Signature
    /// Who made the commit.
    public var committer: Signature
    /// The full message (as stored, without leading blank lines).
    public var message: String
    /// The first paragraph of the message on one line, as `git log --oneline` shows it.
    public var summary: String

    /// Copies everything out of a borrowed `git_commit`.
    init(borrowing commit: OpaquePointer) {
        id = ObjectID(git_commit_id(commit))
        treeID = ObjectID(git_commit_tree_id(commit))
        let count = git_commit_parentcount(commit)
        var parents: [ObjectID] = []
        parents.reserveCapacity(Int(count))
        for index in 0..<count {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent)) }
        }
        self.parents = parents
        author = git_commit_author(commit).map(Signature.init) ?? Signature.unknown
        committer = git_commit_committer(commit).map(Signature.init) ?? Signature.unknown
        message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
    }
}

extension Signature {
    static let unknown = Signature(name: "", email: "", secondsSince1970: 0, utcOffsetMinutes: 0)
}
