extension Checker {
    /// The file at `path` for a manifest field that names one; reports a missing file, a folder or a symlink.
    mutating func referencedFile(_ path: String, from manifest: DecodedManifest, field: String, location: @autoclosure () -> FileLocation, what: String) -> SourceFile? {
        guard !path.isEmpty else { return nil }
        if let file = catalog.fileIndex[path] {
            switch file.kind {
            case .file, .executable:
                return file
            case .symlink:
                error("load.symlink", manifest, at: location(), field: field,
                      "the \(what) '\(path)' is a symbolic link; plumb does not follow links", hint: "put the file itself at that path")
                return nil
            case .other:
                break
            }
        }
        let status = (try? source.status(of: path)) ?? .missing
        switch status {
        case .folder:
            error("load.not-a-file", manifest, at: location(), field: field, "the \(what) '\(path)' is a folder, not a file")
        case .symlink:
            error("load.symlink", manifest, at: location(), field: field,
                  "the \(what) '\(path)' passes through a symbolic link; plumb does not follow links", hint: "put the file itself at that path")
        case .file, .missing:
            error("load.missing-file", manifest, at: location(), field: field, "the \(what) '\(path)' does not exist",
                  hint: "check the path: it is relative to the repository root")
        }
        return nil
    }
}
