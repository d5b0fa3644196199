import Cloud
import GRDB

extension CodeBundleRecord {
    /// Records a prepared bundle in the store, or checks an already recorded one has the same contents.
    static func register(_ bundle: PreparedBundle, _ context: CallContext) throws {
        if let existing = try CodeBundleRecord.fetchOne(context.db, key: bundle.id) {
            guard existing.sha256 == bundle.sha256 else {
                throw CloudError(.invalidParameterValue,
                    "Code bundle \(bundle.id) is already stored with different contents (CodeSha256 \(existing.sha256), now \(bundle.sha256)). A bundle id must identify its contents: use the code folder's git tree id.")
            }
            return
        }
        try CodeBundleRecord(id: bundle.id, sha256: bundle.sha256, size: bundle.size, fileCount: bundle.fileCount,
                             storedAt: context.now).insert(context.db)
    }
}
