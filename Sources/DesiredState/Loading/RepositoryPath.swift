/// Paths inside the desired-state repository, as manifests write them.
enum RepositoryPath {
    /// Whether the non-empty path `used` and `path` name the same file or folder, or one lies
    /// inside the other (what a change at `path` means for a resource reading `used`).
    static func overlaps(_ used: String, _ path: String) -> Bool {
        !used.isEmpty && (used == path || path.hasPrefix(used + "/") || used.hasPrefix(path + "/"))
    }

    /// Why a path was refused.
    struct Problem: Error {
        var code: String
        var message: String
        var hint: String
    }

    /// `a/b/c` for `./a//b/c/`; refuses absolute paths and paths that leave the repository.
    static func normalize(_ text: String) -> Result<String, Problem> {
        if isNormal(text) { return .success(text) }
        if text.hasPrefix("/") {
            return .failure(Problem(code: "load.path-absolute", message: "is an absolute path",
                                    hint: "give the path relative to the repository root"))
        }
        var parts: [Substring] = []
        for component in text.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." {
                return .failure(Problem(code: "load.path-escapes", message: "leaves the repository ('..' is not allowed)",
                                        hint: "keep code and definitions inside the repository; give a path relative to its root"))
            }
            parts.append(component)
        }
        if parts.isEmpty {
            return .failure(Problem(code: "load.path-empty", message: "names the repository root itself",
                                    hint: "name a folder or file inside the repository"))
        }
        return .success(parts.joined(separator: "/"))
    }

    /// Whether `text` is already `a/b/c`: no empty, `.` or `..` component (so no leading, trailing or double `/`).
    private static func isNormal(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        for component in text.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
            if component.isEmpty { return false }
            if component.count <= 2 && component.allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
        }
        return true
    }

    /// The folder of a path (`a/b` for `a/b/c`), "" at the root.
    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }
}
