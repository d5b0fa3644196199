import Cloud
import Foundation
import GRDB

extension SimCloud {
    /// Writes a consistent copy of the whole simulated cloud, code bundles included, to one
    /// SQLite file at `path` (which must not exist).
    public func export(to path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw SimError("\(path) already exists; choose a new file name for the export.")
        }
        try flushInvocations()
        try await store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM INTO ?", arguments: [path])
        }
        let bundles = try await store.pool.read { db in try CodeBundleRecord.fetchAll(db) }
        let copy = try DatabaseQueue(path: path)
        try await copy.write { db in
            try db.create(table: "exportedCodeFile") { t in
                t.column("bundleId", .text).notNull()
                t.column("path", .text).notNull()
                t.column("executable", .boolean).notNull()
                t.column("bytes", .blob).notNull()
                t.primaryKey(["bundleId", "path"])
            }
            for bundle in bundles {
                let folder = self.code.directory(for: bundle.id)
                for (relative, executable) in try CodeStore.listFiles(in: folder) {
                    let bytes = try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(relative)))
                    try db.execute(sql: "INSERT INTO exportedCodeFile (bundleId, path, executable, bytes) VALUES (?, ?, ?, ?)",
                                   arguments: [bundle.id, relative, executable, bytes])
                }
            }
        }
        try copy.close()
    }

    /// Replaces the whole simulated cloud with an export, in one transaction. Exports written by
    /// an older plumb are migrated forward first; the file itself is not changed.
    public func importState(from path: String) async throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SimError("\(path) does not exist; give a file written by `plumb sim export`.")
        }
        let staging = (store.path as NSString).deletingLastPathComponent + "/import-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: staging) }
        try FileManager.default.copyItem(atPath: path, toPath: staging)
        let migrator = SimMigrations.migrator
        let files: [(String, String, Bool, Data)]
        do {
            let copy = try DatabaseQueue(path: staging)
            let (isPlumbExport, superseded) = try await copy.read { db in
                (try db.tableExists("exportedCodeFile") && db.tableExists("grdb_migrations"), try migrator.hasBeenSuperseded(db))
            }
            guard isPlumbExport else { throw SimError("\(path) is not an export of a plumb simulated cloud (`plumb sim export`).") }
            if superseded { throw SimError("\(path) was exported by a newer plumb; import it with that plumb.") }
            try migrator.migrate(copy)
            files = try await copy.read { db in
                try Row.fetchAll(db, sql: "SELECT bundleId, path, executable, bytes FROM exportedCodeFile").map { ($0[0], $0[1], $0[2], $0[3]) }
            }
            try copy.close()
        } catch let error as SimError {
            throw error
        } catch {
            throw SimError("\(path) is not a readable plumb export: \(error)")
        }
        var bundles: [String: [String: CodeFile]] = [:]
        for (id, relative, executable, bytes) in files {
            bundles[id, default: [:]][relative] = CodeFile(bytes: bytes, isExecutable: executable)
        }
        for (id, bundleFiles) in bundles { _ = try code.prepare(CodeBundle(id: id, files: bundleFiles)) }
        _ = pendingInvocations.take()
        try await store.pool.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS imported", arguments: [staging])
            defer { try? db.execute(sql: "DETACH DATABASE imported") }
            try db.inTransaction {
                try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
                let tables = try SimCloud.stateTables(db)
                for table in tables { try db.execute(sql: "DELETE FROM main.\(table)") }
                for table in tables where !ChangeCounting.derivedTables.contains(table) {
                    let columns = try db.columns(in: table).map { "\"\($0.name)\"" }.joined(separator: ", ")
                    try db.execute(sql: "INSERT INTO main.\(table) (\(columns)) SELECT \(columns) FROM imported.\(table)")
                }
                try ChangeCounting.renew(db)
                return .commit
            }
        }
    }
}

extension CodeStore {
    /// The files under `folder`, by relative path, with their executable bit.
    static func listFiles(in folder: String) throws -> [(String, Bool)] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [(String, Bool)] = []
        while let relative = enumerator.nextObject() as? String {
            let full = (folder as NSString).appendingPathComponent(relative)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            files.append((relative, FileManager.default.isExecutableFile(atPath: full)))
        }
        return files.sorted { $0.0 < $1.0 }
    }
}
