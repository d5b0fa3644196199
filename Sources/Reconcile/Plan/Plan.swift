import Foundation
import DesiredState

/// What plumb would change in one environment to make it match one revision of desired state.
///
/// `changes` is in execution order: IAM (policies, then roles), then functions, then state
/// machines, refined by `dependsOn`; deletions come last, in reverse of that order. Changes that
/// maintenance holds are in `held`, never in `changes`.
public struct Plan: Sendable {
    /// The desired revision planned (a commit or a working tree).
    public var revision: Revision
    /// The environment, account and region.
    public var target: DeploymentTarget
    /// The maintenance mode in effect (`normal` without a Maintenance manifest).
    public var mode: MaintenanceMode
    /// The environment's time the plan was made at (freeze windows are judged at it).
    public var plannedAt: Date
    /// The changes to make, in order.
    public var changes: [PlannedChange]
    /// Changes held by maintenance, with the reason.
    public var held: [HeldChange]
    /// Whether managed resources missing from desired state are deleted.
    public var prune: Bool
    /// Live resources that are not managed by plumb and not in desired state (never touched).
    public var unmanaged: [ResourceID]

    /// Creates a plan.
    public init(revision: Revision, target: DeploymentTarget, mode: MaintenanceMode, plannedAt: Date,
                changes: [PlannedChange], held: [HeldChange], prune: Bool, unmanaged: [ResourceID] = []) {
        self.revision = revision
        self.target = target
        self.mode = mode
        self.plannedAt = plannedAt
        self.changes = changes
        self.held = held
        self.prune = prune
        self.unmanaged = unmanaged
    }

    /// Counts by action, and held.
    public var summary: PlanSummary { PlanSummary(changes: changes, held: held) }

    /// True when there is nothing to change and nothing held: the environment matches.
    public var isEmpty: Bool { changes.isEmpty && held.isEmpty }

    /// The change to `resource`, if any (held ones excluded).
    public func change(for resource: ResourceID) -> PlannedChange? {
        changes.first { $0.resource == resource }
    }
}

/// How many changes a plan has, by action.
public struct PlanSummary: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Resources to create.
    public var create: Int
    /// Resources to update.
    public var update: Int
    /// Resources to delete.
    public var delete: Int
    /// Changes held by maintenance.
    public var held: Int

    /// Counts `changes` and `held`.
    public init(changes: [PlannedChange], held: [HeldChange]) {
        create = changes.filter { $0.action == .create }.count
        update = changes.filter { $0.action == .update }.count
        delete = changes.filter { $0.action == .delete }.count
        self.held = held.count
    }

    /// `2 to create, 1 to update, 0 to delete, 1 held`.
    public var description: String {
        "\(create) to create, \(update) to update, \(delete) to delete, \(held) held"
    }
}

/// A change maintenance holds back, and why.
public struct HeldChange: Sendable, Hashable {
    /// The change that would be made.
    public var change: PlannedChange
    /// Why it is held.
    public var reason: HoldReason

    /// Creates the value.
    public init(change: PlannedChange, reason: HoldReason) {
        self.change = change
        self.reason = reason
    }
}

/// Why a change is held.
public enum HoldReason: Sendable, Hashable, CustomStringConvertible {
    /// Maintenance mode is `paused`: every deployment is held.
    case paused
    /// A freeze window is open; `closesAt` is when it ends (environment time).
    case freezeWindow(FreezeWindow, closesAt: Date)
    /// The resource is listed in maintenance `blocked`.
    case blocked
    /// Maintenance mode is `emergency-shutdown`: only the shutdown itself is applied.
    case emergencyShutdown

    /// A short code: `paused`, `freeze-window`, `blocked`, `emergency-shutdown`.
    public var code: String {
        switch self {
        case .paused: return "paused"
        case .freezeWindow: return "freeze-window"
        case .blocked: return "blocked"
        case .emergencyShutdown: return "emergency-shutdown"
        }
    }

    /// A sentence saying why and what to do.
    public var description: String {
        switch self {
        case .paused:
            return "maintenance mode is paused; set mode: normal in the Maintenance manifest to deploy"
        case .freezeWindow(let window, let closesAt):
            let why = window.reason.isEmpty ? "" : " (\(window.reason))"
            let days = window.days.map(\.rawValue).joined(separator: ",")
            return "freeze window \(days) \(window.start)–\(window.end) \(window.timezone)\(why) is open until \(PlanTime.format(closesAt))"
        case .blocked:
            return "the resource is blocked in the Maintenance manifest; remove it from blocked to deploy it"
        case .emergencyShutdown:
            return "maintenance mode is emergency-shutdown; revert that commit (or set mode: normal) to deploy"
        }
    }
}

/// Formats environment times in plans and reports (UTC, ISO 8601).
enum PlanTime {
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
