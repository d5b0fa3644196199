import Foundation

extension GitFixture {
    /// Creates branch `name` at `start` (HEAD by default) without switching to it.
    public func branch(_ name: String, at start: String = "HEAD") throws {
        try git(["branch", name, start])
    }

    /// Switches to `name` (`git checkout`); with `create`, creates it first at HEAD.
    public func checkout(_ name: String, create: Bool = false) throws {
        try git(["checkout", "-q"] + (create ? ["-b"] : []) + [name])
    }

    /// Tags `target` (HEAD by default); with a `message` the tag is annotated, otherwise lightweight.
    public func tag(_ name: String, at target: String = "HEAD", message: String? = nil) throws {
        if let message {
            try git(["tag", "-a", name, "-m", message, target])
        } else {
            try git(["tag", name, target])
        }
    }

    /// Merges `branch` into the current branch with a merge commit (`--no-ff`); returns the new HEAD id.
    @discardableResult
    public func merge(_ branch: String, message: String? = nil) throws -> String {
        try git(["merge", "-q", "--no-ff", "-m", message ?? "Merge \(branch)", branch])
        return try revParse("HEAD")
    }

    /// Adds a remote called `name` at `url`.
    public func addRemote(_ name: String = "origin", url: String) throws {
        try git(["remote", "add", name, url])
    }

    /// Pushes `refspec` (the current branch by default) to `remote`.
    public func push(_ remote: String = "origin", _ refspec: String = "HEAD", force: Bool = false) throws {
        try git(["push", "-q"] + (force ? ["--force"] : []) + [remote, refspec])
    }

    /// Moves the current branch back to `target` (`git reset --hard`), e.g. to rewrite history before a force push.
    public func resetHard(to target: String) throws {
        try git(["reset", "-q", "--hard", target])
    }
}
