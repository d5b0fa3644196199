import Foundation

/// A plan as the ledger keeps it: the changes with their fields, and what was held.
public struct PlanRecord: Sendable, Codable, Hashable {
    /// One change.
    public struct Change: Sendable, Codable, Hashable {
        /// `Function/x`.
        public var resource: String
        /// `create`, `update` or `delete`.
        public var action: String
        /// How it rolls out.
        public var rollout: String
        /// The fields that differ, as `path: live → desired` (secrets masked).
        public var fields: [String]
    }

    /// One held change.
    public struct Held: Sendable, Codable, Hashable {
        /// `Function/x`.
        public var resource: String
        /// `paused`, `freeze-window`, `blocked`, `emergency-shutdown`.
        public var reason: String
        /// Why, in words.
        public var detail: String
    }

    /// The changes, in order.
    public var changes: [Change]
    /// The held changes.
    public var held: [Held]

    /// The record of `plan`.
    public init(_ plan: Plan) {
        changes = plan.changes.map { change in
            Change(resource: change.resource.description, action: change.action.rawValue, rollout: change.rollout.summary,
                   fields: change.diffs.map { "\($0.path): \($0.live ?? "(none)") → \($0.desired ?? "(none)")" })
        }
        held = plan.held.map { Held(resource: $0.change.resource.description, reason: $0.reason.code, detail: $0.reason.description) }
    }

    /// An empty record.
    public init() {
        changes = []
        held = []
    }

    /// JSON text for the ledger.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Reads the ledger's JSON text (an empty record when it does not parse).
    public static func parse(_ text: String) -> PlanRecord {
        (try? JSONDecoder().decode(PlanRecord.self, from: Data(text.utf8))) ?? PlanRecord()
    }
}
