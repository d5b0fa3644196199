import Foundation
import Git
import Synchronization

/// Parsed manifest files and ASL definition analyses kept in one file of a folder between
/// processes, keyed by path and git blob id, so that a new process loading a commit close to
/// the previous one parses only the files that changed.
///
/// The file is a header (magic word, format version) followed by records, each with its own
/// length and checksum (see `DiskCache+Format.swift`). A load that parsed a few new files adds
/// their records at the end of the file in one append; the file is rewritten whole (a temporary
/// file renamed over it) only when it is missing, of another version or damaged, or when records
/// the latest load did not use take more than half as much room as those it used. Readers in
/// other processes therefore see whole records only: a torn or damaged record and everything after
/// it are ignored (and dropped by the next rewrite), a file of another version is ignored whole,
/// and an entry that cannot be decoded is parsed again. Records are encoded by the threads that
/// parse the files (`prepare`); the file is written at the end of the load that needs it, on the
/// caller's thread, or on another one when `DesiredStateCache.savesInBackground` is set (the
/// process then waits for it before it exits, so the file is never left half written; that
/// thread encodes the records itself, while the caller works on what it loaded). While a
/// save writes the file, lookups answer nothing and new records are not prepared: a load meanwhile
/// parses its files again rather than wait. Thread-safe.
final class DiskCache: @unchecked Sendable {
    /// Raised whenever the file layout or the encoding of any cached type changes.
    static let formatVersion: UInt32 = 2
    /// The file's name inside the folder.
    static let fileName = "desired-state.bin"

    /// Which kind of parse result an entry holds.
    enum Table: UInt8 {
        case manifest = 0
        case definition = 1
    }

    struct Key: Hashable {
        var table: Table
        var path: String
        var id: ObjectID

        /// The blob id alone (see `DesiredStateCache.Key`).
        func hash(into hasher: inout Hasher) {
            hasher.combine(id)
        }
    }

    /// How the latest `save` changed the file (for tests and timings).
    enum SaveOutcome: Equatable {
        /// The file already held every entry.
        case unchanged
        /// Records were added at the end of the file.
        case appended(records: Int)
        /// The file was written whole.
        case rewritten(records: Int)
        /// Writing failed (the cache only saves time: loads go on without it).
        case failed
    }

    /// The folder holding the file.
    let folder: String
    private let lock = NSLock()
    /// Whether a save holds the lock (for a while: it writes the file).
    private let saving = Atomic<Bool>(false)
    private var opened = false
    /// The file's bytes as this process knows them: what it read, plus what it wrote since.
    private var contents: [UInt8] = []
    /// The records of `contents`; nil when the file was missing, of another version or unreadable.
    private var scan: Scan?
    private(set) var lastSave: SaveOutcome?
    /// Records encoded by the threads that parsed their files, for the next `save`.
    private var prepared: [Key: [UInt8]] = [:]

    init(folder: String) {
        self.folder = folder
    }

    var path: String { (folder as NSString).appendingPathComponent(Self.fileName) }

    /// The entry's value, decoded by `decode`; nil when absent or unreadable, or while a save
    /// is writing the file (parsing one file again is much cheaper than waiting for it).
    func value<T>(_ key: Key, _ decode: (inout ByteReader) throws -> T) -> T? {
        guard !saving.load(ordering: .acquiring) else { return nil }
        let (bytes, range): ([UInt8], Range<Int>?) = lock.withLock {
            openIfNeeded()
            return (contents, scan?.index[key]?.payload)
        }
        guard let range else { return nil }
        return bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(UnsafeRawBufferPointer(rebasing: buffer[range]))
            guard let value = try? decode(&reader), reader.isAtEnd else { return nil }
            return value
        }
    }

    /// Encodes the record of a value just parsed, on the caller's thread, so that the next `save`
    /// only copies it (loads parse on several threads; `save` runs on one). While a save is
    /// writing the file the record is dropped: the next save encodes it itself.
    func prepare(_ key: Key, _ encode: (inout ByteWriter) -> Bool) {
        guard !saving.load(ordering: .acquiring) else { return }
        var record = ByteWriter()
        // A function's manifest record (~450 bytes) fits without the buffer growing step by step.
        record.reserveCapacity(512)
        guard Self.appendRecord(key, to: &record, encode) else { return }
        lock.withLock { prepared[key] = record.bytes }
    }

    /// Makes the file hold these entries: adds the missing ones at its end, or rewrites it with
    /// exactly these when it must be rewritten (see the type's documentation). Entries are written
    /// sorted by table and path, so equal sets of entries written whole give equal files.
    /// Failures to write are ignored: the cache only saves time.
    func save(manifests: [DesiredStateCache.Key: ManifestFile], definitions: [DesiredStateCache.Key: DefinitionAnalysis]) {
        lock.withLock {
            saving.store(true, ordering: .releasing)
            defer { saving.store(false, ordering: .releasing) }
            openIfNeeded()
            lastSave = saveLocked(manifests: manifests, definitions: definitions)
            prepared.removeAll()
        }
    }

    private func saveLocked(manifests: [DesiredStateCache.Key: ManifestFile],
                            definitions: [DesiredStateCache.Key: DefinitionAnalysis]) -> SaveOutcome {
        var liveBytes = 0
        var missing: [Key] = []
        func visit(_ table: Table, _ key: DesiredStateCache.Key) {
            let diskKey = Key(table: table, path: key.path, id: key.id)
            if let entry = scan?.index[diskKey] {
                liveBytes += entry.record.count
            } else {
                missing.append(diskKey)
            }
        }
        for key in manifests.keys { visit(.manifest, key) }
        for key in definitions.keys { visit(.definition, key) }
        func encode(_ key: Key, into writer: inout ByteWriter) -> Bool {
            if let record = prepared[key] {
                writer.write(raw: record)
                return true
            }
            let cacheKey = DesiredStateCache.Key(path: key.path, id: key.id)
            return Self.appendRecord(key, to: &writer) { payload in
                switch key.table {
                case .manifest:
                    guard let file = manifests[cacheKey] else { return false }
                    return payload.write(manifestFile: file)
                case .definition:
                    guard let analysis = definitions[cacheKey] else { return false }
                    payload.write(analysis)
                    return true
                }
            }
        }
        let storedBytes = scan.map { $0.validEnd - Self.headerSize } ?? 0
        let dead = storedBytes - liveBytes
        let rewrite = scan == nil || scan?.damagedTail == true || dead > liveBytes / 2
        if !rewrite {
            guard !missing.isEmpty else { return .unchanged }
            missing = Self.inFileOrder(missing)
            var records = ByteWriter()
            var added: [(Key, Range<Int>)] = []
            for key in missing {
                let start = records.bytes.count
                if encode(key, into: &records) { added.append((key, start..<records.bytes.count)) }
            }
            guard !added.isEmpty else { return .unchanged }
            guard Self.appendToFile(path, records.bytes) else { return .failed }
            let base = contents.count
            contents.append(contentsOf: records.bytes)
            for (key, range) in added { scan?.index[key] = Self.entry(key, at: range.lowerBound + base, end: range.upperBound + base) }
            scan?.validEnd = contents.count
            return .appended(records: added.count)
        }
        var keys: [Key] = []
        keys.reserveCapacity(manifests.count + definitions.count)
        for key in manifests.keys { keys.append(Key(table: .manifest, path: key.path, id: key.id)) }
        for key in definitions.keys { keys.append(Key(table: .definition, path: key.path, id: key.id)) }
        guard !keys.isEmpty || scan != nil else { return .unchanged }
        keys = Self.inFileOrder(keys)
        var file = ByteWriter()
        // Room for what is kept and what was prepared, so the buffer does not grow (and get
        // copied) step by step: a cold load writes several megabytes.
        let preparedBytes = prepared.values.reduce(0) { $0 + $1.count }
        file.reserveCapacity(max(liveBytes, contents.count) + preparedBytes + Self.headerSize)
        file.write(raw: Self.header)
        var written = 0
        contents.withUnsafeBytes { old in
            for key in keys {
                if let entry = scan?.index[key] {
                    file.write(raw: UnsafeRawBufferPointer(rebasing: old[entry.record]))
                } else if !encode(key, into: &file) {
                    continue
                }
                written += 1
            }
        }
        guard Self.replaceFile(path, in: folder, with: file.bytes) else { return .failed }
        // The file is read again when next needed (a process that only writes it once, as a
        // command does, never indexes what it wrote).
        contents = []
        scan = nil
        opened = false
        return .rewritten(records: written)
    }

    /// `keys` in the order entries are written: by table, then by path (compared byte by byte),
    /// then by blob id. Positions are sorted, with each path's bytes copied out once, so that no
    /// key (and no string) is copied or bridged while sorting: a cold load writes 12,000 entries.
    private static func inFileOrder(_ keys: [Key]) -> [Key] {
        let paths = keys.map { ContiguousArray($0.path.utf8) }
        var positions = Array(keys.indices)
        positions.sort { a, b in
            let leftTable = keys[a].table.rawValue, rightTable = keys[b].table.rawValue
            if leftTable != rightTable { return leftTable < rightTable }
            let sign = paths[a].withUnsafeBytes { left in paths[b].withUnsafeBytes { right in compare(left, right) } }
            return sign != 0 ? sign < 0 : keys[a].id < keys[b].id
        }
        return positions.map { keys[$0] }
    }

    /// Negative, zero or positive as `left` sorts before, with or after `right`, byte by byte.
    private static func compare(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Int {
        let shared = min(left.count, right.count)
        if shared > 0, let leftBase = left.baseAddress, let rightBase = right.baseAddress {
            let sign = memcmp(leftBase, rightBase, shared)
            if sign != 0 { return Int(sign) }
        }
        return (left.count - right.count).signum()
    }

    /// The place of `key`'s record written from `start` to `end`.
    private static func entry(_ key: Key, at start: Int, end: Int) -> Entry {
        let pathLength = key.path.utf8.count
        var lengthBytes = 1
        while pathLength >> (7 * lengthBytes) > 0 { lengthBytes += 1 }
        let payloadStart = start + recordHeaderSize + 1 + lengthBytes + pathLength + 20
        return Entry(record: start..<end, payload: payloadStart..<end)
    }

    /// Reads the file once; the cache is empty when it is missing, of another version or unreadable.
    private func openIfNeeded() {
        guard !opened else { return }
        opened = true
        guard let bytes = Self.readFile(path), let found = Self.scan(bytes) else { return }
        contents = bytes
        contents.removeSubrange(found.validEnd...)
        scan = found
    }
}
