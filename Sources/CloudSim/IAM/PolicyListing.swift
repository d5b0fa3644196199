import Cloud
import Foundation
import GRDB

/// ListPolicies' store queries: the attachment counts and tags of every policy of an account
/// read in one query each, instead of two queries per policy.
enum PolicyListing {
    /// Every customer managed policy of `account`, by name, as GetPolicy shows it.
    static func all(_ db: Database, account: String) throws -> [ManagedPolicy] {
        var attachments: [String: Int] = [:]
        let counts = try Row.fetchCursor(db, sql: """
            SELECT roleAttachment.policyArn, COUNT(*) FROM roleAttachment
            JOIN managedPolicy ON managedPolicy.arn = roleAttachment.policyArn
            WHERE managedPolicy.account = ? GROUP BY roleAttachment.policyArn
            """, arguments: [account])
        while let row = try counts.next() { attachments[row[0]] = row[1] }
        var tags: [String: [String: String]] = [:]
        let tagRows = try Row.fetchCursor(db, sql: """
            SELECT tag.arn, tag.key, tag.value FROM tag JOIN managedPolicy ON managedPolicy.arn = tag.arn
            WHERE managedPolicy.account = ?
            """, arguments: [account])
        while let row = try tagRows.next() { tags[row[0], default: [:]][row[1]] = row[2] as String }
        return try ManagedPolicyRecord.filter(ManagedPolicyRecord.Columns.account == account).order(ManagedPolicyRecord.Columns.name)
            .fetchAll(db).map { $0.view(attachmentCount: attachments[$0.arn] ?? 0, tags: tags[$0.arn] ?? [:]) }
    }
}
