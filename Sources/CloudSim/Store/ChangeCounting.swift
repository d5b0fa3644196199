import Cloud
import Foundation
import GRDB

/// A change counter per resource, kept by the store itself (SQLite triggers), so that nothing a
/// call changes can escape it: every write to a function, state machine, role or managed policy,
/// to their versions, aliases, inline policies, attachments or tags, stamps the resource with the
/// next value of one store-wide counter. `SimProvider.changeCounters()` answers the stamps.
///
/// The counter row also holds a random epoch, renewed whenever the row is created (a new or reset
/// store) and by an import; tokens combine epoch and stamp, so a token never repeats across a
/// reset or an import even though stamps start again.
enum ChangeCounting {
    /// The frozen id of the migration that adds the counters.
    static let migrationId = "v5-change-counters"
    /// The frozen id of the migration that moves the counter when a resource is deleted.
    static let deletesMigrationId = "v7-change-counter-deletes"
    /// The frozen id of the migration that adds the indexes the token query reads.
    static let indexesMigrationId = "v8-change-token-indexes"

    /// The token query's tables with a covering index (name and stamp by account and region):
    /// without one, each row's stamp is read from the end of a row that holds the whole stored
    /// configuration or definition (~4 ms for 10,000 functions, ~1 ms with the index).
    static let indexed = ["function", "stateMachine"]

    /// The tables stamped directly, with their child tables (table, column naming the parent's id).
    static let stamped: [(table: String, children: [(table: String, parent: String)])] = [
        ("function", [("functionVersion", "functionId"), ("functionAlias", "functionId")]),
        ("stateMachine", [("stateMachineVersion", "stateMachineId"), ("stateMachineAlias", "stateMachineId")]),
        ("role", [("rolePolicy", "roleId"), ("roleAttachment", "roleId")]),
        ("managedPolicy", [("policyVersion", "policyId")]),
    ]

    /// Tables the triggers fill: an import leaves them to the triggers instead of copying them.
    static let derivedTables: Set<String> = ["changeCounter", "tagChange"]

    /// Takes the next counter value (creating the counter row with a new epoch when missing).
    private static let next = """
        INSERT INTO changeCounter (id, value, epoch) VALUES (1, 1, random())
            ON CONFLICT (id) DO UPDATE SET value = value + 1;
        """
    private static let current = "(SELECT value FROM changeCounter WHERE id = 1)"

    /// Adds the `changeSeq` columns, the counter, the tag stamps and the triggers.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE changeCounter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL, epoch INTEGER NOT NULL);
            CREATE TABLE tagChange (arn TEXT PRIMARY KEY, seq INTEGER NOT NULL);
            """)
        for (table, children) in stamped {
            try db.execute(sql: """
                ALTER TABLE \(table) ADD COLUMN changeSeq INTEGER NOT NULL DEFAULT 0;
                CREATE TRIGGER \(table)_stamp_insert AFTER INSERT ON \(table) BEGIN
                    \(next)
                    UPDATE \(table) SET changeSeq = \(current) WHERE id = NEW.id;
                END;
                CREATE TRIGGER \(table)_stamp_update AFTER UPDATE ON \(table) WHEN NEW.changeSeq = OLD.changeSeq BEGIN
                    \(next)
                    UPDATE \(table) SET changeSeq = \(current) WHERE id = NEW.id;
                END;
                """)
            for (child, parent) in children {
                for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
                    try db.execute(sql: """
                        CREATE TRIGGER \(child)_stamp_\(event.lowercased()) AFTER \(event) ON \(child) BEGIN
                            \(next)
                            UPDATE \(table) SET changeSeq = \(current) WHERE id = \(row).\(parent);
                        END;
                        """)
                }
            }
        }
        for (event, row) in [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")] {
            try db.execute(sql: """
                CREATE TRIGGER tag_stamp_\(event.lowercased()) AFTER \(event) ON tag BEGIN
                    \(next)
                    INSERT INTO tagChange (arn, seq) VALUES (\(row).arn, \(current))
                        ON CONFLICT (arn) DO UPDATE SET seq = excluded.seq;
                END;
                """)
        }
    }

    /// Moves the counter on the deletion of a function, state machine, role or managed policy
    /// (its stamp goes with it, but the watermark must move: a resource without versions, aliases,
    /// policies or tags is deleted without touching any other stamped row).
    static func migrateDeletes(_ db: Database) throws {
        for (table, _) in stamped {
            try db.execute(sql: """
                CREATE TRIGGER \(table)_stamp_delete AFTER DELETE ON \(table) BEGIN
                    \(next)
                END;
                """)
        }
    }

    /// Adds the covering indexes of `indexed`.
    static func migrateIndexes(_ db: Database) throws {
        for table in indexed {
            try db.execute(sql: "CREATE INDEX \(table)_tokens ON \(table)(account, region, name, changeSeq)")
        }
    }

    /// The store's watermark: the token a resource stamped now would get. Every stamp takes the
    /// next counter value, so the watermark moves on any change to any resource of the store (of
    /// every account and region: more often than one scope needs, never less); nil before the
    /// first stamp.
    static func watermark(_ db: Database) throws -> UInt64? {
        guard let row = try Row.fetchOne(db, sql: "SELECT value, epoch FROM changeCounter WHERE id = 1") else { return nil }
        let value: Int64 = row[0]
        let epoch: Int64 = row[1]
        return mixed(epoch) ^ UInt64(bitPattern: value)
    }

    /// The epoch as tokens combine it with stamps.
    private static func mixed(_ epoch: Int64) -> UInt64 {
        UInt64(bitPattern: epoch) &* 0x9E37_79B9_7F4A_7C15
    }

    /// After an import: a new epoch, and the counter past every stamp the import brought.
    static func renew(_ db: Database) throws {
        let stamps = (stamped.map { "(SELECT MAX(changeSeq) FROM \($0.table))" } + ["(SELECT MAX(seq) FROM tagChange)"])
            .map { "COALESCE(\($0), 0)" }.joined(separator: ", ")
        try db.execute(sql: """
            INSERT INTO changeCounter (id, value, epoch) VALUES (1, MAX(0, \(stamps)), random())
                ON CONFLICT (id) DO UPDATE SET value = MAX(value, \(stamps)), epoch = random();
            """)
    }

    /// The change tokens of every resource of `scope` (IAM: of its account). A resource's stamp
    /// is the later of its own and its tags' (tags are kept by ARN).
    ///
    /// Functions and state machines (thousands in a region) are read with their own stamps, and
    /// the tag stamps of their ARNs in one range of `tagChange`'s key, joined by name here: one
    /// lookup per row in SQLite, building each ARN, costs several times the plain scan. Roles,
    /// whose ARNs carry a path, and policies, keyed by ARN, are joined in SQLite.
    static func counters(_ db: Database, scope: CloudScope) throws -> ChangeCounters {
        let epoch = mixed(try Int64.fetchOne(db, sql: "SELECT epoch FROM changeCounter WHERE id = 1") ?? 0)
        func read(_ sql: String, _ arguments: StatementArguments, tagsUnder prefix: String? = nil) throws -> [String: UInt64] {
            var tagStamps: [String: Int64] = [:]
            if let prefix {
                // Every ARN with the prefix sorts at or after it and before the prefix with its
                // last character (":") raised by one.
                let end = String(prefix.dropLast()) + ";"
                try each(db, "SELECT substr(arn, ?), seq FROM tagChange WHERE arn >= ? AND arn < ?", [prefix.utf8.count + 1, prefix, end]) { row in
                    tagStamps[row[0]] = row[1]
                }
            }
            var tokens: [String: UInt64] = [:]
            try each(db, sql, arguments) { row in
                let name: String = row[0]
                var stamp: Int64 = row[1]
                if !tagStamps.isEmpty, let tagged = tagStamps[name] { stamp = max(stamp, tagged) }
                tokens[name] = epoch ^ UInt64(bitPattern: stamp)
            }
            return tokens
        }
        let tagStamp = "COALESCE((SELECT seq FROM tagChange WHERE tagChange.arn = %@), 0)"
        func stamped(_ arn: String) -> String { "MAX(changeSeq, \(tagStamp.replacingOccurrences(of: "%@", with: arn)))" }
        return ChangeCounters(
            functions: try read("SELECT name, changeSeq FROM function WHERE account = ? AND region = ?", [scope.account, scope.region],
                                tagsUnder: ARN.lambdaFunction("", in: scope).description),
            stateMachines: try read("SELECT name, changeSeq FROM stateMachine WHERE account = ? AND region = ?", [scope.account, scope.region],
                                    tagsUnder: ARN.stateMachine("", in: scope).description),
            roles: try read("SELECT name, \(stamped("? || role.path || role.name")) FROM role WHERE account = ?",
                            [ARN.role("", path: "", in: scope).description, scope.account]),
            policies: try read("SELECT name, \(stamped("managedPolicy.arn")) FROM managedPolicy WHERE account = ?", [scope.account]),
            watermark: try watermark(db))
    }

    /// Runs `body` on each row of a query.
    private static func each(_ db: Database, _ sql: String, _ arguments: StatementArguments, _ body: (Row) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { try body(row) }
    }
}
