import Foundation
import Git
import StatesLanguage
import YAML

/// Parsed files kept between loads, keyed by path and git blob id, so that loading a new commit
/// re-parses only the files that changed.
///
/// Thread-safe: one cache may serve loads from several threads (each entry is computed outside
/// the lock; two threads may compute the same entry once each). Entries not used by the latest
/// load are dropped when it ends, so the cache holds at most two revisions' worth of files.
public final class DesiredStateCache: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        var path: String
        var id: ObjectID

        /// The blob id alone: it already tells files apart (paths of equal contents share a
        /// bucket, and equality still compares the paths), and hashing a path costs more.
        func hash(into hasher: inout Hasher) {
            hasher.combine(id)
        }
    }

    /// A JSON data file (a smoke test's input).
    struct DataFile: Sendable {
        var value: JSONValue?
        var diagnostics: [Diagnostic]
    }

    private let lock = NSLock()
    private var manifests: [Key: ManifestFile] = [:]
    private var definitions: [Key: DefinitionAnalysis] = [:]
    private var dataFiles: [Key: DataFile] = [:]
    private var used: Set<Key> = []
    /// Whether the load under way started with nothing in memory: every entry is then one it
    /// made or read from disk, so none needs to be marked as used.
    private var startedEmpty = false
    private var lastCommit: CommitLoad?
    private var counters = Statistics()
    private var diskStore: DiskCache?
    private var background = false
    private let pendingSaves = DispatchGroup()

    /// Parse results kept between processes, when the loader was given a folder for them.
    var disk: DiskCache? {
        get { lock.withLock { diskStore } }
        set { lock.withLock { diskStore = newValue } }
    }

    /// How many files loads have parsed, and how many they took from the cache.
    public struct Statistics: Sendable, Hashable {
        /// Files parsed (cache misses).
        public var parsed = 0
        /// Files taken from the cache (hits).
        public var reused = 0
        /// Loads of a commit that re-checked only what changed since the previous commit.
        public var incrementalLoads = 0
        /// Files taken from the on-disk cache (counted in `reused` too).
        public var fromDisk = 0
    }

    /// The counts since the cache was made.
    public var statistics: Statistics {
        lock.withLock { counters }
    }

    /// An empty cache.
    public init() {}

    /// How many parsed files the cache holds.
    public var count: Int {
        lock.withLock { manifests.count + definitions.count + dataFiles.count }
    }

    /// What the latest load of a commit left behind, for the next one.
    var lastCommitLoad: CommitLoad? {
        get { lock.withLock { lastCommit } }
        set { lock.withLock { lastCommit = newValue } }
    }

    /// Removes and returns the latest commit load when `matches` accepts it.
    func takeLastCommitLoad(_ matches: (CommitLoad) -> Bool) -> CommitLoad? {
        lock.withLock {
            guard let last = lastCommit, matches(last) else { return nil }
            lastCommit = nil
            return last
        }
    }

    /// Records a load that took the incremental path.
    func countIncrementalLoad() {
        lock.withLock { counters.incrementalLoads += 1 }
    }

    /// Starts a load: entries are marked as used from now on.
    func beginLoad() {
        lock.withLock {
            used.removeAll(keepingCapacity: true)
            startedEmpty = manifests.isEmpty && definitions.isEmpty && dataFiles.isEmpty
        }
    }

    /// Whether loads write the on-disk cache on another thread, so that the caller goes on while
    /// the file is written (off by default). A process that sets it must call `waitForSaves`
    /// before it exits.
    public var savesInBackground: Bool {
        get { lock.withLock { background } }
        set { lock.withLock { background = newValue } }
    }

    /// Waits until every on-disk cache write started in the background has ended.
    public func waitForSaves() {
        pendingSaves.wait()
    }

    /// Makes `group` wait (`group.wait()`) for the on-disk cache writes started in the background
    /// so far, without blocking a thread until then.
    public func addSaves(to group: DispatchGroup) {
        group.enter()
        pendingSaves.notify(queue: .global()) { group.leave() }
    }

    /// Ends a load: drops every entry the load did not use, and writes what is left to the
    /// on-disk cache when there is one (see `savesInBackground`).
    func endLoad() {
        let (kept, disk, background) = lock.withLock {
            if !startedEmpty {
                Self.dropUnused(&manifests, used: used)
                Self.dropUnused(&definitions, used: used)
                Self.dropUnused(&dataFiles, used: used)
            }
            startedEmpty = false
            return ((manifests, definitions), diskStore, self.background)
        }
        guard let disk else { return }
        guard background else { return disk.save(manifests: kept.0, definitions: kept.1) }
        pendingSaves.enter()
        DispatchQueue.global(qos: .utility).async { [pendingSaves] in
            disk.save(manifests: kept.0, definitions: kept.1)
            pendingSaves.leave()
        }
    }

    /// Drops the entries whose keys are not in `used` (a load that used every entry, as a first
    /// load does, keeps the dictionary as it is instead of building a copy).
    private static func dropUnused<Value>(_ entries: inout [Key: Value], used: Set<Key>) {
        guard entries.keys.contains(where: { !used.contains($0) }) else { return }
        entries = entries.filter { used.contains($0.key) }
    }

    /// The parsed manifest file.
    func manifestFile(_ file: SourceFile, from source: any FileSource) throws -> ManifestFile {
        try entry(\.manifests, file, source, disk: (.manifest, { try $0.manifestFile() }, { $0.write(manifestFile: $1) })) {
            ManifestFile.parse(path: file.path, bytes: $0)
        }
    }

    /// The analysed ASL definition.
    func definition(_ file: SourceFile, from source: any FileSource) throws -> DefinitionAnalysis {
        try entry(\.definitions, file, source, disk: (.definition, { try $0.definitionAnalysis() }, { writer, analysis in
            writer.write(analysis)
            return true
        })) {
            DefinitionAnalysis.analyze(path: file.path, bytes: $0)
        }
    }

    /// The parsed JSON data file (at most 256 KiB, the Step Functions input limit).
    func dataFile(_ file: SourceFile, from source: any FileSource) throws -> DataFile {
        try entry(\.dataFiles, file, source) { bytes in
            let limit = 262_144
            if bytes.count > limit {
                return DataFile(value: nil, diagnostics: [Diagnostic(.error, "load.input-too-large", at: FileLocation(file: file.path),
                                                                     "the file is \(bytes.count) bytes; an execution input may be at most \(limit) bytes (256 KiB)")])
            }
            do {
                return DataFile(value: JSONValue(trusting: try JSONParser.parse(buffer: bytes, file: file.path)), diagnostics: [])
            } catch let error as YAMLError {
                return DataFile(value: nil, diagnostics: [Diagnostic(yamlError: error)])
            } catch {
                return DataFile(value: nil, diagnostics: [Diagnostic(.error, "load.json", at: FileLocation(file: file.path), "cannot parse the file: \(error)")])
            }
        }
    }

    /// How a kind of entry is read from and written to the on-disk cache.
    typealias DiskCoding<T> = (table: DiskCache.Table, decode: (inout ByteReader) throws -> T, encode: (inout ByteWriter, T) -> Bool)

    private func entry<T>(_ table: ReferenceWritableKeyPath<DesiredStateCache, [Key: T]>, _ file: SourceFile, _ source: any FileSource,
                          disk decoding: DiskCoding<T>? = nil,
                          _ make: (UnsafeRawBufferPointer) -> T) throws -> T {
        if let id = file.knownID {
            let key = Key(path: file.path, id: id)
            if let hit: T = lookup(table, key) ?? fromDisk(table, key, decoding) { return hit }
            let value = try source.withContents(of: file, make)
            store(table, key, value, decoding)
            return value
        }
        return try source.withContents(of: file) { bytes in
            let key = Key(path: file.path, id: try DirectoryTreeHasher.blobID(of: Array(bytes)))
            if let hit: T = lookup(table, key) ?? fromDisk(table, key, decoding) { return hit }
            let value = make(bytes)
            store(table, key, value, decoding)
            return value
        }
    }

    /// The entry read from the on-disk cache (and kept in memory), if it is there.
    private func fromDisk<T>(_ table: ReferenceWritableKeyPath<DesiredStateCache, [Key: T]>, _ key: Key, _ decoding: DiskCoding<T>?) -> T? {
        guard let decoding, let disk,
              let value = disk.value(DiskCache.Key(table: decoding.0, path: key.path, id: key.id), decoding.1) else { return nil }
        lock.withLock {
            counters.reused += 1
            counters.fromDisk += 1
            self[keyPath: table][key] = value
        }
        return value
    }

    private func lookup<T>(_ table: ReferenceWritableKeyPath<DesiredStateCache, [Key: T]>, _ key: Key) -> T? {
        lock.withLock {
            // A load that started empty uses every entry there is (each was made by it).
            if !startedEmpty { used.insert(key) }
            let hit = self[keyPath: table][key]
            if hit != nil { counters.reused += 1 }
            return hit
        }
    }

    /// Keeps a value just parsed, and has its on-disk record encoded on this thread, unless the
    /// file is written in the background: then the thread that writes it encodes the records,
    /// while the caller goes on with what it loaded, instead of the threads that parse.
    private func store<T>(_ table: ReferenceWritableKeyPath<DesiredStateCache, [Key: T]>, _ key: Key, _ value: T, _ coding: DiskCoding<T>? = nil) {
        let disk = lock.withLock {
            counters.parsed += 1
            self[keyPath: table][key] = value
            return background ? nil : diskStore
        }
        if let coding, let disk {
            disk.prepare(DiskCache.Key(table: coding.table, path: key.path, id: key.id)) { coding.encode(&$0, value) }
        }
    }
}
